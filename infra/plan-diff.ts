/**
 * What would change between the last applied Terraform JSON and a newly synthesized one,
 * computed from the two documents alone (no Terraform, no state): the review an operator reads
 * before asking Terraform for the real plan.
 *
 * Resources are addressed as Terraform does (`docker_container.svc--impots--web--r0`). Changed
 * attributes are reported as paths in Terraform's own notation: a nested block is a list of
 * one, so a healthcheck interval is `healthcheck.0.interval`; a map attribute is keyed
 * directly (`log_opts.max-size`); a list (labels, networks, mounts, ports) is reported as a
 * whole (`labels`), because its element positions carry no meaning. cdktf's `//` metadata is
 * ignored. Output order is deterministic: stacks, addresses and paths are sorted.
 *
 * Pure: no I/O, inputs are not modified.
 */
import { z } from 'zod';

const resourceBodySchema = z.record(z.string(), z.unknown());
const terraformDocumentSchema = z
  .object({
    resource: z.record(z.string(), z.record(z.string(), resourceBodySchema)).optional(),
  })
  .loose();

export type TerraformDocument = z.infer<typeof terraformDocumentSchema>;

export interface ResourceChange {
  address: string;
  /** Changed attribute paths, sorted (`memory`, `labels`, `healthcheck.0.interval`). */
  paths: string[];
}

export interface StackDiff {
  stack: string;
  add: string[];
  change: ResourceChange[];
  destroy: string[];
}

export interface DiffSummary {
  add: number;
  change: number;
  destroy: number;
  /** Stacks with at least one change. */
  stacksChanged: number;
}

export interface TenancyDiff {
  /** Only stacks with changes, sorted by name. */
  stacks: StackDiff[];
  summary: DiffSummary;
}

/**
 * Attributes of the docker provider whose values are maps (keyed by user data), not nested
 * blocks. Everything else that is an object in Terraform JSON is a block.
 */
const MAP_ATTRIBUTES: ReadonlySet<string> = new Set([
  'log_opts',
  'storage_opts',
  'sysctls',
  'tmpfs',
  'driver_opts',
  'options',
  'ipam_options',
  'aux_address',
  'driver_options',
]);

/** Diffs one stack. `undefined` stands for a stack that does not exist on that side. */
export function diffStack(stack: string, previous: unknown, next: unknown): StackDiff {
  const before = resourcesOf(previous, `previous ${stack}`);
  const after = resourcesOf(next, `next ${stack}`);
  const add: string[] = [];
  const destroy: string[] = [];
  const change: ResourceChange[] = [];
  for (const address of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(address);
    const b = after.get(address);
    if (a === undefined) add.push(address);
    else if (b === undefined) destroy.push(address);
    else {
      const paths: string[] = [];
      diffBlock(a, b, '', paths);
      if (paths.length > 0) change.push({ address, paths: paths.sort() });
    }
  }
  return { stack, add, change, destroy };
}

/** Diffs every stack present on either side (stack name → document). */
export function diffTenancy(
  previous: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>,
  next: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>,
): TenancyDiff {
  const before = toMap(previous);
  const after = toMap(next);
  const stacks: StackDiff[] = [];
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const d = diffStack(name, before.get(name), after.get(name));
    if (d.add.length + d.change.length + d.destroy.length > 0) stacks.push(d);
  }
  return { stacks, summary: summarise(stacks) };
}

export function summarise(stacks: readonly StackDiff[]): DiffSummary {
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const s of stacks) {
    add += s.add.length;
    change += s.change.length;
    destroy += s.destroy.length;
  }
  return { add, change, destroy, stacksChanged: stacks.filter((s) => s.add.length + s.change.length + s.destroy.length > 0).length };
}

function toMap(m: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>): ReadonlyMap<string, unknown> {
  return m instanceof Map ? m : new Map(Object.entries(m));
}

function resourcesOf(doc: unknown, what: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (doc === undefined) return out;
  const parsed = terraformDocumentSchema.safeParse(doc);
  if (!parsed.success) throw new Error(`${what} is not a Terraform JSON document: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  for (const [type, byName] of Object.entries(parsed.data.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

function diffBlock(a: Record<string, unknown>, b: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === '//') continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const va = a[key];
    const vb = b[key];
    if (isRecord(va) && isRecord(vb)) {
      if (MAP_ATTRIBUTES.has(key)) diffMap(va, vb, path, out);
      else diffBlock(va, vb, `${path}.0`, out);
    } else if (!deepEqual(va, vb)) {
      out.push(path);
    }
  }
}

function diffMap(a: Record<string, unknown>, b: Record<string, unknown>, prefix: string, out: string[]): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!deepEqual(a[key], b[key])) out.push(`${prefix}.${key}`);
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => k !== '//' && a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => k !== '//' && b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
