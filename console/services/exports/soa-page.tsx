/**
 * The Statement of Applicability as a page to print or save as PDF. Everything shown goes
 * through JSX, which escapes text and attributes; the only raw text is the constant style
 * sheet below. No script: the console's CSP forbids inline scripts, and a document meant for
 * an auditor's file has no use for one.
 */
import { createHash } from 'node:crypto';
import type { FC } from 'hono/jsx';
import { AGENCY_NAME, i18n } from '../../i18n/index.js';
import { implementationLabelsFr, type Soa, type SoaRow } from './soa.js';

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

/** Dates as the rest of the console writes them (« 2 déc. 2026 », Benin time). */
const formatDate = (iso: string | null): string => i18n('fr').date(iso);

const Row: FC<{ row: SoaRow }> = ({ row }) => (
  <tr id={`control-${row.controlId}`} data-control={row.controlId}>
    <th scope="row">{row.controlId}</th>
    <td>{row.titleFr}</td>
    <td>{row.applicable ? 'Oui' : <span class="no">Non</span>}</td>
    <td class="justification">
      {row.justification || '—'}
      <p class="risk-treatment">Traitement des risques : {row.riskTreatment}</p>
    </td>
    <td>{implementationLabelsFr[row.implementation]}</td>
    <td>{row.owner ?? '—'}</td>
    <td>
      {formatDate(row.lastReviewedAt)}
      {row.reviewedBy ? <div>{row.reviewedBy}</div> : null}
    </td>
    <td>
      {row.evidence.length === 0 ? (
        '—'
      ) : (
        <ul class="evidence">
          {row.evidence.map((e) => (
            <li>
              {e.title} (v{e.version}
              {e.reviewStatus === 'pending' ? ', en attente de revue' : ''})<br />
              <code>{e.sha256 ? `sha256:${e.sha256}` : e.evidenceId}</code>
            </li>
          ))}
        </ul>
      )}
    </td>
  </tr>
);

export const SoaPage: FC<{ soa: Soa; generatedAt: Date }> = ({ soa, generatedAt }) => {
  const applicable = soa.rows.filter((r) => r.applicable).length;
  const implemented = soa.rows.filter((r) => r.applicable && r.implementation === 'implemented').length;
  const themes = [...new Set(soa.rows.map((r) => r.groupId))];
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Déclaration d’applicabilité — ISO/IEC 27001:2022</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <header>
          <h1>Déclaration d’applicabilité — ISO/IEC 27001:2022, annexe A</h1>
          <p class="meta">
            Datacenter national du Bénin — {AGENCY_NAME} (ASIN). Édité le{' '}
            <time datetime={generatedAt.toISOString()}>{formatDate(generatedAt.toISOString())}</time>
            {soa.state ? ` à partir de l’état n° ${soa.state.seq} du journal d’audit` : ''} ; catalogue {soa.catalogVersion}.
          </p>
          <ul class="summary">
            <li>
              <strong>{soa.rows.length}</strong> mesures
            </li>
            <li>
              <strong>{applicable}</strong> applicables
            </li>
            <li>
              <strong>{soa.rows.length - applicable}</strong> exclues
            </li>
            <li>
              <strong>{implemented}</strong> mises en œuvre
            </li>
          </ul>
        </header>
        <main>
          <table>
            <caption>Mesures de sécurité de l’annexe A et leur applicabilité</caption>
            <thead>
              <tr>
                <th scope="col">Mesure</th>
                <th scope="col">Intitulé</th>
                <th scope="col">Applicable</th>
                <th scope="col">Justification</th>
                <th scope="col">Mise en œuvre</th>
                <th scope="col">Responsable</th>
                <th scope="col">Dernière revue</th>
                <th scope="col">Preuves</th>
              </tr>
            </thead>
            {themes.map((theme) => {
              const rows = soa.rows.filter((r) => r.groupId === theme);
              return (
                <tbody class="theme">
                  <tr>
                    <th class="theme" scope="rowgroup" colspan={8}>
                      {theme} — {rows[0]?.groupNameFr}
                    </th>
                  </tr>
                  {rows.map((row) => (
                    <Row row={row} />
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
export async function renderSoaPage(soa: Soa, generatedAt: Date): Promise<string> {
  const page = await (<SoaPage soa={soa} generatedAt={generatedAt} />);
  return '<!doctype html>\n' + page.toString();
}
