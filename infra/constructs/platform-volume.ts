/**
 * A data volume of a platform container (console database, Prometheus TSDB, Grafana state).
 *
 * Platform volumes belong to no ministry, so they carry the stack and the backup labels only;
 * the backup tooling selects volumes by `dcops.backup-policy`, whoever owns them.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import type { BackupPolicy } from '../spec.js';
import { LABEL, labelBlocks } from '../labels.js';
import { PLATFORM_STACK, platformVolumeId, platformVolumeName, type PlatformRole } from '../naming.js';
import { pinAddress } from './address.js';

export interface PlatformBackup {
  readonly policy: BackupPolicy;
  readonly retentionDays: number;
}

export interface PlatformVolumeProps {
  readonly provider: TerraformProvider;
  readonly role: Exclude<PlatformRole, 'ingress'>;
  readonly backup: PlatformBackup;
}

export class PlatformVolume extends Construct {
  readonly volume: Volume;
  readonly volumeName: string;
  readonly address: string;

  /** The construct ID is derived from the role (`vol-<role>-data`). */
  constructor(scope: Construct, props: PlatformVolumeProps) {
    const id = platformVolumeId(props.role);
    super(scope, id);
    this.volumeName = platformVolumeName(props.role);
    this.volume = new Volume(this, 'volume', {
      provider: props.provider,
      name: this.volumeName,
      labels: labelBlocks({
        [LABEL.stack]: PLATFORM_STACK,
        [LABEL.backupPolicy]: props.backup.policy,
        [LABEL.backupRetentionDays]: String(props.backup.retentionDays),
      }),
    });
    this.address = pinAddress(this.volume, id);
  }

  mountAt(target: string): { volumeName: string; target: string } {
    return { volumeName: this.volume.name, target };
  }
}
