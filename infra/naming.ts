/**
 * Every name the infrastructure derives from the spec, in one place.
 *
 * Two kinds of names live here and both are contracts:
 * - construct IDs, which become Terraform resource addresses (`docker_container.<id>`): renaming
 *   one makes Terraform destroy the old resource and create a new one;
 * - Docker object names (containers, volumes, networks), which operators and other tools see.
 *
 * Slugs may contain single hyphens, so joining `env` and `service` with one hyphen could make
 * two different pairs collide (`a-b`+`c` and `a`+`b-c`). Slugs never contain `--`, so a double
 * hyphen separates the parts unambiguously. Nothing here uses array positions: adding a service or
 * an environment never renames an existing one.
 *
 * No cdktf import: the console may use these to show addresses next to requests.
 */
import { sha256Hex } from '../lib/sha256.js';
import type { Classification } from './spec.js';

export const PLATFORM_STACK = 'platform';

/** Stack of one ministry: `ministry-<code lower case>`. */
export function ministryStackName(ministryCode: string): string {
  return `ministry-${ministryCode.toLowerCase()}`;
}

/** Construct ID of the docker provider of a host (its Terraform alias is the host name itself). */
export function providerConstructId(hostName: string): string {
  return `docker-${hostName}`;
}

// ── networks ────────────────────────────────────────────────────────────────────────────────

export const DMZ_NETWORK = 'dcops-dmz';
export const MANAGEMENT_NETWORK = 'dcops-management';
/** Where the ingress reaches the platform's own web endpoints (console, Grafana), never the management network. */
export const PLATFORM_EDGE_NETWORK = 'dcops-platform-edge';
/** Joined by the console alone: its route to the Docker engines' TLS port (host firewall rules allow it). */
export const CONTROL_NETWORK = 'dcops-control';

/**
 * Docker name of an exposed environment's edge network, shared by the ingress and the exposed
 * services of that environment only (one ministry, one classification). Ministry codes have no
 * hyphen, so the first segment after `dcops-edge-` is always the code.
 */
export function edgeNetworkName(ministryCode: string, environment: string): string {
  return `dcops-edge-${ministryCode.toLowerCase()}-${environment}`;
}

/** Docker name of a ministry's network for one classification level. */
export function tenantNetworkName(ministryCode: string, classification: Classification): string {
  return `dcops-${ministryCode.toLowerCase()}-${classification}`;
}

export const DMZ_NETWORK_ID = 'net-dmz';
export const MANAGEMENT_NETWORK_ID = 'net-management';
export const PLATFORM_EDGE_NETWORK_ID = 'net-platform-edge';
export const CONTROL_NETWORK_ID = 'net-control';

/** `net-edge--<code>--<env>`: `--` keeps (code, environment) pairs apart. */
export function edgeNetworkId(ministryCode: string, environment: string): string {
  return `net-edge--${ministryCode.toLowerCase()}--${environment}`;
}

export function tenantNetworkId(classification: Classification): string {
  return `net-${classification}`;
}

// ── service replicas ────────────────────────────────────────────────────────────────────────

export interface ReplicaRef {
  readonly ministry: string;
  readonly environment: string;
  readonly service: string;
  readonly replica: number;
}

/** Construct ID (and Terraform name) of a replica's container: `svc--<env>--<service>--r<n>`. */
export function replicaContainerId(ref: ReplicaRef): string {
  return `svc--${ref.environment}--${ref.service}--r${ref.replica}`;
}

/** Construct ID (and Terraform name) of a replica's volume: `vol--<env>--<service>--r<n>`. */
export function replicaVolumeId(ref: ReplicaRef): string {
  return `vol--${ref.environment}--${ref.service}--r${ref.replica}`;
}

/** Docker container name, unique on the whole site: `dcops-<code>--<env>--<service>--r<n>`. */
export function replicaContainerName(ref: ReplicaRef): string {
  return `dcops-${ref.ministry.toLowerCase()}--${ref.environment}--${ref.service}--r${ref.replica}`;
}

/** Docker volume name: the container name with a `-data` suffix. */
export function replicaVolumeName(ref: ReplicaRef): string {
  return `${replicaContainerName(ref)}-data`;
}

/**
 * DNS alias of a service on its tenant network. Every replica of a service answers to it, so
 * callers inside the ministry reach the service without knowing replica numbers.
 */
export function tenantServiceAlias(ref: Pick<ReplicaRef, 'environment' | 'service'>): string {
  return `${ref.service}.${ref.environment}`;
}

/** DNS alias of an exposed service on its environment's edge network, where the ingress looks it up. */
export function edgeServiceAlias(ref: Pick<ReplicaRef, 'ministry' | 'environment' | 'service'>): string {
  return `${ref.service}.${ref.environment}.${ref.ministry.toLowerCase()}`;
}

// ── cgroup slices ───────────────────────────────────────────────────────────────────────────

/**
 * Systemd slice a container runs under (Docker's `cgroup_parent` with the systemd cgroup
 * driver). A `-` in a slice name means nesting, so `dcops-mef-c1a2b3c4.slice` sits in
 * `dcops-mef.slice` (the ministry's) inside `dcops.slice`; the leaf is a hash of the container
 * name because container names hold `-` and `--`.
 */
export function cgroupSliceName(owner: string, containerName: string): string {
  return `dcops-${owner.toLowerCase()}-c${sha256Hex(containerName).slice(0, 12)}.slice`;
}

// ── platform ────────────────────────────────────────────────────────────────────────────────

export type PlatformRole = 'ingress' | 'console' | 'prometheus' | 'grafana';

export function platformContainerName(role: PlatformRole): string {
  return `dcops-${role}`;
}

export function platformVolumeId(role: Exclude<PlatformRole, 'ingress'>): string {
  return `vol-${role}-data`;
}

export function platformVolumeName(role: Exclude<PlatformRole, 'ingress'>): string {
  return `dcops-${role}-data`;
}
