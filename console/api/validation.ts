import type { z } from 'zod';
import { InvalidInput, type FieldError } from '../errors.js';
import { textFieldErrors } from './clean-text.js';

function pointerOf(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export function fieldError(issue: { path: readonly PropertyKey[]; message: string; code?: string }): FieldError {
  const e: FieldError = { pointer: pointerOf(issue.path), field: issue.path.map(String).join('.'), message: issue.message };
  if (issue.code) e.code = issue.code;
  return e;
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    // Unknown keys are reported once per key so each offending field is named.
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(fieldError({ path: [...issue.path, key], message: 'unknown field', code: issue.code }));
    } else {
      out.push(fieldError(issue));
    }
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  // Every input passes the shared text rule first, whichever schema then reads it.
  const textErrors = textFieldErrors(data);
  if (textErrors.length > 0) throw new InvalidInput(textErrors);
  const result = schema.safeParse(data);
  if (!result.success) throw new InvalidInput(zodFieldErrors(result.error));
  return result.data;
}
