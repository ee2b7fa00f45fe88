/**
 * The facility model as CSV: one component per line, power inputs separated by spaces, empty
 * cells for values that do not apply. Parsed and written with csv-parse / csv-stringify.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { componentSchema, facilitySchema, type Component, type Facility } from '../../../facility/index.js';
import { InvalidInput, type FieldError } from '../../errors.js';

export const csvColumns = ['id', 'kind', 'name', 'parent', 'inputs', 'inputMode', 'ratingW', 'drawW', 'modules', 'redundantModules', 'heightU', 'positionU', 'areaM2', 'hostName'] as const;
const numeric = new Set(['ratingW', 'drawW', 'modules', 'redundantModules', 'heightU', 'positionU', 'areaM2']);

export function facilityToCsv(f: Facility): string {
  return stringify(
    f.components.map((c) => csvColumns.map((k) => (k === 'inputs' ? c.inputs.join(' ') : k === 'parent' ? (c.parent ?? '') : ((c[k] as string | number | null) ?? '')))),
    { header: true, columns: [...csvColumns], record_delimiter: '\r\n' },
  );
}

/** One component from flat text fields (a CSV line, a form): empty means not given. */
export function componentFromRecord(row: Record<string, string>) {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v.trim() === '') continue;
    if (k === 'inputs') raw.inputs = v.split(/\s+/).filter(Boolean);
    else if (numeric.has(k)) raw[k] = Number(v.replace(',', '.').replace(/\s/g, ''));
    else raw[k] = v.trim();
  }
  return componentSchema.safeParse(raw);
}

/** Parses and validates each line; every problem is named by its pointer into `{ components }` and its line. */
export function facilityFromCsv(text: string): Facility {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (err) {
    throw new InvalidInput([{ pointer: '', field: '', message: `the CSV cannot be read: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const unknown = header.filter((h) => !(csvColumns as readonly string[]).includes(h));
  if (unknown.length > 0 || !header.includes('id') || !header.includes('kind')) {
    throw new InvalidInput([{ pointer: '', field: '', message: `the columns are ${csvColumns.join(', ')} (unknown: ${unknown.join(', ') || 'none'})` }]);
  }
  const errors: FieldError[] = [];
  const components: Component[] = [];
  rows.forEach((row, i) => {
    const parsed = componentFromRecord(row);
    if (parsed.success) components.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        const pointer = `/components/${i}/${issue.path.join('/')}`;
        errors.push({ pointer, field: pointer.slice(1).replaceAll('/', '.'), message: `line ${i + 2}: ${issue.message}` });
      }
    }
  });
  if (errors.length > 0) throw new InvalidInput(errors);
  return facilitySchema.parse({ components });
}
