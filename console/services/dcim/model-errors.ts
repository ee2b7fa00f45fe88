import { validateFacility, type Facility } from '../../../facility/index.js';
import { InvalidInput, type FieldError } from '../../errors.js';

const toField = (pointer: string) => pointer.replace(/^\//, '').replaceAll('/', '.');

/**
 * Refuses a model that does not hold together, naming every problem. With `only`, problems of
 * that component are given relative to it (a form or a PUT body), the others in full.
 */
export function assertValidFacility(f: Facility, only?: { index: number }): void {
  const errors = validateFacility(f);
  if (errors.length === 0) return;
  const fieldErrors: FieldError[] = errors.map((e) => {
    const prefix = only ? `/components/${only.index}/` : null;
    if (prefix && e.pointer.startsWith(prefix)) {
      const pointer = '/' + e.pointer.slice(prefix.length);
      return { pointer, field: toField(pointer), message: e.message };
    }
    const m = /^\/components\/(\d+)/.exec(e.pointer);
    const who = m ? f.components[Number(m[1])]?.id : undefined;
    return { pointer: e.pointer, field: toField(e.pointer), message: who ? `${who}: ${e.message}` : e.message };
  });
  throw new InvalidInput(fieldErrors);
}
