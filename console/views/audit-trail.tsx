/** The audit trail's other pages: the chain verification an auditor runs, and the security-event log. */
import type { Child, FC } from 'hono/jsx';
import { Badge, Csrf, Empty, Facts, Hash, SelectField, TextField, withQuery } from './components.js';
import { Layout } from './layout.js';
import { ScrollTable } from './scroll-table.js';
import type { FormState, Ui } from './ui.js';

export const SECURITY_KINDS = ['sign_in_failed', 'sign_in_throttled', 'access_denied', 'evidence_download', 'export'] as const;

export const TrailNav: FC<{ ui: Ui; current: 'journal' | 'verification' | 'security' }> = ({ ui, current }) => {
  const { t } = ui.i18n;
  const role = ui.actor?.role;
  const links: [string, string, string][] = [['journal', '/journal', t('audit.title')]];
  if (role === 'operator' || role === 'auditor' || role === 'admin') links.push(['verification', '/journal/verification', t('cert.trail.verification')]);
  if (role === 'auditor' || role === 'admin') links.push(['security', '/journal/securite', t('cert.trail.security')]);
  if (links.length === 1) return null;
  return (
    <nav class="tabs" aria-label={t('cert.trail.nav')}>
      <ul>
        {links.map(([id, href, label]) => (
          <li>
            <a href={href} aria-current={id === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/** The link to older entries of an append-only log, read by cursor. */
export const OlderPage: FC<{ ui: Ui; href: string }> = ({ ui, href }) => (
  <nav class="pagination" aria-label={ui.i18n.t('pagination.label')}>
    <ul>
      <li>
        <a href={href} rel="next">
          {ui.i18n.t('audit.older')}
        </a>
      </li>
    </ul>
  </nav>
);

export interface ChainResult {
  ok: boolean;
  entries: number;
  headHash: string;
  firstBroken?: { seq: number; reason: string } | undefined;
  checkedAt: string;
  durationMs: number;
}

/** The verifier's reason, said in the reader's language. */
function reasonOf(ui: Ui, reason: string): string {
  const gap = /^sequence gap: expected (\d+), found (\d+)$/.exec(reason);
  if (gap) return ui.i18n.t('cert.trail.reason.gap', { expected: gap[1]!, found: gap[2]! });
  if (reason.startsWith('prev_hash')) return ui.i18n.t('cert.trail.reason.link');
  if (reason.startsWith('content')) return ui.i18n.t('cert.trail.reason.content');
  return reason;
}

export const ChainOutcome: FC<{ ui: Ui; result: ChainResult; title: string }> = ({ ui, result, title }) => {
  const { t } = ui.i18n;
  return (
    <section class="panel" aria-live="polite" data-chain={result.ok ? 'ok' : 'broken'}>
      <h2>{title}</h2>
      <p>
        {result.ok ? <Badge kind="success">{t('cert.trail.intact')}</Badge> : <Badge kind="danger">{t('cert.trail.broken')}</Badge>}{' '}
        {result.ok
          ? t('cert.trail.intactDetail', { entries: result.entries })
          : t('cert.trail.brokenDetail', { seq: result.firstBroken?.seq ?? 0, reason: reasonOf(ui, result.firstBroken?.reason ?? ''), entries: result.entries })}
      </p>
      <Facts
        items={[
          [t('cert.trail.checkedAt'), ui.i18n.dateTime(result.checkedAt)],
          [t('cert.trail.duration'), `${result.durationMs} ms`],
          [t('cert.trail.head'), <Hash value={result.headHash} />],
        ]}
      />
    </section>
  );
};

export const VerificationPage: FC<{ ui: Ui; result: ChainResult | null; canRun: boolean }> = ({ ui, result, canRun }) => {
  const { t } = ui.i18n;
  return (
    <Layout ui={ui} title={t('cert.trail.verification')} lead={t('cert.trail.verificationLead')} nav="audit" wide>
      <TrailNav ui={ui} current="verification" />
      {canRun ? (
        <form method="post" action="/journal/verification" class="panel">
          <Csrf ui={ui} />
          <button type="submit" class="button">
            {t('cert.trail.run')}
          </button>
        </form>
      ) : null}
      {result ? <ChainOutcome ui={ui} result={result} title={t('cert.trail.result')} /> : null}
    </Layout>
  );
};

export interface SecurityEventView {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  address: string | null;
  target: string | null;
  detail: unknown;
  hash: string;
}

const REASONS = ['wrong_code', 'replayed_code'] as const;

/** What the event recorded besides its kind and target, in the reader's words where the console wrote it. */
const SecurityDetail: FC<{ ui: Ui; detail: unknown }> = ({ ui, detail }) => {
  if (detail === null || typeof detail !== 'object') return <>—</>;
  const d = detail as Record<string, unknown>;
  const parts: Child[] = [];
  if (typeof d['reason'] === 'string') {
    const r = d['reason'];
    parts.push((REASONS as readonly string[]).includes(r) ? ui.i18n.t(`cert.security.reason.${r as (typeof REASONS)[number]}`) : <code class="small">{r}</code>);
  }
  if (typeof d['retryAfterSeconds'] === 'number') parts.push(ui.i18n.t('cert.security.retryAfter', { n: d['retryAfterSeconds'] }));
  if (typeof d['sha256'] === 'string') parts.push(<Hash value={d['sha256']} />);
  return parts.length === 0 ? <code class="small">{JSON.stringify(d)}</code> : <>{parts.map((p, i) => (i === 0 ? p : <>; {p}</>))}</>;
};

export function securityKindLabel(ui: Ui, kind: string): string {
  return (SECURITY_KINDS as readonly string[]).includes(kind) ? ui.i18n.t(`cert.security.${kind as (typeof SECURITY_KINDS)[number]}`) : kind;
}

export const SecurityEventsPage: FC<{ ui: Ui; items: SecurityEventView[]; filters: Record<string, string>; nextBefore: number | null; chain: ChainResult }> = ({ ui, items, filters, nextBefore, chain }) => {
  const { t } = ui.i18n;
  const form: FormState = { values: filters, errors: {} };
  return (
    <Layout ui={ui} title={t('cert.trail.security')} lead={t('cert.trail.securityLead')} nav="audit" wide>
      <TrailNav ui={ui} current="security" />
      <form method="get" action="/journal/securite" class="filters" role="search" aria-label={t('audit.filters')}>
        <TextField form={form} name="actor" label={t('audit.col.actor')} spellcheck={false} />
        <SelectField form={form} name="kind" label={t('cert.security.kind')} blank={t('common.all')} options={SECURITY_KINDS.map((k) => ({ value: k, label: securityKindLabel(ui, k) }))} />
        <TextField form={form} name="from" type="date" label={t('cert.trail.from')} />
        <TextField form={form} name="to" type="date" label={t('cert.trail.to')} />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      <ChainOutcome ui={ui} result={chain} title={t('cert.trail.securityChain')} />
      {items.length === 0 ? (
        <Empty ui={ui} />
      ) : (
        <ScrollTable label={t('cert.trail.security')}>
          <table class="data compact">
            <caption>{t('cert.trail.security')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('audit.col.seq')}
                </th>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('cert.security.kind')}</th>
                <th scope="col">{t('cert.security.target')}</th>
                <th scope="col">{t('cert.security.detail')}</th>
                <th scope="col">{t('cert.security.address')}</th>
                <th scope="col">{t('audit.col.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr>
                  <th scope="row" class="num">
                    {e.seq}
                  </th>
                  <td class="nowrap">{ui.i18n.dateTime(e.at)}</td>
                  <td class="break">{e.actor}</td>
                  <td>{securityKindLabel(ui, e.kind)}</td>
                  <td class="break">
                    <code class="small">{e.target ?? '—'}</code>
                  </td>
                  <td class="break">
                    <SecurityDetail ui={ui} detail={e.detail} />
                  </td>
                  <td>{e.address ?? '—'}</td>
                  <td>
                    <Hash value={e.hash} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {nextBefore !== null ? <OlderPage ui={ui} href={withQuery('/journal/securite', { ...filters, before: nextBefore })} /> : null}
    </Layout>
  );
};
