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

// ── attribute-level changes (before → after) ────────────────────────────────────────────────

/** One changed attribute, its values as short JSON text; `null` stands for absent. */
export interface AttributeChange {
  path: string;
  before: string | null;
  after: string | null;
  /** The values are hidden: the attribute is sensitive (by Terraform's marks or by its name). */
  sensitive: boolean;
}

export interface ResourceAttributes {
  address: string;
  attributes: AttributeChange[];
}

/** What the page shows in place of a sensitive value. */
export const MASKED = '(sensitive)';
/** What the page shows for a value Terraform only learns while applying. */
export const UNKNOWN = '(known after apply)';
const MAX_VALUE_CHARS = 300;

/**
 * Attribute names whose values are secrets or may carry them. A container's `env` holds
 * `KEY=value` strings, credentials included, so it is masked whole.
 */
const SENSITIVE_NAME = /(^|[._-])(password|passwd|secret|token|private_key|credentials?|api_key|env|ssh_key|cert_key)([._-]|$)/i;

export function isSensitiveName(path: string): boolean {
  return SENSITIVE_NAME.test(path);
}

/**
 * The before → after values of every changed attribute of every changed resource of one stack,
 * from the two documents alone; sensitive names are masked. Paths are those of `diffStack`.
 */
export function diffStackAttributes(previous: unknown, next: unknown): ResourceAttributes[] {
  const before = resourcesOf(previous, 'previous document');
  const after = resourcesOf(next, 'next document');
  const out: ResourceAttributes[] = [];
  for (const address of [...before.keys()].filter((a) => after.has(a)).sort()) {
    const paths: string[] = [];
    diffBlock(before.get(address)!, after.get(address)!, '', paths);
    if (paths.length === 0) continue;
    out.push({
      address,
      attributes: paths.sort().map((path) => {
        const sensitive = isSensitiveName(path);
        return {
          path,
          before: sensitive ? MASKED : render(valueAt(before.get(address)!, path)),
          after: sensitive ? MASKED : render(valueAt(after.get(address)!, path)),
          sensitive,
        };
      }),
    });
  }
  return out;
}

const planChangeSchema = z.object({
  resource_changes: z
    .array(
      z.object({
        address: z.string(),
        mode: z.string().optional(),
        change: z.object({
          actions: z.array(z.string()),
          before: z.unknown().optional(),
          after: z.unknown().optional(),
          after_unknown: z.unknown().optional(),
          before_sensitive: z.unknown().optional(),
          after_sensitive: z.unknown().optional(),
        }),
      }),
    )
    .optional(),
});

/**
 * The before → after values of Terraform's own plan (`terraform show -json <planfile>`) for
 * every updated or replaced resource, honouring Terraform's sensitivity marks (and sensitive
 * names) and its unknown values. Leaves are compared; lists are compared whole.
 */
export function planJsonAttributes(planJson: unknown): ResourceAttributes[] {
  const parsed = planChangeSchema.parse(planJson);
  const out: ResourceAttributes[] = [];
  for (const rc of parsed.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const a = rc.change.actions;
    if (!(a.includes('update') || (a.includes('create') && a.includes('delete')))) continue;
    const leaves: AttributeChange[] = [];
    walkPlan(rc.change.before, rc.change.after, rc.change.after_unknown, rc.change.before_sensitive, rc.change.after_sensitive, '', leaves);
    if (leaves.length > 0) out.push({ address: rc.address, attributes: leaves.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)) });
  }
  return out.sort((x, y) => (x.address < y.address ? -1 : 1));
}

function walkPlan(before: unknown, after: unknown, unknown: unknown, bSens: unknown, aSens: unknown, prefix: string, out: AttributeChange[]): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
      const sub = (v: unknown) => (isRecord(v) ? v[key] : v === true ? true : undefined);
      walkPlan(before[key], after[key], sub(unknown), sub(bSens), sub(aSens), prefix === '' ? key : `${prefix}.${key}`, out);
    }
    return;
  }
  const isUnknown = unknown === true || (unknown !== undefined && unknown !== false && !isEmptyMark(unknown));
  if (!isUnknown && deepEqual(before, after)) return;
  const sensitive = hasMark(bSens) || hasMark(aSens) || isSensitiveName(prefix);
  out.push({
    path: prefix,
    before: sensitive ? MASKED : render(before),
    after: sensitive ? MASKED : isUnknown ? UNKNOWN : render(after),
    sensitive,
  });
}

function hasMark(v: unknown): boolean {
  if (v === true) return true;
  if (Array.isArray(v)) return v.some(hasMark);
  if (isRecord(v)) return Object.values(v).some(hasMark);
  return false;
}

function isEmptyMark(v: unknown): boolean {
  return !hasMark(v);
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  let cur: unknown = body;
  for (const part of path.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (isRecord(cur)) cur = part === '0' && !(part in cur) ? cur : cur[part];
    else return undefined;
  }
  return cur;
}

function render(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const text = JSON.stringify(v);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Every resource address (`type.name`) a Terraform JSON document declares, sorted. */
export function resourceAddresses(doc: unknown): string[] {
  return [...resourcesOf(doc, 'document').keys()].sort();
}
