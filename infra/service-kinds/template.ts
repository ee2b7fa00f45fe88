/**
 * A service kind's template: what its stock image needs to run under the hardened baseline
 * (read-only root, non-root user, no capabilities), written as data next to the code that
 * applies it, with the image documentation each need comes from.
 *
 * `requirements` are what a test checks every synthesized container of the kind against; the
 * other fields are what `ServiceReplica` applies. No cdktf here: the console may show them.
 */
import type { HealthcheckSpec, ServiceKind, ServiceSpec } from '../spec.js';

/** What a synthesized container must show for one requirement. */
export type ContainerExpectation =
  | { readonly type: 'env'; readonly name: string; readonly value: string }
  /** An environment variable naming a path inside the data volume (so the data is backed up). */
  | { readonly type: 'env-inside-volume'; readonly name: string }
  | { readonly type: 'volume-at'; readonly target: string }
  | { readonly type: 'tmpfs-at'; readonly target: string }
  | { readonly type: 'healthcheck-command'; readonly command: string }
  | { readonly type: 'shm-size-at-least'; readonly mb: number }
  | { readonly type: 'user'; readonly value: string }
  | { readonly type: 'read-only-bind-at'; readonly target: string }
  /** The requester's own healthcheck is kept as declared (their image, their tool). */
  | { readonly type: 'healthcheck-as-declared' };

export interface KindRequirement {
  readonly id: string;
  /** What the image needs and why, in the project's words (French). */
  readonly need: string;
  /** The image documentation this comes from. */
  readonly source: string;
  readonly expect: ContainerExpectation;
}

export interface TemplateContext {
  readonly service: ServiceSpec;
  /** Where the data volume is mounted, when the service books storage. */
  readonly dataPath: string | null;
}

export interface ServiceKindTemplate {
  readonly kind: ServiceKind;
  /** Holds data (database, cache, queue): never exposed, never reachable from the ingress. */
  readonly stateful: boolean;
  /** Where the service's volume is mounted (the image's data directory). */
  readonly dataPath: string;
  /** `uid:gid` the image's files belong to; default the site's unprivileged user. */
  readonly user?: string;
  readonly tmpfs: readonly { readonly target: string; readonly sizeMb: number; readonly mode?: number }[];
  readonly shmSizeMb?: number;
  readonly pidsLimit: number;
  /** Read-only files the operator places on the host (never in the spec): target → host path under the service's secrets directory. */
  readonly secretFiles?: readonly { readonly name: string; readonly target: string }[];
  env(ctx: TemplateContext): Readonly<Record<string, string>>;
  healthcheck(service: ServiceSpec): HealthcheckSpec;
  /** Problems with a service of this kind that synthesis must refuse (French-free: spec checks are English). */
  check(service: ServiceSpec): string[];
  readonly requirements: readonly KindRequirement[];
}

/** Services listening below 1024 would need NET_BIND_SERVICE, which the baseline drops. */
export function privilegedPorts(service: ServiceSpec): string[] {
  return service.ports.filter((p) => p < 1024).map((p) => `port ${p} is privileged: the image must listen on a port ≥ 1024 (no capability is granted)`);
}
