/**
 * Grafana, showing the generated dashboards.
 *
 * `dashboards/build.ts` writes dashboards and provisioning files to a build directory that the
 * platform host serves from `/srv/dcops/build/grafana`; Grafana mounts it read-only and reads
 * its provisioning from `provisioning/` inside it, so a UI edit can never overwrite what is
 * reviewed in the repository. Usage reporting and update checks are off: the site keeps its
 * data in the country.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import type { HealthcheckSpec } from '../spec.js';
import { LABEL } from '../labels.js';
import { PLATFORM_STACK, cgroupSliceName, platformContainerName } from '../naming.js';
import { HardenedContainer, type NetworkAttachment } from './hardened-container.js';
import { PlatformVolume, type PlatformBackup } from './platform-volume.js';

export const GRAFANA_BUILD_PATH = '/etc/dcops/grafana';
export const GRAFANA_PORT = 3000;
export const GRAFANA_HOSTNAME = 'grafana';

export const GRAFANA_DEFAULTS = {
  memoryMb: 512,
  vcpu: 0.5,
  /** The upstream image owns /var/lib/grafana as uid 472. */
  user: '472:472',
  buildHostPath: '/srv/dcops/build/grafana',
  backup: { policy: 'daily', retentionDays: 30 } satisfies PlatformBackup,
  healthcheck: {
    test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:3000/api/health'],
    intervalSeconds: 30,
    timeoutSeconds: 5,
    retries: 3,
    startPeriodSeconds: 30,
  } satisfies HealthcheckSpec,
} as const;

export interface GrafanaProps {
  readonly provider: TerraformProvider;
  readonly image: string;
  readonly management: NetworkAttachment;
  readonly platformEdge: NetworkAttachment;
  readonly memoryMb?: number;
  readonly vcpu?: number;
  readonly buildHostPath?: string;
  readonly backup?: PlatformBackup;
  readonly healthcheck?: HealthcheckSpec;
}

export class Grafana extends Construct {
  readonly container: HardenedContainer;
  readonly volume: PlatformVolume;

  /** Construct ID and Terraform name: `grafana` (volume: `vol-grafana-data`). */
  constructor(scope: Construct, props: GrafanaProps) {
    super(scope, 'grafana');
    const d = GRAFANA_DEFAULTS;
    this.volume = new PlatformVolume(this, { provider: props.provider, role: 'grafana', backup: props.backup ?? d.backup });
    this.container = new HardenedContainer(this, 'grafana', {
      provider: props.provider,
      containerName: platformContainerName('grafana'),
      image: props.image,
      memoryMb: props.memoryMb ?? d.memoryMb,
      vcpu: props.vcpu ?? d.vcpu,
      user: d.user,
      healthcheck: props.healthcheck ?? d.healthcheck,
      networks: [props.management, props.platformEdge],
      cgroupParent: cgroupSliceName('platform', platformContainerName('grafana')),
      pidsLimit: 512,
      volumeMounts: [this.volume.mountAt('/var/lib/grafana')],
      readOnlyBinds: [{ hostPath: props.buildHostPath ?? d.buildHostPath, target: GRAFANA_BUILD_PATH }],
      env: {
        GF_PATHS_PROVISIONING: `${GRAFANA_BUILD_PATH}/provisioning`,
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        GF_USERS_ALLOW_SIGN_UP: 'false',
      },
      labels: {
        [LABEL.stack]: PLATFORM_STACK,
        [LABEL.role]: 'grafana',
        [LABEL.exposeHostname]: GRAFANA_HOSTNAME,
        [LABEL.exposePort]: String(GRAFANA_PORT),
      },
    });
  }
}
