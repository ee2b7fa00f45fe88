/**
 * The only way this code base creates a docker container: every baseline control is set here
 * once, so a tenant service, the console and the ingress cannot drift apart.
 *
 * Baseline (each one is also checked by the compliance rules on the synthesized JSON):
 * - memory limit with no swap on top, CPU limit from vCPU;
 * - read-only root file system, writable scratch space only on a size-capped tmpfs at /tmp;
 * - a non-root user, `no-new-privileges`, every Linux capability dropped;
 * - a healthcheck; `restart = "on-failure"` with a bounded retry count, so a crash-looping
 *   container stops instead of hammering its host;
 * - attached only to named networks (`networks_advanced`, never the default bridge), never
 *   privileged, never sharing the host's network, PID, IPC or user namespace;
 * - bounded json-file logs so a chatty container cannot fill the host's disk;
 * - Docker's AppArmor profile named explicitly, and a cgroup parent slice of its own whose
 *   `TasksMax` (the process limit, CIS 5.29) the host sets from `infra/host-slices.ts`: the
 *   Docker provider has no `pids_limit`, and a `nproc` ulimit would count every container of the
 *   same uid on the host together. The limit is also carried as the `dcops.pids-limit` label,
 *   which the policy rules and the host slice files are checked against.
 *
 * Defaults are documented on each prop.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Container, type ContainerMounts, type ContainerPorts } from '@cdktf/provider-docker/lib/container/index.js';
import type { HealthcheckSpec } from '../spec.js';
import { LABEL, labelBlocks } from '../labels.js';
import { pinAddress } from './address.js';

/** Default non-root user and group for images that do not need a specific one. */
export const DEFAULT_CONTAINER_USER = '10001:10001';
export const DEFAULT_TMPFS_SIZE_MB = 64;
export const DEFAULT_MAX_RETRY_COUNT = 5;
/** Upper bound for `max_retry_count` (site baseline). */
export const MAX_RETRY_COUNT_LIMIT = 5;
export const DEFAULT_LOG_MAX_SIZE_MB = 10;
export const DEFAULT_LOG_MAX_FILES = 3;
/** Host directories a container may bind-mount from (read-only); nothing else on the host. */
export const BIND_MOUNT_ROOT = '/srv/dcops/';

/** Processes per container unless its template says otherwise. */
export const DEFAULT_PIDS_LIMIT = 256;
export const APPARMOR_PROFILE = 'docker-default';

/** Docker refuses memory limits below 6 MiB. */
const DOCKER_MIN_MEMORY_MB = 6;
/** 01777: world-writable with the sticky bit, like a normal /tmp (the provider takes a decimal int). */
const TMPFS_MODE = 0o1777;

export interface NetworkAttachment {
  /** Docker network name (also the sort key). */
  readonly name: string;
  /**
   * The same name as a Terraform reference when the network is in the same stack, so the
   * container is created after it. Default: the plain name (networks of other stacks).
   */
  readonly ref?: string;
  /** DNS names the container answers to on that network. Default: none. */
  readonly aliases?: readonly string[];
}

export interface VolumeMount {
  /** Docker volume name, or a reference to a `docker_volume` name in the same stack. */
  readonly volumeName: string;
  readonly target: string;
}

export interface ReadOnlyBind {
  /** Absolute host path under {@link BIND_MOUNT_ROOT}. */
  readonly hostPath: string;
  readonly target: string;
}

export interface TmpfsMount {
  readonly target: string;
  readonly sizeMb: number;
  /** Default 01777 like /tmp; a socket directory owned by the service user may use 0o775. */
  readonly mode?: number;
}

export interface PublishedPort {
  /** Host address to bind. Required: there is no silent 0.0.0.0 default. */
  readonly hostIp: string;
  readonly hostPort: number;
  readonly containerPort: number;
}

