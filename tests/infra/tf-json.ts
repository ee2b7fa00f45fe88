/** Small readers for synthesized Terraform JSON, shared by the infra tests. */
import { z } from 'zod';

const labelsSchema = z.array(z.object({ label: z.string(), value: z.string() }));
const docSchema = z
  .object({
    resource: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))).optional(),
    provider: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).optional(),
  })
  .loose();

export type Body = Record<string, unknown>;

export function parseDoc(doc: unknown): z.infer<typeof docSchema> {
  return docSchema.parse(typeof doc === 'string' ? JSON.parse(doc) : doc);
}

/** Resources of one type, by Terraform name. */
export function resourcesOf(doc: unknown, type: string): Record<string, Body> {
  return parseDoc(doc).resource?.[type] ?? {};
}

export function addresses(doc: unknown): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries(parseDoc(doc).resource ?? {})) for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
  return out.sort();
}

export function labelsOf(body: Body): Record<string, string> {
  return Object.fromEntries(labelsSchema.parse(body['labels'] ?? []).map((l) => [l.label, l.value]));
}

export function providerAliases(doc: unknown): string[] {
  return (parseDoc(doc).provider?.['docker'] ?? []).map((p) => String(p['alias']));
}

export function networkNames(body: Body): string[] {
  return z.array(z.object({ name: z.string() }).loose()).parse(body['networks_advanced'] ?? []).map((n) => n.name);
}
