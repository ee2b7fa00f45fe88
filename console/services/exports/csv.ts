/**
 * CSV as RFC 4180 describes it, for the spreadsheets auditors open exports in: comma
 * separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line break,
 * quotes doubled inside. The file starts with a UTF-8 byte order mark, without which Excel
 * reads UTF-8 as Windows-1252 and mangles every accented French word.
 */

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/**
 * Spreadsheets run a cell that starts with one of these as a formula. Free text typed in the
 * console (a justification, an owner) must not turn into one on an auditor's machine, so such
 * a cell is prefixed with an apostrophe, which spreadsheets show as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** A whole document: BOM, header, records. */
export function toCsv(header: readonly string[], records: readonly (readonly string[])[]): string {
  return BOM + csvRecord(header) + records.map(csvRecord).join('');
}
