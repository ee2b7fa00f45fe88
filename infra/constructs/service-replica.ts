/**
 * One replica of one tenant service: a hardened container on the host its placement names,
 * plus its data volume when the service books storage, shaped by its kind's template
 * (`infra/service-kinds/`).
 *
 * The container joins its ministry's network for the environment's classification and, only
 * when the service itself is exposed (`expose`, allowed by the environment's exposure), its
 * environment's edge network where the ingress reaches it. It never publishes host ports: the
 * prop does not exist here.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { EnvironmentSpec, ServiceSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import {
  cgroupSliceName,
  edgeNetworkName,
  edgeServiceAlias,
  replicaContainerId,
  replicaContainerName,
  tenantServiceAlias,
  type ReplicaRef,
} from '../naming.js';
import { HardenedContainer, type NetworkAttachment } from './hardened-container.js';
import { ServiceVolume } from './service-volume.js';
import { templateOf } from '../service-kinds/index.js';

/** Host directory of the files a template reads secrets from; the operator places them, never the spec. */
export const SERVICE_SECRETS_ROOT = '/srv/dcops/secrets';

export function serviceSecretsDir(ref: Pick<ReplicaRef, 'ministry' | 'environment' | 'service'>): string {
  return `${SERVICE_SECRETS_ROOT}/${ref.ministry.toLowerCase()}/${ref.environment}/${ref.service}`;
}

export interface ServiceReplicaProps {
  /** Name of the stack the replica belongs to (`dcops.stack` label). */
  readonly stackName: string;
  /** Provider of the host the placement names. */
  readonly provider: TerraformProvider;
  readonly environment: EnvironmentSpec;
  readonly service: ServiceSpec;
  /** 0-based replica index. */
  readonly replica: number;
  /** The ministry's network for the environment's classification (same stack). */
  readonly tenantNetwork: Pick<NetworkAttachment, 'name' | 'ref'>;
}

/** Exposures under which a service may be reached through the ingress. */
export function isExposed(exposure: EnvironmentSpec['exposure']): boolean {
  return exposure === 'government' || exposure === 'public';
}

/** A service the ingress routes to: it asks for it, and its environment allows it. */
export function isServiceExposed(env: Pick<EnvironmentSpec, 'exposure'>, service: Pick<ServiceSpec, 'expose'>): boolean {
  return service.expose !== undefined && isExposed(env.exposure);
}

export class ServiceReplica extends Construct {
  readonly container: HardenedContainer;
  /** Present when the service books storage (`storageGb > 0`). */
  readonly volume: ServiceVolume | undefined;

  /** The construct ID is derived from the replica (`svc--<env>--<service>--r<n>`). */
  constructor(scope: Construct, props: ServiceReplicaProps) {
    const env = props.environment;
    const ref: ReplicaRef = { ministry: env.ministry, environment: env.name, service: props.service.name, replica: props.replica };
    const id = replicaContainerId(ref);
    super(scope, id);

    const template = templateOf(props.service.kind);
    this.volume =
      props.service.storageGb > 0
        ? new ServiceVolume(this, { provider: props.provider, environment: env, service: props.service.name, replica: props.replica })
        : undefined;

    const exposed = isServiceExposed(env, props.service);
    const networks: NetworkAttachment[] = [{ ...props.tenantNetwork, aliases: [tenantServiceAlias(ref)] }];
    if (exposed) {
      // The edge network lives in the platform stack: joined by name, not by reference.
      networks.push({ name: edgeNetworkName(env.ministry, env.name), aliases: [edgeServiceAlias(ref)] });
    }
    const dataPath = this.volume ? template.dataPath : null;
    const secrets = template.secretFiles ?? [];
    const expose = exposed ? props.service.expose : undefined;
    const containerName = replicaContainerName(ref);

    this.container = new HardenedContainer(this, id, {
      provider: props.provider,
      containerName,
      image: props.service.image,
      memoryMb: props.service.memoryMb,
      vcpu: props.service.vcpu,
      healthcheck: template.healthcheck(props.service),
      networks,
      volumeMounts: this.volume && dataPath ? [{ volumeName: this.volume.volume.name, target: dataPath }] : [],
      readOnlyBinds: secrets.map((f) => ({ hostPath: `${serviceSecretsDir(ref)}/${f.name}`, target: f.target })),
      ...(template.user ? { user: template.user } : {}),
      tmpfs: template.tmpfs,
      ...(template.shmSizeMb !== undefined ? { shmSizeMb: template.shmSizeMb } : {}),
      cgroupParent: cgroupSliceName(env.ministry, containerName),
      pidsLimit: template.pidsLimit,
      env: template.env({ service: props.service, dataPath }),
      labels: {
        [LABEL.stack]: props.stackName,
        [LABEL.role]: 'service',
        [LABEL.ministry]: env.ministry,
        [LABEL.requestId]: env.requestId,
        [LABEL.environment]: env.name,
        [LABEL.classification]: env.classification,
        [LABEL.exposure]: env.exposure,
        [LABEL.backupPolicy]: env.backup.policy,
        [LABEL.service]: props.service.name,
        [LABEL.replica]: String(props.replica),
        [LABEL.kind]: props.service.kind,
        ...(expose ? { [LABEL.exposeHostname]: expose.hostname, [LABEL.exposePort]: String(expose.port) } : {}),
      },
    });
  }
}
