/**
 * Tolerant readers for Terraform JSON attribute values. The same attribute may arrive as a
 * block object or a one-element list, a boolean as `true` or `"true"`, a number as a string,
 * and any of them as an unresolved `${…}` reference. Readers separate "absent" (undefined)
 * from "present but not statically known" (null) so rules can fail closed on the latter.
 */

export type Attrs = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `${…}` anywhere in a string: Terraform will only know the value at plan time. */
export function isReference(value: string): boolean {
  return value.includes('${');
}

const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_BLOCKS: readonly Record<string, unknown>[] = Object.freeze([]);

/**
 * Every block of a nested-block attribute, whether it was written as an object or a list.
 * A well-formed list is returned as is (read-only): rules call this for every container.
 */
export function blocks(value: unknown): readonly Record<string, unknown>[] {
  if (Array.isArray(value)) {
    for (const item of value) if (!isRecord(item)) return value.filter(isRecord);
    return value as Record<string, unknown>[];
  }
  return isRecord(value) ? [value] : NO_BLOCKS;
}

export function readString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function readBool(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

export function readNumber(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** A list of strings written as a list, a set, or a single string. Non-strings are kept as their JSON text so they still fail matches. */
export function readStrings(value: unknown): readonly string[] {
  if (value === undefined || value === null) return NO_STRINGS;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    const s = readString(item);
    out.push(s ?? JSON.stringify(item));
  }
  return out;
}

/** Read access to Docker labels, whatever form they were written in. */
export interface LabelReader {
  get(key: string): string | undefined;
  /** Keys given more than once with different values (the first value is the one `get` returns). */
  duplicates(): readonly string[];
}

const NO_DUPLICATES: readonly string[] = Object.freeze([]);

/**
 * The provider writes labels as a set of `{label, value}` blocks; a plain `{key: value}` map is
 * accepted too. Lookups scan the blocks as written instead of copying them into a map: a
 * container has about ten labels, and a datacenter a hundred thousand label sets.
 */
class BlockLabels implements LabelReader {
  constructor(private readonly items: readonly unknown[]) {}

  get(key: string): string | undefined {
    for (const item of this.items) {
      if (isRecord(item) && item['label'] === key) {
        const text = readString(item['value']);
        if (text !== undefined) return text;
      }
    }
    return undefined;
  }

  duplicates(): readonly string[] {
    // Quadratic on purpose: label sets are small, and this allocates nothing when all is well.
    let out: string[] | undefined;
    const items = this.items;
    for (let i = 1; i < items.length; i++) {
      const item = items[i];
      if (!isRecord(item) || typeof item['label'] !== 'string') continue;
      const key = item['label'];
      const first = this.get(key);
      const text = readString(item['value']);
      if (first !== undefined && text !== undefined && text !== first && !(out ??= []).includes(key)) out.push(key);
    }
    return out === undefined || out.length === 0 ? NO_DUPLICATES : out;
  }
}

class MapLabels implements LabelReader {
  constructor(private readonly map: Readonly<Record<string, unknown>>) {}

  get(key: string): string | undefined {
    return Object.hasOwn(this.map, key) ? readString(this.map[key]) : undefined;
  }

  duplicates(): readonly string[] {
    return NO_DUPLICATES;
  }
}

const NO_LABELS: LabelReader = new BlockLabels([]);

export function readLabels(value: unknown): LabelReader {
  if (Array.isArray(value)) return new BlockLabels(value);
  if (isRecord(value)) return typeof value['label'] === 'string' && 'value' in value ? new BlockLabels([value]) : new MapLabels(value);
  return NO_LABELS;
}

/**
 * Lexical normalisation of an absolute host path: repeated slashes, `.` and `..` resolved,
 * no trailing slash. Without it `/etc/../etc/` or `//var/run` would slip past the prefix checks.
 */
export function normalizeHostPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** True when `path` is `dir` itself or inside it (both normalised). */
export function isUnder(path: string, dir: string): boolean {
  if (dir === '/') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

/** `${docker_network.x.name}`, `${data.docker_network.x.name}`: the referenced block, if the value is exactly one reference. */
export function parseReference(value: string): { data: boolean; type: string; name: string; attribute: string } | null {
  const m = /^\$\{(data\.)?([a-z0-9_]+)\.([^.}\s]+)\.([a-z0-9_]+)\}$/.exec(value);
  if (m === null) return null;
  return { data: m[1] !== undefined, type: m[2]!, name: m[3]!, attribute: m[4]! };
}
