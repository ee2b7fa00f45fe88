/**
 * The naming and labelling contract the synthesized stacks follow. It restates the tenancy
 * vocabulary of `infra/spec.ts` instead of importing it: compliance reads plain Terraform
 * JSON and must keep working if the infrastructure code is replaced. The label keys themselves
 * live in `lib/` because both sides must spell them the same way.
 */

export const PLATFORM_STACK = 'platform';
const MINISTRY_STACK_PREFIX = 'ministry-';

import { LABEL } from '../../../lib/docker-labels.js';

export { LABEL };

export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const EXPOSURES = ['internal', 'government', 'public'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const BACKUP_POLICIES = ['none', 'daily', 'hourly', 'continuous'] as const;
export type BackupPolicy = (typeof BACKUP_POLICIES)[number];
export const NETWORK_KINDS = ['dmz', 'management', 'edge', 'tenant', 'control'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];
export const PLATFORM_ROLES = ['ingress', 'console', 'prometheus', 'grafana'] as const;
export const SERVICE_ROLE = 'service';
export const SERVICE_KINDS = ['web', 'api', 'worker', 'postgresql', 'redis'] as const;
/** Kinds that hold data: never exposed, never reachable from the ingress. */
export const STATEFUL_KINDS: ReadonlySet<string> = new Set(['postgresql', 'redis']);

/** The platform's own edge (ingress, console and Grafana web endpoints) and the console's control network. */
export const PLATFORM_EDGE_NETWORK = 'dcops-platform-edge';
export const CONTROL_NETWORK = 'dcops-control';

/** Order of sensitivity: a volume or an environment takes the highest rank among its containers. */
export const CLASSIFICATION_RANK: Readonly<Record<string, number>> = { public: 0, internal: 1, restricted: 2, secret: 3 };

/** Classifications whose data must never sit on the public exposure path nor go unsaved. */
export const SENSITIVE_CLASSIFICATIONS: ReadonlySet<string> = new Set(['restricted', 'secret']);

export const MINISTRY_CODE = /^[A-Z][A-Z0-9]{1,11}$/;
export const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

/** Ministry code owning a stack (`ministry-mef` → `MEF`), or null for the platform and unknown stacks. */
export function ministryOfStack(stack: string): string | null {
  // Asked for every resource; a datacenter has few stacks, so the answers are kept.
  const known = stackMinistries.get(stack);
  if (known !== undefined) return known;
  const code = stack.startsWith(MINISTRY_STACK_PREFIX) ? stack.slice(MINISTRY_STACK_PREFIX.length).toUpperCase() : '';
  const answer = MINISTRY_CODE.test(code) ? code : null;
  if (stackMinistries.size < 10_000) stackMinistries.set(stack, answer);
  return answer;
}

const stackMinistries = new Map<string, string | null>();

export function ministryStackName(code: string): string {
  return `${MINISTRY_STACK_PREFIX}${code.toLowerCase()}`;
}

export function tenantNetworkName(code: string, classification: string): string {
  return `dcops-${code.toLowerCase()}-${classification}`;
}

export function edgeNetworkName(code: string, environment: string): string {
  return `dcops-edge-${code.toLowerCase()}-${environment}`;
}

const EDGE_NAME = /^dcops-edge-([a-z][a-z0-9]*)-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;
const TENANT_NAME = /^dcops-([a-z][a-z0-9]*)-(public|internal|restricted|secret)$/;

/**
 * What a network name alone tells, following the naming contract. Used when labels are
 * missing so isolation checks still know whose network it is (the label rule reports the gap).
 */
export function parseNetworkName(name: string): { kind: 'edge' | 'tenant'; ministry: string; environment?: string; classification?: Classification } | null {
  const edge = EDGE_NAME.exec(name);
  if (edge !== null) return { kind: 'edge', ministry: edge[1]!.toUpperCase(), environment: edge[2]! };
  const tenant = TENANT_NAME.exec(name);
  if (tenant !== null && tenant[1] !== 'edge') {
    return { kind: 'tenant', ministry: tenant[1]!.toUpperCase(), classification: tenant[2] as Classification };
  }
  return null;
}

/** Docker's built-in network names: not user-defined networks, so not tenancy networks. */
export const BUILTIN_NETWORKS: ReadonlySet<string> = new Set(['bridge', 'host', 'none', 'default']);

/** The ingress is the platform's single entry point: the only container allowed to publish host ports. */
export function isIngress(resource: { readonly stack: string; readonly labels: { get(key: string): string | undefined } }): boolean {
  return resource.stack === PLATFORM_STACK && resource.labels.get(LABEL.role) === 'ingress';
}
