/**
 * The Statement of Applicability as a page to print or save as PDF. Everything shown goes
 * through JSX, which escapes text and attributes; the only raw text is the constant style
 * sheet below. No script: the console's CSP forbids inline scripts, and a document meant for
 * an auditor's file has no use for one.
 */
import { createHash } from 'node:crypto';
import type { FC } from 'hono/jsx';
import { AGENCY_NAME } from '../../i18n/index.js';
import { isoSeconds, soaTable, type Soa, type SoaCells, type SoaLocale } from './soa.js';

/**
 * The page's own policy: a standalone document with one inline style sheet, allowed by its hash
 * and nothing else (no script, no form, no frame).
 */
export const soaPageCsp = (): string =>
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const STYLE = `
  :root { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; }
  body { margin: 2rem; font-size: 10.5pt; line-height: 1.35; }
  h1 { font-size: 16pt; margin: 0 0 .25rem; }
  .meta { color: #444; margin: 0 0 1rem; }
  .summary { display: flex; gap: 2rem; margin: 0 0 1rem; padding: 0; list-style: none; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; font-weight: 600; padding: .5rem 0; }
  th, td { border: 1px solid #999; padding: .3rem .4rem; vertical-align: top; text-align: left; }
  thead th { background: #e8edf3; }
  tbody.theme th.theme { background: #f4f4f4; font-size: 11pt; }
  td.justification { white-space: pre-wrap; }
  td.missing { color: #8a1c1c; font-weight: 600; }
  td.hashes code { white-space: pre-wrap; }
  .no { color: #8a1c1c; font-weight: 600; }
  code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; word-break: break-all; }
  ul.evidence { margin: 0; padding-left: 1rem; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; font-size: 8.5pt; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
  }
`;

const TEXT = {
  fr: {
    title: 'Déclaration d’applicabilité — ISO/IEC 27001:2022',
    heading: 'Déclaration d’applicabilité — ISO/IEC 27001:2022, annexe A',
    issuer: `Datacenter national du Bénin — ${AGENCY_NAME} (ASIN). Édité le `,
    state: (seq: number) => ` à partir de l’état n° ${seq} du journal d’audit`,
    catalogue: (v: string) => ` ; catalogue ${v}.`,
    controls: 'mesures',
    applicable: 'applicables',
    excluded: 'exclues',
    implemented: 'mises en œuvre',
    missing: 'justifications manquantes',
    caption: 'Mesures de sécurité de l’annexe A et leur applicabilité',
    tag: 'fr-BJ',
  },
  en: {
    title: 'Statement of Applicability — ISO/IEC 27001:2022',
    heading: 'Statement of Applicability — ISO/IEC 27001:2022, Annex A',
    issuer: `National datacenter of Benin — ${AGENCY_NAME} (ASIN). Issued on `,
    state: (seq: number) => ` from audit trail state no. ${seq}`,
    catalogue: (v: string) => `; catalogue ${v}.`,
    controls: 'controls',
    applicable: 'applicable',
    excluded: 'excluded',
    implemented: 'implemented',
    missing: 'justifications missing',
    caption: 'Annex A security controls and their applicability',
    tag: 'en-GB',
  },
} as const;

/** Columns of the page: every column of the CSV but the theme (shown as row groups) and the machine date. */
const PAGE_COLUMNS = [0, 2, 3, 4, 6, 7, 8, 10, 11, 12] as const;

const Cell: FC<{ row: SoaCells; index: number }> = ({ row, index }) => {
  const text = row.cells[index] ?? '';
  if (index === 0) return <th scope="row">{text}</th>;
  if (index === 3 && !row.applicable) return <td class="no">{text}</td>;
  if (index === 4) return <td class={row.justificationMissing ? 'justification missing' : 'justification'}>{text}</td>;
  if (index === 8) return <td>{text ? <time datetime={row.cells[9]}>{text}</time> : '—'}</td>;
  if (index === 12) return <td class="hashes">{text ? <code>{text}</code> : '—'}</td>;
  return <td class={index === 11 ? 'justification' : undefined}>{text === '' ? '—' : text}</td>;
};

export const SoaPage: FC<{ soa: Soa; generatedAt: Date; locale: SoaLocale }> = ({ soa, generatedAt, locale }) => {
  const w = TEXT[locale];
  const table = soaTable(soa, locale);
  const applicable = soa.rows.filter((r) => r.applicable).length;
  const implemented = soa.rows.filter((r) => r.applicable && r.implementation === 'implemented').length;
  const missing = table.rows.filter((r) => r.justificationMissing).length;
  const themes = [...new Set(table.rows.map((r) => r.groupId))];
  const issued = new Intl.DateTimeFormat(w.tag, { timeZone: 'Africa/Porto-Novo', dateStyle: 'long' }).format(generatedAt);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{w.title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <h1>{w.heading}</h1>
          <p class="meta">
            {w.issuer}
            <time datetime={isoSeconds(generatedAt.toISOString())}>{issued}</time>
            {soa.state ? w.state(soa.state.seq) : ''}
            {w.catalogue(soa.catalogVersion)}
          </p>
          <ul class="summary">
            <li>
              <strong>{soa.rows.length}</strong> {w.controls}
            </li>
            <li>
              <strong>{applicable}</strong> {w.applicable}
            </li>
            <li>
              <strong>{soa.rows.length - applicable}</strong> {w.excluded}
            </li>
            <li>
              <strong>{implemented}</strong> {w.implemented}
            </li>
            <li>
              <strong>{missing}</strong> {w.missing}
            </li>
          </ul>
        </header>
        <main>
          <table>
            <caption>{w.caption}</caption>
            <thead>
              <tr>
                {PAGE_COLUMNS.map((i) => (
                  <th scope="col">{table.header[i]}</th>
                ))}
              </tr>
            </thead>
            {themes.map((theme) => {
              const rows = table.rows.filter((r) => r.groupId === theme);
              return (
                <tbody class="theme">
                  <tr>
                    <th class="theme" scope="rowgroup" colspan={PAGE_COLUMNS.length}>
                      {theme} — {rows[0]?.groupName}
                    </th>
                  </tr>
                  {rows.map((row) => (
                    <tr id={`control-${row.controlId}`} data-control={row.controlId}>
                      {PAGE_COLUMNS.map((i) => (
                        <Cell row={row} index={i} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              );
            })}
          </table>
        </main>
      </body>
    </html>
  );
};

/** The whole document, doctype included. */
export async function renderSoaPage(soa: Soa, generatedAt: Date, locale: SoaLocale = 'fr'): Promise<string> {
  const page = await (<SoaPage soa={soa} generatedAt={generatedAt} locale={locale} />);
  return '<!doctype html>\n' + page.toString();
}
