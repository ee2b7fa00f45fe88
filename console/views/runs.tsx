/** Runs pages: the run history with filters, the drift of every stack, readiness, and one run. */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import type { Readiness } from '../services/runs/readiness.js';
import type { StackDriftStatus } from '../services/runs/drift-status.js';
import { Badge, ColumnHeads, Csrf, Empty, Facts, Hash, Pagination, withQuery } from './components.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

export interface RunSummary {
  id: string;
  stack: string;
  status: string;
  operator: string;
  approvedBy: string | null;
  demo: boolean;
  createdAt: string;
  finishedAt: string | null;
  summary: { add: number; change: number; destroy: number };
}

export interface AttributeRow {
  path: string;
  before: string | null;
  after: string | null;
  sensitive: boolean;
}

export interface PolicyVerdictView {
  blocking: boolean;
  findings: { ruleId: string; severity: string; address: string; message: string; blocking: boolean; suppressedBy: string | null }[];
}

export interface RunDetail extends RunSummary {
  specSha256: string;
  stackSha256: string;
  add: string[];
  change: { address: string; paths: string[] }[];
  destroy: string[];
  attributes: { address: string; attributes: AttributeRow[] }[];
  policy: PolicyVerdictView | null;
  binary: string | null;
  logTail: string | null;
  failureReason: string | null;
  planFileSha256: string | null;
  planError: string | null;
  basedOnRunId: string | null;
  approvedAt: string | null;
  appliedResources: string[] | null;
  startedAt: string | null;
  /** Why it cannot be applied any more, when that is the case. */
  blocked: { kind: 'stale' } | { kind: 'too-old'; hours: number } | null;
}

export interface RunFilters {
  stack: string;
  status: string;
  operator: string;
  from: string;
  to: string;
}

const runKind: Record<string, string> = { planned: 'info', superseded: 'neutral', applying: 'warning', applied: 'success', failed: 'danger' };
const runKeys: Record<string, MessageKey> = {
  planned: 'run.status.planned',
  superseded: 'run.status.superseded',
  applying: 'run.status.applying',
  applied: 'run.status.applied',
  failed: 'run.status.failed',
};

export const RunStatus: FC<{ ui: Ui; status: string; demo?: boolean }> = ({ ui, status, demo }) => (
  <>
    <Badge kind={runKind[status] ?? 'neutral'}>{runKeys[status] ? ui.i18n.t(runKeys[status]) : status}</Badge>
    {demo ? (
      <>
        {' '}
        <Badge kind="neutral">{ui.i18n.t('run.demo')}</Badge>
      </>
    ) : null}
  </>
);

export const PlanSummary: FC<{ ui: Ui; summary: RunSummary['summary'] }> = ({ ui, summary }) => (
  <span class="plan-summary">
    <span class="plan-add">{ui.i18n.t('run.add', { n: summary.add })}</span> · <span class="plan-change">{ui.i18n.t('run.change', { n: summary.change })}</span> ·{' '}
    <span class="plan-destroy">{ui.i18n.t('run.destroy', { n: summary.destroy })}</span>
  </span>
);

// ---------------------------------------------------------------------------------------------
// Drift

const driftKind: Record<StackDriftStatus['status'], string> = { 'never-applied': 'neutral', 'pending-changes': 'warning', drifted: 'danger', 'in-sync': 'success', unknown: 'neutral' };

export const DriftStatusBadge: FC<{ ui: Ui; status: StackDriftStatus['status'] }> = ({ ui, status }) => (
  <Badge kind={driftKind[status] ?? 'neutral'}>{ui.i18n.t(`drift.status.${status}` as MessageKey)}</Badge>
);

