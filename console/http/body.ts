import type { Context } from 'hono';
import type { z } from 'zod';
import { parseInput } from '../api/validation.js';
import { MalformedRequest, UnsupportedMediaType } from '../errors.js';

function requireJsonType(c: Context): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new UnsupportedMediaType('send the body as application/json');
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MalformedRequest('the body is not valid JSON');
  }
}

/** Reads a JSON body (415 for another media type, 400 for broken JSON) and validates it. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  requireJsonType(c);
  return parseInput(schema, parseJsonText(await c.req.text()));
}

/** A transition body is optional: an empty body means no version check and no comment. */
export async function readOptionalJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  if (text.trim() === '') return parseInput(schema, {});
  requireJsonType(c);
  return parseInput(schema, parseJsonText(text));
}

/** Valid queries already parsed, per schema: list pages are polled with the same few queries. */
const parsedQueries = new WeakMap<z.ZodType, Map<string, unknown>>();
const KEPT_QUERIES = 256;

/**
 * Validates the query string. The same text always parses to the same value, so valid ones are
 * kept (frozen, since callers share them); invalid ones are refused afresh every time.
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const url = c.req.url;
  const at = url.indexOf('?');
  const text = at < 0 ? '' : url.slice(at + 1);
  let kept = parsedQueries.get(schema);
  if (!kept) parsedQueries.set(schema, (kept = new Map()));
  if (kept.has(text)) return kept.get(text) as z.output<S>;
  const value = parseInput(schema, c.req.query());
  Object.freeze(value);
  kept.set(text, value);
  if (kept.size > KEPT_QUERIES) kept.delete(kept.keys().next().value!);
  return value;
}