export interface HardenedContainerProps {
  /** Docker provider of the host the container runs on. */
  readonly provider: TerraformProvider;
  /** Docker container name (site-wide unique). */
  readonly containerName: string;
  /** Image pinned by digest. */
  readonly image: string;
  readonly memoryMb: number;
  readonly vcpu: number;
  readonly healthcheck: HealthcheckSpec;
  /** At least one; the container is attached to these networks only. */
  readonly networks: readonly NetworkAttachment[];
  readonly labels: Readonly<Record<string, string>>;
  /** `uid:gid`, never root. Default {@link DEFAULT_CONTAINER_USER}. */
  readonly user?: string;
  /** Size of the /tmp tmpfs. Default {@link DEFAULT_TMPFS_SIZE_MB}. */
  readonly tmpfsSizeMb?: number;
  /** Restarts after failures before giving up, 1…5. Default {@link DEFAULT_MAX_RETRY_COUNT}. */
  readonly maxRetryCount?: number;
  /** Default: none. */
  readonly volumeMounts?: readonly VolumeMount[];
  /** Default: none. */
  readonly readOnlyBinds?: readonly ReadOnlyBind[];
  /** Environment variables (no secrets: they land in Terraform state). Default: none. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Host ports. Default: none. Only the platform ingress sets this; tenant constructs do not
   * expose the prop at all.
   */
  readonly publishedPorts?: readonly PublishedPort[];
  /** Writable tmpfs mounts besides /tmp (e.g. a socket directory). Default: none. */
  readonly tmpfs?: readonly TmpfsMount[];
  /** `/dev/shm` size. Default: Docker's 64 MB. */
  readonly shmSizeMb?: number;
  /** Cgroup parent slice (see `cgroupSliceName` in `naming.ts`). */
  readonly cgroupParent: string;
  /** Process limit the host sets on the slice. Default {@link DEFAULT_PIDS_LIMIT}. */
  readonly pidsLimit?: number;
  /**
   * Default `on-failure` with {@link maxRetryCount}. `always` only where a documented, approved
   * exception says why (the ingress: a site without it is down for everyone).
   */
  readonly restart?: 'on-failure' | 'always';
  /** Default {@link DEFAULT_LOG_MAX_SIZE_MB}. */
  readonly logMaxSizeMb?: number;
  /** Default {@link DEFAULT_LOG_MAX_FILES}. */
  readonly logMaxFiles?: number;
}

export class HardenedContainer extends Construct {
  readonly container: Container;
  /** Terraform address, e.g. `docker_container.svc--portail--web--r0`. */
  readonly address: string;

  /** The construct ID is also the Terraform resource name (see `naming.ts`). */
  constructor(scope: Construct, id: string, props: HardenedContainerProps) {
    super(scope, id);
    checkProps(props);
    const tmpfsSizeMb = props.tmpfsSizeMb ?? DEFAULT_TMPFS_SIZE_MB;

    const mounts: ContainerMounts[] = [
      { type: 'tmpfs', target: '/tmp', tmpfsOptions: { sizeBytes: tmpfsSizeMb * 1024 * 1024, mode: TMPFS_MODE } },
      ...(props.tmpfs ?? []).map((t) => ({ type: 'tmpfs', target: t.target, tmpfsOptions: { sizeBytes: t.sizeMb * 1024 * 1024, mode: t.mode ?? TMPFS_MODE } })),
      ...(props.volumeMounts ?? []).map((v) => ({ type: 'volume', source: v.volumeName, target: v.target, readOnly: false })),
      ...(props.readOnlyBinds ?? []).map((b) => ({ type: 'bind', source: b.hostPath, target: b.target, readOnly: true })),
    ].sort((a, b) => compare(a.target, b.target));

    const ports: ContainerPorts[] = [...(props.publishedPorts ?? [])]
      .sort((a, b) => a.containerPort - b.containerPort)
      .map((p) => ({ internal: p.containerPort, external: p.hostPort, ip: p.hostIp, protocol: 'tcp' }));

    const env = props.env ?? {};
    const hc = props.healthcheck;

    this.container = new Container(this, 'container', {
      provider: props.provider,
      name: props.containerName,
      image: props.image,
      memory: props.memoryMb,
      memorySwap: props.memoryMb,
      cpus: formatCpus(props.vcpu),
      readOnly: true,
      user: props.user ?? DEFAULT_CONTAINER_USER,
      securityOpts: [`apparmor=${APPARMOR_PROFILE}`, 'no-new-privileges:true'],
      cgroupParent: props.cgroupParent,
      ...(props.shmSizeMb !== undefined ? { shmSize: props.shmSizeMb } : {}),
      capabilities: { drop: ['ALL'] },
      privileged: false,
      publishAllPorts: false,
      ipcMode: 'private',
      healthcheck: {
        test: [...hc.test],
        interval: `${hc.intervalSeconds}s`,
        timeout: `${hc.timeoutSeconds}s`,
        retries: hc.retries,
        startPeriod: `${hc.startPeriodSeconds}s`,
      },
      ...(props.restart === 'always' ? { restart: 'always' } : { restart: 'on-failure', maxRetryCount: props.maxRetryCount ?? DEFAULT_MAX_RETRY_COUNT }),
      logDriver: 'json-file',
      logOpts: {
        'max-size': `${props.logMaxSizeMb ?? DEFAULT_LOG_MAX_SIZE_MB}m`,
        'max-file': String(props.logMaxFiles ?? DEFAULT_LOG_MAX_FILES),
      },
      networksAdvanced: [...props.networks]
        .sort((a, b) => compare(a.name, b.name))
        .map((n) => {
          const name = n.ref ?? n.name;
          return n.aliases && n.aliases.length > 0 ? { name, aliases: [...n.aliases].sort() } : { name };
        }),
      mounts,
      ...(ports.length > 0 ? { ports } : {}),
      ...(Object.keys(env).length > 0 ? { env: Object.keys(env).sort().map((k) => `${k}=${env[k]!}`) } : {}),
      labels: labelBlocks({ ...props.labels, [LABEL.pidsLimit]: String(props.pidsLimit ?? DEFAULT_PIDS_LIMIT) }),
    });
    this.address = pinAddress(this.container, id);
  }
}

