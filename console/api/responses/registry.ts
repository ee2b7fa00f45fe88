/**
 * Response schemas: the zod definitions the handlers' outputs are typed by and the OpenAPI
 * document's `components.schemas` are generated from. Each named schema is registered once here,
 * so a schema used by several operations (or nested in another) appears once, by reference.
 */
import { z } from 'zod';

export const responseSchemas = z.registry<{ id: string; description?: string }>();
const ids = new Set<string>();

/** Registers `schema` as the component `id`; the name is what clients see in the document. */
export function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  if (responseSchemas.has(schema)) throw new Error(`response schema ${id} is already registered`);
  if (ids.has(id)) throw new Error(`two response schemas are named ${id}`);
  ids.add(id);
  responseSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** An ISO 8601 instant as the console writes it (`Date.toISOString()`). */
export const instant = z.string().meta({ format: 'date-time' });
/** A calendar date, `YYYY-MM-DD`. */
export const day = z.string().meta({ format: 'date' });
export const uuid = z.string().meta({ format: 'uuid' });
export const sha256Hex = z.string().regex(/^[a-f0-9]{64}$/);
export const count = z.number().int().min(0);
/** A free-form JSON document (a plan, a snapshot, metadata): its shape belongs to its producer. */
export const jsonDocument = z.record(z.string(), z.unknown());

/**
 * The one list envelope: `items` of the page, `total` matching the filters, and the `limit` and
 * `offset` the page was read with.
 */
export function listOf<S extends z.ZodType>(id: string, item: S, description?: string) {
  return named(
    id,
    z.object({ items: z.array(item), total: count, limit: z.number().int().min(1), offset: count }),
    description ?? `A page of ${id.replace(/List$/, '')} items`,
  );
}

/** The list envelope of an append-only log, plus a cursor that holds while new rows are appended. */
export function cursorListOf<S extends z.ZodType>(id: string, item: S, rows: string, description: string) {
  return named(
    id,
    z.object({
      items: z.array(item),
      total: count,
      limit: z.number().int().min(1),
      offset: count,
      nextBefore: z
        .number()
        .int()
        .nullable()
        .describe(`Cursor of the next page: pass it as \`before\` (with offset 0) to read older ${rows}; stable while new ones are appended. Null on the last page`),
    }),
    description,
  );
}
