/**
 * The site's reverse proxy: the only container anywhere that publishes host ports.
 *
 * It listens on unprivileged ports inside the container (so it needs no capability and runs
 * as a normal user) and the engine maps 80/443 of one host address onto them. The address is
 * explicit: binding every interface of the platform host is a decision an operator makes, not a
 * default. It sits on the DMZ (the only non-internal network), on the platform's edge network
 * (the console's and Grafana's web endpoints) and on each exposed environment's edge network,
 * never on the management network.
 *
 * The proxy is Traefik, configured through its environment (static configuration) and the
 * generated files mounted at {@link INGRESS_CONFIG_PATH} (routes, and `tls.yml` pointing at the
 * site's certificate, mounted read-only at {@link INGRESS_TLS_PATH}). Its healthcheck is Traefik's
 * own `traefik healthcheck --ping` against the ping endpoint the same static configuration turns
 * on. It restarts `always`: the site has one entrance, and giving up after five crashes would
 * leave every ministry unreachable (an approved exception against CIS 5.15 records why).
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { HealthcheckSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import { PLATFORM_STACK, cgroupSliceName, platformContainerName } from '../naming.js';
import { INGRESS_TLS_PATH } from '../ingress-tls.js';
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
  /** The site's certificate and key (`cert.pem`, `key.pem`), mounted read-only at {@link INGRESS_TLS_PATH}. */
  tlsHostPath: '/srv/dcops/ingress-tls',
  /** Traefik's ping entry point, inside the container only. */
  pingPort: 8082,
  pidsLimit: 1024,
  healthcheck: {
    test: ['CMD', 'traefik', 'healthcheck', '--ping'],
    intervalSeconds: 15,
    timeoutSeconds: 5,
    retries: 3,
    startPeriodSeconds: 10,
  } satisfies HealthcheckSpec,
} as const;

export const INGRESS_CONFIG_PATH = '/etc/dcops/ingress';

/** Traefik's static configuration, as the environment variables it reads. */
export function ingressEnvironment(domain: string): Record<string, string> {
  const d = INGRESS_DEFAULTS;
  return {
    DCOPS_DOMAIN: domain,
    TRAEFIK_ENTRYPOINTS_WEB_ADDRESS: `:${d.containerHttpPort}`,
    TRAEFIK_ENTRYPOINTS_WEBSECURE_ADDRESS: `:${d.containerHttpsPort}`,
    TRAEFIK_ENTRYPOINTS_PING_ADDRESS: `127.0.0.1:${d.pingPort}`,
    TRAEFIK_PING: 'true',
    TRAEFIK_PING_ENTRYPOINT: 'ping',
    TRAEFIK_PROVIDERS_FILE_DIRECTORY: INGRESS_CONFIG_PATH,
    TRAEFIK_PROVIDERS_FILE_WATCH: 'true',
    TRAEFIK_GLOBAL_SENDANONYMOUSUSAGE: 'false',
    TRAEFIK_GLOBAL_CHECKNEWVERSION: 'false',
  };
}

export interface IngressProps {
  readonly provider: TerraformProvider;
  readonly image: string;
  /** Public DNS suffix served (passed to the proxy as `DCOPS_DOMAIN`). */
  readonly domain: string;
  /** Host address 80/443 are bound to. Required; `0.0.0.0` only when chosen on purpose. */
  readonly bindIp: string;
  readonly dmz: NetworkAttachment;
  /** The platform's own edge network (console and Grafana web endpoints). */
  readonly platformEdge: NetworkAttachment;
  /** Edge networks of the exposed environments. */
  readonly edges: readonly NetworkAttachment[];
  readonly hostHttpPort?: number;
  readonly hostHttpsPort?: number;
  readonly memoryMb?: number;
  readonly vcpu?: number;
  readonly configHostPath?: string;
  /** Host directory of the certificate and key (never their content: only the path is in the JSON). */
  readonly tlsHostPath?: string;
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
      networks: [props.dmz, props.platformEdge, ...props.edges],
      publishedPorts: [
        { hostIp: props.bindIp, hostPort: props.hostHttpPort ?? d.hostHttpPort, containerPort: d.containerHttpPort },
        { hostIp: props.bindIp, hostPort: props.hostHttpsPort ?? d.hostHttpsPort, containerPort: d.containerHttpsPort },
      ],
      readOnlyBinds: [
        { hostPath: props.configHostPath ?? d.configHostPath, target: INGRESS_CONFIG_PATH },
        { hostPath: props.tlsHostPath ?? d.tlsHostPath, target: INGRESS_TLS_PATH },
      ],
      env: ingressEnvironment(props.domain),
      restart: 'always',
      cgroupParent: cgroupSliceName('platform', platformContainerName('ingress')),
      pidsLimit: d.pidsLimit,
      labels: { [LABEL.stack]: PLATFORM_STACK, [LABEL.role]: 'ingress' },
    });
  }
}
