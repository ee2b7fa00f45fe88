/**
 * The dcops console itself, with its SQLite database on a backed-up volume.
 *
 * The ingress reaches its web endpoint on the platform's edge network; Prometheus scrapes it on
 * the management network; it reaches the Docker engines' TLS port through the control network,
 * which nothing else joins. It listens on all interfaces of its own namespace (`HOST=0.0.0.0`).
 * The hosts' TLS client material is mounted read-only from the configured directory.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { HealthcheckSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import { PLATFORM_STACK, cgroupSliceName, platformContainerName } from '../naming.js';
import { HardenedContainer, type NetworkAttachment } from './hardened-container.js';
import { PlatformVolume, type PlatformBackup } from './platform-volume.js';

export const CONSOLE_DATA_PATH = '/var/lib/dcops';
/** The console answers at `console.<platform domain>`. */
export const CONSOLE_HOSTNAME = 'console';

export const CONSOLE_DEFAULTS = {
  port: 8080,
  memoryMb: 1024,
  vcpu: 1,
  /** The audit chain lives in this database: hourly backups, kept a year. */
  backup: { policy: 'hourly', retentionDays: 365 } satisfies PlatformBackup,
  healthcheck: {
    test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8080/healthz').then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"],
    intervalSeconds: 15,
    timeoutSeconds: 5,
    retries: 3,
    startPeriodSeconds: 20,
  } satisfies HealthcheckSpec,
} as const;

export interface ConsoleContainerProps {
  readonly provider: TerraformProvider;
  readonly image: string;
  readonly management: NetworkAttachment;
  readonly platformEdge: NetworkAttachment;
  readonly control: NetworkAttachment;
  /** Docker hosts' TLS material: host directory, mounted read-only where the providers look for it. */
  readonly dockerTls: { readonly hostPath: string; readonly target: string };
  /** The ingress's certificate and key, read-only: the apply readiness check judges them before an apply. */
  readonly ingressTls?: { readonly hostPath: string; readonly target: string };
  readonly memoryMb?: number;
  readonly vcpu?: number;
  readonly backup?: PlatformBackup;
  readonly healthcheck?: HealthcheckSpec;
}

export class ConsoleContainer extends Construct {
  readonly container: HardenedContainer;
  readonly volume: PlatformVolume;

  /** Construct ID and Terraform name: `console` (volume: `vol-console-data`). */
  constructor(scope: Construct, props: ConsoleContainerProps) {
    super(scope, 'console');
    const d = CONSOLE_DEFAULTS;
    this.volume = new PlatformVolume(this, { provider: props.provider, role: 'console', backup: props.backup ?? d.backup });
    this.container = new HardenedContainer(this, 'console', {
      provider: props.provider,
      containerName: platformContainerName('console'),
      image: props.image,
      memoryMb: props.memoryMb ?? d.memoryMb,
      vcpu: props.vcpu ?? d.vcpu,
      healthcheck: props.healthcheck ?? d.healthcheck,
      networks: [props.management, props.platformEdge, props.control],
      volumeMounts: [this.volume.mountAt(CONSOLE_DATA_PATH)],
      readOnlyBinds: [
        { hostPath: props.dockerTls.hostPath, target: props.dockerTls.target },
        ...(props.ingressTls ? [{ hostPath: props.ingressTls.hostPath, target: props.ingressTls.target }] : []),
      ],
      cgroupParent: cgroupSliceName('platform', platformContainerName('console')),
      pidsLimit: 512,
      env: {
        HOST: '0.0.0.0',
        PORT: String(d.port),
        DCOPS_DATA_DIR: CONSOLE_DATA_PATH,
        DCOPS_TRUST_PROXY: 'true',
      },
      labels: {
        [LABEL.stack]: PLATFORM_STACK,
        [LABEL.role]: 'console',
        [LABEL.exposeHostname]: CONSOLE_HOSTNAME,
        [LABEL.exposePort]: String(d.port),
      },
    });
  }
}
