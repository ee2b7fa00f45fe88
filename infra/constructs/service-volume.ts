/**
 * The persistent volume of one service replica, on the host the replica runs on (docker
 * volumes are local to an engine).
 *
 * Its labels tell the backup tooling what to back up and how long to keep it; a volume without
 * them would silently fall out of the backup plan.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import type { EnvironmentSpec } from '../spec.js';
import { LABEL, labelBlocks } from '../labels.js';
import { replicaVolumeId, replicaVolumeName, type ReplicaRef } from '../naming.js';
import { pinAddress } from './address.js';

export interface ServiceVolumeProps {
  /** Provider of the host the replica is placed on. */
  readonly provider: TerraformProvider;
  readonly environment: Pick<EnvironmentSpec, 'ministry' | 'name' | 'requestId' | 'backup'>;
  readonly service: string;
  readonly replica: number;
}

export class ServiceVolume extends Construct {
  readonly volume: Volume;
  readonly volumeName: string;
  readonly address: string;

  /** The construct ID is derived from the replica (`vol--<env>--<service>--r<n>`). */
  constructor(scope: Construct, props: ServiceVolumeProps) {
    const ref: ReplicaRef = {
      ministry: props.environment.ministry,
      environment: props.environment.name,
      service: props.service,
      replica: props.replica,
    };
    const id = replicaVolumeId(ref);
    super(scope, id);
    this.volumeName = replicaVolumeName(ref);
    const env = props.environment;
    this.volume = new Volume(this, 'volume', {
      provider: props.provider,
      name: this.volumeName,
      labels: labelBlocks({
        [LABEL.ministry]: env.ministry,
        [LABEL.requestId]: env.requestId,
        [LABEL.environment]: env.name,
        [LABEL.backupPolicy]: env.backup.policy,
        [LABEL.backupRetentionDays]: String(env.backup.retentionDays),
      }),
    });
    this.address = pinAddress(this.volume, id);
  }
}
