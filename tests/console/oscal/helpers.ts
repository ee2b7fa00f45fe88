/** Reading an evidence package and checking OSCAL documents, for the package tests and the benchmark's sanity check. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { repoRoot } from '../../helpers/process.js';

export const OSCAL_SCHEMA = path.resolve(repoRoot, 'tests/vendor/oscal/oscal_complete_schema-1.1.2.json');

type Json = Record<string, unknown>;

let validator: ValidateFunction | null = null;
/** NIST's complete OSCAL 1.1.2 schema, compiled once. */
export function oscalValidator(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its default export arrives wrapped depending on the loader.
  const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  validator = ajv.compile(JSON.parse(readFileSync(OSCAL_SCHEMA, 'utf8')) as Json);
  return validator;
}

/** The schema's errors for one document, without the noise of the other models' oneOf branches. */
export function schemaErrors(doc: Json): unknown[] {
  const validate = oscalValidator();
  if (validate(doc)) return [];
  const model = `/${Object.keys(doc)[0]}`;
  return (validate.errors ?? []).filter((e) => e.instancePath.startsWith(model)).slice(0, 10);
}

/** Every object in a document, walked depth first. */
export function* objects(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value !== null && typeof value === 'object') {
    yield value as Json;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip through its central directory: enough to check what the export wrote. */
export function readZip(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The semantic check of a package: UUIDs unique across every document, every UUID reference
 * (`*-uuid`, `*-uuids`, `#<uuid>` hrefs) resolves to an object of the package, every relative
 * href resolves to an entry of the zip. Returns the problems found (empty when sound).
 */
export function packageProblems(entries: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const docs = [...entries].filter(([name]) => name.startsWith('oscal/') && name.endsWith('.json')).map(([name, data]) => ({ name, doc: JSON.parse(data.toString('utf8')) as Json }));
  // A UUID names one object: unique inside a document; found in several documents (a party in
  // the metadata of each), it must be the very same object in all of them.
  const defined = new Map<string, { name: string; json: string }>();
  for (const { name, doc } of docs) {
    const local = new Set<string>();
    for (const o of objects(doc)) {
      if (typeof o['uuid'] !== 'string') continue;
      const id = o['uuid'];
      if (local.has(id)) problems.push(`uuid ${id} defined twice in ${name}`);
      local.add(id);
      const json = JSON.stringify(o);
      const seen = defined.get(id);
      if (seen && seen.json !== json) problems.push(`uuid ${id} names different objects in ${seen.name} and ${name}`);
      if (!seen) defined.set(id, { name, json });
    }
  }
  for (const { name, doc } of docs) {
    for (const o of objects(doc)) {
      for (const [key, value] of Object.entries(o)) {
        if (key.endsWith('-uuid') && typeof value === 'string' && !defined.has(value)) problems.push(`${name}: ${key} ${value} resolves to nothing`);
        if (key.endsWith('-uuids') && Array.isArray(value)) for (const v of value) if (!defined.has(v as string)) problems.push(`${name}: ${key} ${String(v)} resolves to nothing`);
        if (key !== 'href' || typeof value !== 'string') continue;
        if (value.startsWith('#')) {
          if (!UUID.test(value.slice(1)) || !defined.has(value.slice(1))) problems.push(`${name}: href ${value} resolves to nothing`);
        } else if (!/^[a-z]+:/.test(value)) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(name), value));
          if (!entries.has(target)) problems.push(`${name}: href ${value} (${target}) is not in the package`);
        }
      }
    }
  }
  return problems;
}
