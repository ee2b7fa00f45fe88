/**
 * One replica of one tenant service: a hardened container on the host its placement names,
 * plus its data volume when the service books storage.
 *
 * The container joins its ministry's network for the environment's classification and, when the
 * environment is exposed (`government` or `public`), the ministry's edge network where the
 * ingress reaches it. It never publishes host ports: the prop does not exist here.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { EnvironmentSpec, ServiceSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import {
  edgeNetworkName,
  edgeServiceAlias,
  replicaContainerId,
  replicaContainerName,
  tenantServiceAlias,
  type ReplicaRef,
} from '../naming.js';
import { HardenedContainer, type NetworkAttachment } from './hardened-container.js';
import { ServiceVolume } from './service-volume.js';

/** Where a replica's volume is mounted inside the container. */
export const SERVICE_DATA_PATH = '/data';

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

/** Exposures that make a service reachable through the ingress. */
export function isExposed(exposure: EnvironmentSpec['exposure']): boolean {
  return exposure === 'government' || exposure === 'public';
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

    this.volume =
      props.service.storageGb > 0
        ? new ServiceVolume(this, { provider: props.provider, environment: env, service: props.service.name, replica: props.replica })
        : undefined;

    const networks: NetworkAttachment[] = [{ ...props.tenantNetwork, aliases: [tenantServiceAlias(ref)] }];
    if (isExposed(env.exposure)) {
      // The edge network lives in the platform stack: joined by name, not by reference.
      networks.push({ name: edgeNetworkName(env.ministry), aliases: [edgeServiceAlias(ref)] });
    }

    this.container = new HardenedContainer(this, id, {
      provider: props.provider,
      containerName: replicaContainerName(ref),
      image: props.service.image,
      memoryMb: props.service.memoryMb,
      vcpu: props.service.vcpu,
      healthcheck: props.service.healthcheck,
      networks,
      volumeMounts: this.volume ? [{ volumeName: this.volume.volume.name, target: SERVICE_DATA_PATH }] : [],
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
      },
    });
  }
}
