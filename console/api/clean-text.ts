/**
 * The one rule every text input follows, whatever its field: no control characters (tab, line
 * feed and carriage return excepted), no C1 controls, and no lone UTF-16 surrogates. JSON can
 * carry all of them (`"\u0000"`, `"\ud800"`); SQLite would store the first invisibly and mangle
 * the second into U+FFFD, so the stored text would no longer be what was sent.
 */
import type { FieldError } from '../errors.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text is refused, or null when it is clean. */
export function textDefect(text: string): string | null {
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain lone UTF-16 surrogates';
  return null;
}

function pointerPart(key: string | number): string {
  return '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

const MAX_DEPTH = 64;

/**
 * Walks a parsed input (body or query) and names every string, and every object key, that
 * breaks the rule. Runs before the schema so a field the schema would trim or transform is
 * judged on what was sent.
 */
export function textDefects(value: unknown): { pointer: string; path: (string | number)[]; message: string }[] {
  const out: { pointer: string; path: (string | number)[]; message: string }[] = [];
  const walk = (v: unknown, path: (string | number)[], pointer: string, depth: number) => {
    if (depth > MAX_DEPTH || out.length >= 20) return;
    if (typeof v === 'string') {
      const defect = textDefect(v);
      if (defect) out.push({ pointer, path, message: defect });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...path, i], pointer + pointerPart(i), depth + 1));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const defect = textDefect(k);
        if (defect) out.push({ pointer: pointer + pointerPart(k), path: [...path, k], message: `field name ${defect}` });
        else walk(item, [...path, k], pointer + pointerPart(k), depth + 1);
      }
    }
  };
  walk(value, [], '', 0);
  return out;
}

export function textFieldErrors(value: unknown): FieldError[] {
  return textDefects(value).map((d) => ({ pointer: d.pointer, field: d.path.map(String).join('.'), message: d.message, code: 'invalid_text' }));
}