/** `cpus` is a decimal string in the provider (`"0.25"`, `"2"`). */
export function formatCpus(vcpu: number): string {
  return String(vcpu);
}

function checkProps(p: HardenedContainerProps): void {
  const problems: string[] = [];
  if (!Number.isInteger(p.memoryMb) || p.memoryMb < DOCKER_MIN_MEMORY_MB) problems.push(`memoryMb must be an integer ≥ ${DOCKER_MIN_MEMORY_MB}`);
  if (!(p.vcpu > 0)) problems.push('vcpu must be positive');
  const retries = p.maxRetryCount ?? DEFAULT_MAX_RETRY_COUNT;
  if (!Number.isInteger(retries) || retries < 1 || retries > MAX_RETRY_COUNT_LIMIT) {
    problems.push(`maxRetryCount must be 1…${MAX_RETRY_COUNT_LIMIT}`);
  }
  const user = p.user ?? DEFAULT_CONTAINER_USER;
  const [uid = '', gid] = user.split(':');
  if (uid === '' || uid === '0' || uid === 'root' || gid === '0' || gid === 'root') problems.push(`user "${user}" must be a non-root uid:gid`);
  if (p.networks.length === 0) problems.push('at least one network is required');
  for (const b of p.readOnlyBinds ?? []) {
    if (!isAllowedBindSource(b.hostPath)) problems.push(`bind source "${b.hostPath}" must be a normalised path under ${BIND_MOUNT_ROOT}`);
  }
  for (const port of p.publishedPorts ?? []) {
    if (!/^(?:\d{1,3}\.){3}\d{1,3}$|:/.test(port.hostIp)) problems.push(`published port ${port.hostPort} needs an explicit host IP`);
  }
  if ((p.tmpfsSizeMb ?? DEFAULT_TMPFS_SIZE_MB) <= 0) problems.push('tmpfsSizeMb must be positive');
  const pids = p.pidsLimit ?? DEFAULT_PIDS_LIMIT;
  if (!Number.isInteger(pids) || pids < 1 || pids > 32_768) problems.push('pidsLimit must be 1…32768');
  if (!/^dcops(?:-[a-z0-9]+)+\.slice$/.test(p.cgroupParent)) problems.push(`cgroup parent "${p.cgroupParent}" must be a dcops-… systemd slice`);
  if (problems.length > 0) throw new Error(`container "${p.containerName}": ${problems.join('; ')}`);
}

function isAllowedBindSource(hostPath: string): boolean {
  return hostPath.startsWith(BIND_MOUNT_ROOT) && !hostPath.split('/').some((part) => part === '..' || part === '.') && !hostPath.includes('//');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
