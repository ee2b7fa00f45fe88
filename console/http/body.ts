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

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseInput(schema, c.req.query());
}