/** The reason in French when the console knows it, terraform's own words (English) otherwise. */
const DriftReason: FC<{ ui: Ui; d: StackDriftStatus }> = ({ ui, d }) => {
  const { t } = ui.i18n;
  const r = d.reason ?? '';
  if (d.status === 'in-sync') return <span>—</span>;
  if (d.status === 'never-applied') return <span>{t('drift.reason.never-applied')}</span>;
  if (d.status === 'drifted') return <span>{t(r.startsWith('the real resources') ? 'drift.reason.refresh' : 'drift.reason.state')}</span>;
  if (r === '') return <span>—</span>;
  const raw = r.replace(/^real resources not compared: /, '');
  if (/no terraform\/tofu binary/.test(raw)) return <span>{t('drift.reason.no-binary')}</span>;
  if (/no working directory/.test(raw)) return <span>{t('drift.reason.no-workdir')}</span>;
  if (/demonstration data/.test(raw)) return <span>{t('drift.reason.demo')}</span>;
  return (
    <span>
      {t(/^(failed|timed-out) at /.test(raw) ? 'drift.reason.failed' : 'drift.reason.other')} <span lang="en">{raw}</span>
    </span>
  );
};

const DriftTable: FC<{ ui: Ui; drift: StackDriftStatus[]; intervalMinutes: number }> = ({ ui, drift, intervalMinutes }) => {
  const { t } = ui.i18n;
  return (
    <section aria-labelledby="drift-title">
      <h2 id="drift-title">{t('drift.title')}</h2>
      <p class="hint">{intervalMinutes > 0 ? t('drift.scheduled', { n: intervalMinutes }) : t('drift.scheduledOff')}</p>
      {drift.length === 0 ? (
        <Empty ui={ui} message="drift.empty" />
      ) : (
        <div class="table-wrap">
          <table class="data">
            <ColumnHeads ui={ui} columns={['runs.col.stack', 'drift.col.status', 'drift.col.reason', 'drift.col.pending', 'drift.col.checked', 'drift.col.runs']} />
            <tbody>
              {drift.map((d) => (
                <tr data-stack={d.stack} data-status={d.status}>
                  <th scope="row">
                    <code>{d.stack}</code>
                  </th>
                  <td>
                    <DriftStatusBadge ui={ui} status={d.status} />
                  </td>
                  <td class="small">
                    <DriftReason ui={ui} d={d} />
                  </td>
                  <td>
                    <PlanSummary ui={ui} summary={d.pending} />
                  </td>
                  <td class="nowrap">{ui.i18n.dateTime(d.checkedAt)}</td>
                  <td>
                    <a href={withQuery('/executions', { stack: d.stack })}>{t('runs.lastRuns')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// Readiness

const readinessKind: Record<string, string> = { ok: 'success', failed: 'danger', unverified: 'neutral' };

export const ReadinessPanel: FC<{ ui: Ui; readiness: Readiness }> = ({ ui, readiness }) => {
  const { t } = ui.i18n;
  return (
    <section aria-labelledby="readiness-title" class={`callout ${readiness.ready ? 'success' : 'danger'}`} data-ready={String(readiness.ready)}>
      <h2 id="readiness-title">{t('readiness.title')}</h2>
      <p>{t(readiness.ready ? 'readiness.ready' : 'readiness.notReady')}</p>
      <ul>
        {readiness.checks.map((c) => {
          const values = { ...c.values, ...(c.values['where'] ? { where: t(c.values['where'] === 'cache' ? 'readiness.where.cache' : 'readiness.where.mirror') } : {}) };
          return (
            <li>
              <Badge kind={readinessKind[c.state] ?? 'neutral'}>{t(`readiness.state.${c.state}` as MessageKey)}</Badge> {t(`readiness.${c.code}` as MessageKey, values)}
            </li>
          );
        })}
      </ul>
    </section>
  );
};

// ---------------------------------------------------------------------------------------------
// The runs page

export const RunsPage: FC<{
  ui: Ui;
  runs: RunSummary[];
  total: number;
  limit: number;
  offset: number;
  filters: RunFilters;
  stacks: string[];
  drift: StackDriftStatus[];
  readiness: Readiness | null;
  canPlan: boolean;
  driftIntervalMinutes: number;
}> = ({ ui, runs, total, limit, offset, filters, stacks, drift, readiness, canPlan, driftIntervalMinutes }) => {
  const { t } = ui.i18n;
  const query = { stack: filters.stack || undefined, status: filters.status || undefined, operator: filters.operator || undefined, from: filters.from || undefined, to: filters.to || undefined };
  return (
    <Layout ui={ui} title={t('runs.title')} lead={t('runs.lead2')} nav="runs" wide>
      {readiness ? <ReadinessPanel ui={ui} readiness={readiness} /> : null}
      {canPlan ? (
        <form method="post" action="/executions/planifier" class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button">
            {t('runs.plan')}
          </button>{' '}
          <span class="hint">{t('runs.planHint')}</span>
        </form>
      ) : null}
      {canPlan ? (
        <form method="post" action="/executions/derive" class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button secondary">
            {t('runs.drift')}
          </button>{' '}
          <span class="hint">{t('runs.driftHint')}</span>
        </form>
      ) : null}
      <DriftTable ui={ui} drift={drift} intervalMinutes={driftIntervalMinutes} />
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{t('runs.caption')}</h2>
        <form method="get" action="/executions" class="filters" aria-label={t('runs.filters')}>
          <div class="grid">
            <label>
              {t('runs.filter.stack')}
              <select name="stack">
                <option value="">{t('runs.filter.any')}</option>
                {stacks.map((s) => (
                  <option value={s} selected={filters.stack === s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('runs.filter.status')}
              <select name="status">
                <option value="">{t('runs.filter.any')}</option>
                {Object.keys(runKeys).map((s) => (
                  <option value={s} selected={filters.status === s}>
                    {t(runKeys[s]!)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('runs.filter.operator')}
              <input type="email" name="operator" value={filters.operator} />
            </label>
            <label>
              {t('runs.filter.from')}
              <input type="date" name="from" value={filters.from} />
            </label>
            <label>
              {t('runs.filter.to')}
              <input type="date" name="to" value={filters.to} />
            </label>
          </div>
          <button type="submit" class="button secondary small">
            {t('runs.filter.apply')}
          </button>
        </form>
        <p class="hint" data-total={String(total)}>
          {t('runs.total', { n: total })}
        </p>
        {runs.length === 0 ? (
          <Empty ui={ui} message="runs.empty" />
        ) : (
          <div class="table-wrap">
            <table class="data">
              <ColumnHeads ui={ui} columns={['runs.col.stack', 'runs.col.status', 'runs.col.plan', 'runs.col.operator', 'runs.col.approvedBy', 'runs.col.created']} />
              <tbody>
                {runs.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`/executions/${r.id}`}>
                        <code>{r.stack}</code>
                      </a>
                    </th>
                    <td>
                      <RunStatus ui={ui} status={r.status} demo={r.demo} />
                    </td>
                    <td>
                      <PlanSummary ui={ui} summary={r.summary} />
                    </td>
                    <td>{r.operator}</td>
                    <td>{r.approvedBy ?? '—'}</td>
                    <td class="nowrap">{ui.i18n.dateTime(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination ui={ui} total={total} limit={limit} offset={offset} href={(o) => withQuery('/executions', { ...query, offset: o || undefined })} />
      </section>
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// One run

const AddressList: FC<{ ui: Ui; id: string; title: string; items: string[] }> = ({ ui, id, title, items }) => (
  <section aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {items.length ? (
      <ul class="mono-list">
        {items.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    ) : (
      <Empty ui={ui} />
    )}
  </section>
);

const AttributeTable: FC<{ ui: Ui; attributes: RunDetail['attributes'] }> = ({ ui, attributes }) => {
  const { t } = ui.i18n;
  const value = (v: string | null, sensitive: boolean) => (sensitive ? <em>{t('run.attr.sensitive')}</em> : v === null ? <em>{t('run.attr.absent')}</em> : <code>{v}</code>);
  return (
    <section aria-labelledby="plan-attributes">
      <h2 id="plan-attributes">{t('run.attributes')}</h2>
      {attributes.length === 0 ? (
        <Empty ui={ui} message="run.attributesNone" />
      ) : (
        <div class="table-wrap">
          <table class="data compact">
            <ColumnHeads ui={ui} columns={['run.attr.resource', 'run.attr.path', 'run.attr.before', 'run.attr.after']} />
            <tbody>
              {attributes.flatMap((r) =>
                r.attributes.map((a, i) => (
                  <tr>
                    {i === 0 ? (
                      <th scope="rowgroup" rowspan={r.attributes.length} class="break">
                        <code>{r.address}</code>
                      </th>
                    ) : null}
                    <td>
                      <code>{a.path}</code>
                    </td>
                    <td class="break">{value(a.before, a.sensitive)}</td>
                    <td class="break">{value(a.after, a.sensitive)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

const PolicyVerdictSection: FC<{ ui: Ui; policy: PolicyVerdictView | null }> = ({ ui, policy }) => {
  const { t } = ui.i18n;
  return (
    <section aria-labelledby="plan-policy">
      <h2 id="plan-policy">{t('run.policy')}</h2>
      {policy === null ? (
        <p>{t('run.policyNone')}</p>
      ) : (
        <>
          <p class={policy.blocking ? 'text-danger' : ''}>
            <strong>{t(policy.blocking ? 'run.policyBlocking' : 'run.policyClear')}</strong>
          </p>
          {policy.findings.length === 0 ? (
            <Empty ui={ui} message="policy.noFindings" />
          ) : (
            <div class="table-wrap">
              <table class="data compact">
                <ColumnHeads ui={ui} columns={['policy.col.rule', 'policy.col.severity', 'policy.col.resource', 'run.policy.col.blocking', 'run.policy.col.exception', 'policy.col.message']} />
                <tbody>
                  {policy.findings.map((f) => (
                    <tr>
                      <th scope="row">
                        <code>{f.ruleId}</code>
                      </th>
                      <td>{t(`severity.${f.severity}` as MessageKey)}</td>
                      <td class="break">
                        <code>{f.address}</code>
                      </td>
                      <td>{f.blocking ? <strong class="text-danger">{t('run.policy.yes')}</strong> : t('run.policy.no')}</td>
                      <td>{f.suppressedBy ? t('run.policy.suppressedBy', { id: f.suppressedBy }) : '—'}</td>
                      <td lang="en">{f.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
};

/** The failure, in French first; terraform's own message follows, marked as English. */
const Failure: FC<{ ui: Ui; reason: string }> = ({ ui, reason }) => {
  const { t } = ui.i18n;
  const step = /^(?:failed|timed-out) at ([a-z-]+):/.exec(reason)?.[1];
  return (
    <div class="callout danger" role="alert">
      <h2>{t('run.failure')}</h2>
      <p>{/no terraform\/tofu binary/.test(reason) ? t('run.failedNoBinary') : step ? t('run.failedAt', { step }) : null}</p>
      <p>
        {t('run.failedRaw')} <span lang="en">{reason}</span>
      </p>
    </div>
  );
};

export const RunPage: FC<{ ui: Ui; run: RunDetail; isOperator: boolean; plannedByMe: boolean; readiness: Readiness | null }> = ({ ui, run, isOperator, plannedByMe, readiness }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const live = run.status === 'planned' && run.blocked === null;
  const canApprove = isOperator && live && !plannedByMe && run.planFileSha256 !== null && run.approvedBy === null;
  const canApply = isOperator && live && run.approvedBy !== null;
  return (
    <Layout ui={ui} title={t('run.title', { stack: run.stack })} nav="runs" wide>
      {run.demo ? <p class="callout">{t('run.demoHint')}</p> : null}
      {run.status === 'superseded' ? <p class="callout warning">{t('run.superseded')}</p> : null}
      {run.status === 'planned' && run.blocked?.kind === 'stale' ? <p class="callout warning">{t('run.stale')}</p> : null}
      {run.status === 'planned' && run.blocked?.kind === 'too-old' ? <p class="callout warning">{t('run.tooOld', { hours: run.blocked.hours })}</p> : null}
      {run.status === 'planned' && run.planFileSha256 === null ? (
        <div class="callout warning">
          <p>{t('run.noPlanFile')}</p>
          {run.planError ? (
            <p>
              {t('run.planErrorCause')} <span lang="en">{run.planError}</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {readiness && !readiness.ready && live ? <ReadinessPanel ui={ui} readiness={readiness} /> : null}
      {canApprove ? (
        <form method="post" action={`/executions/${run.id}/approuver`} class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button">
            {t('run.approve')}
          </button>{' '}
          <span class="hint">{t('run.approveHint', { sha: (run.planFileSha256 ?? '').slice(0, 12), who: run.operator })}</span>
        </form>
      ) : null}
      {isOperator && live && plannedByMe && run.approvedBy === null ? <p class="hint">{t('run.cannotApproveOwn')}</p> : null}
      {canApply ? (
        <form method="post" action={`/executions/${run.id}/appliquer`} class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button">
            {t('run.applyApproved')}
          </button>{' '}
          <span class="hint">{t('run.applyHint2', { stack: run.stack })}</span>
        </form>
      ) : null}
      <Facts
        items={[
          [t('runs.col.status'), <RunStatus ui={ui} status={run.status} demo={run.demo} />],
          [t('runs.col.plan'), <PlanSummary ui={ui} summary={run.summary} />],
          [t('runs.col.operator'), run.operator],
          [t('run.approval'), run.approvedBy ? t('run.approvedBy', { who: run.approvedBy, at: i.dateTime(run.approvedAt) }) : t('run.awaitingApproval', { who: run.operator })],
          [t('runs.col.created'), i.dateTime(run.createdAt)],
          [t('run.finished'), i.dateTime(run.finishedAt)],
          [t('run.basedOn'), run.basedOnRunId ? <a href={`/executions/${run.basedOnRunId}`}>{run.basedOnRunId}</a> : t('run.never')],
          [t('run.planFile'), <Hash value={run.planFileSha256} />],
          [t('run.spec'), <Hash value={run.specSha256} />],
          [t('run.stackHash'), <Hash value={run.stackSha256} />],
          [t('run.binary'), run.binary ?? '—'],
        ]}
      />
      {run.failureReason ? <Failure ui={ui} reason={run.failureReason} /> : null}
      <div class="plan-columns">
        <AddressList ui={ui} id="plan-add" title={t('run.toAdd', { n: run.add.length })} items={run.add} />
        <AddressList ui={ui} id="plan-change" title={t('run.toChange', { n: run.change.length })} items={run.change.map((c) => `${c.address} — ${c.paths.join(', ')}`)} />
        <AddressList ui={ui} id="plan-destroy" title={t('run.toDestroy', { n: run.destroy.length })} items={run.destroy} />
      </div>
      <AttributeTable ui={ui} attributes={run.attributes} />
      <PolicyVerdictSection ui={ui} policy={run.policy} />
      {run.appliedResources ? <AddressList ui={ui} id="run-resources" title={t('run.appliedResources', { n: run.appliedResources.length })} items={run.appliedResources} /> : null}
      {run.logTail ? (
        <section aria-labelledby="run-log">
          <h2 id="run-log">{t('run.log')}</h2>
          <pre class="log">{run.logTail}</pre>
        </section>
      ) : null}
    </Layout>
  );
};
