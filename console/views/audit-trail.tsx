/** The audit trail's other pages: the chain verification an auditor runs, and the security-event log. */
import type { FC } from 'hono/jsx';
import { Badge, Csrf, Empty, Facts, Hash, SelectField, TextField, withQuery } from './components.js';
import { Layout } from './layout.js';
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
  hash: string;
}

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
        <div class="table-wrap">
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
                  <td>{e.address ?? '—'}</td>
                  <td>
                    <Hash value={e.hash} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore !== null ? (
        <nav class="pagination" aria-label={t('pagination.label')}>
          <ul>
            <li>
              <a href={withQuery('/journal/securite', { ...filters, before: nextBefore })} rel="next">
                {t('audit.older')}
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
};
