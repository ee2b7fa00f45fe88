/**
 * The site's reverse proxy: the only container anywhere that publishes host ports.
 *
 * It listens on unprivileged ports inside the container (so it needs no capability and runs
 * as a normal user) and the engine maps 80/443 of one host address onto them. The address is
 * explicit: binding every interface of the platform host is a decision an operator makes, not a
 * default. It sits on the DMZ (the only non-internal network), on the management network (to
 * reach the console and Grafana) and on each ministry's edge network (to reach exposed services).
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { HealthcheckSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import { PLATFORM_STACK, platformContainerName } from '../naming.js';
import { HardenedContainer, type NetworkAttachment } from './hardened-container.js';

export const INGRESS_DEFAULTS = {
  hostHttpPort: 80,
  hostHttpsPort: 443,
  containerHttpPort: 8080,
  containerHttpsPort: 8443,
  memoryMb: 512,
  vcpu: 1,
  /** Generated routes and certificates, mounted read-only at {@link INGRESS_CONFIG_PATH}. */
  configHostPath: '/srv/dcops/build/ingress',
  healthcheck: {
    test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/healthz'],
    intervalSeconds: 15,
    timeoutSeconds: 5,
    retries: 3,
    startPeriodSeconds: 10,
  } satisfies HealthcheckSpec,
} as const;

export const INGRESS_CONFIG_PATH = '/etc/dcops/ingress';

export interface IngressProps {
  readonly provider: TerraformProvider;
  readonly image: string;
  /** Public DNS suffix served (passed to the proxy as `DCOPS_DOMAIN`). */
  readonly domain: string;
  /** Host address 80/443 are bound to. Required; `0.0.0.0` only when chosen on purpose. */
  readonly bindIp: string;
  readonly dmz: NetworkAttachment;
  readonly management: NetworkAttachment;
  /** Edge networks of the ministries that expose services. */
  readonly edges: readonly NetworkAttachment[];
  readonly hostHttpPort?: number;
  readonly hostHttpsPort?: number;
  readonly memoryMb?: number;
  readonly vcpu?: number;
  readonly configHostPath?: string;
  readonly healthcheck?: HealthcheckSpec;
}

export class Ingress extends Construct {
  readonly container: HardenedContainer;

  /** Construct ID and Terraform name: `ingress`. */
  constructor(scope: Construct, props: IngressProps) {
    super(scope, 'ingress');
    const d = INGRESS_DEFAULTS;
    this.container = new HardenedContainer(this, 'ingress', {
      provider: props.provider,
      containerName: platformContainerName('ingress'),
      image: props.image,
      memoryMb: props.memoryMb ?? d.memoryMb,
      vcpu: props.vcpu ?? d.vcpu,
      healthcheck: props.healthcheck ?? d.healthcheck,
      networks: [props.dmz, props.management, ...props.edges],
      publishedPorts: [
        { hostIp: props.bindIp, hostPort: props.hostHttpPort ?? d.hostHttpPort, containerPort: d.containerHttpPort },
        { hostIp: props.bindIp, hostPort: props.hostHttpsPort ?? d.hostHttpsPort, containerPort: d.containerHttpsPort },
      ],
      readOnlyBinds: [{ hostPath: props.configHostPath ?? d.configHostPath, target: INGRESS_CONFIG_PATH }],
      env: { DCOPS_DOMAIN: props.domain },
      labels: { [LABEL.stack]: PLATFORM_STACK, [LABEL.role]: 'ingress' },
    });
  }
}
