/** Operator pages: tenancy overview, policy findings and exceptions (queue: views/queue.tsx; runs: views/runs.tsx). */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { Badge, ColumnHeads, Csrf, Empty, ErrorSummary, Facts, Hash, SelectField, TextArea, TextField, type Option } from './components.js';
import { Layout } from './layout.js';
import { classificationLabel, availabilityLabel, StateBadge } from './requests.js';
import type { FormState, Ui } from './ui.js';

// ---------------------------------------------------------------------------------------------
// Tenancy

export interface TenancyMinistry {
  code: string;
  name: string;
  quotas: { vcpu: number; memoryMb: number; storageGb: number; environments: number };
  allocated: { vcpu: number; memoryMb: number; storageGb: number; environments: number };
  environments: { requestId: string; name: string; state: string; availability: string; classification: string; services: { name: string; replicas: number }[] }[];
}

export interface TenancyHost {
  name: string;
  zone: string;
  powerFeed: string;
  schedulable: boolean;
  capacity: { vcpu: number; memoryMb: number; storageGb: number };
  used: { vcpu: number; memoryMb: number; storageGb: number };
  replicas: string[];
}

function share(used: number, total: number): string {
  return total > 0 ? `${Math.round((used / total) * 100)} %` : '—';
}

export const TenancyPage: FC<{ ui: Ui; ministries: TenancyMinistry[]; hosts: TenancyHost[]; specSha256: string | null }> = ({ ui, ministries, hosts, specSha256 }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={t('tenancy.title')} lead={t('tenancy.lead')} nav="tenancy" wide>
      {specSha256 ? (
        <p class="hint">
          {t('tenancy.spec')} <Hash value={specSha256} /> · <a href="/api/v1/tenancy/spec">{t('tenancy.specLink')}</a>
        </p>
      ) : null}
      <section aria-labelledby="t-ministries">
        <h2 id="t-ministries">{t('tenancy.ministries')}</h2>
        <div class="table-wrap" tabindex={0}>
          <table class="data">
            <caption class="visually-hidden">{t('tenancy.ministries')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ministries.col.code')}</th>
                <th scope="col">{t('ministries.col.name')}</th>
                <th scope="col" class="num">{t('resource.environments')}</th>
                <th scope="col" class="num">{t('resource.vcpu')}</th>
                <th scope="col" class="num">{t('resource.memoryMb')}</th>
                <th scope="col" class="num">{t('resource.storageGb')}</th>
              </tr>
            </thead>
            <tbody>
              {ministries.map((m) => (
                <tr>
                  <th scope="row">{m.code}</th>
                  <td>{m.name}</td>
                  <td class="num">{t('usage.plain', { used: m.allocated.environments, total: m.quotas.environments })}</td>
                  <td class="num">
                    {t('usage.plain', { used: i.num(m.allocated.vcpu), total: i.num(m.quotas.vcpu) })} <span class="hint">({share(m.allocated.vcpu, m.quotas.vcpu)})</span>
                  </td>
                  <td class="num">
                    {t('usage.plain', { used: i.mib(m.allocated.memoryMb), total: i.mib(m.quotas.memoryMb) })} <span class="hint">({share(m.allocated.memoryMb, m.quotas.memoryMb)})</span>
                  </td>
                  <td class="num">
                    {t('usage.plain', { used: i.gib(m.allocated.storageGb), total: i.gib(m.quotas.storageGb) })} <span class="hint">({share(m.allocated.storageGb, m.quotas.storageGb)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="t-envs">
        <h2 id="t-envs">{t('tenancy.environments')}</h2>
        <div class="table-wrap" tabindex={0}>
          <table class="data compact">
            <caption class="visually-hidden">{t('tenancy.environments')}</caption>
            <ColumnHeads ui={ui} columns={['requests.col.ministry', 'requests.col.environment', 'requests.col.state', 'request.availability', 'requests.col.classification', 'request.services']} />
            <tbody>
              {ministries.flatMap((m) =>
                m.environments.map((e) => (
                  <tr>
                    <td>{m.code}</td>
                    <th scope="row">
                      <a href={`/demandes/${e.requestId}`}>
                        <code>{e.name}</code>
                      </a>
                    </th>
                    <td>
                      <StateBadge ui={ui} state={e.state} />
                    </td>
                    <td>{availabilityLabel(ui, e.availability)}</td>
                    <td>{classificationLabel(ui, e.classification)}</td>
                    <td>{e.services.map((s) => `${s.name} ×${s.replicas}`).join(', ')}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="t-hosts">
        <h2 id="t-hosts">{t('tenancy.hosts')}</h2>
        <div class="table-wrap" tabindex={0}>
          <table class="data compact">
            <caption class="visually-hidden">{t('tenancy.hosts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hosts.col.name')}</th>
                <th scope="col">{t('hosts.col.zone')}</th>
                <th scope="col">{t('hosts.col.feed')}</th>
                <th scope="col" class="num">{t('resource.vcpu')}</th>
                <th scope="col" class="num">{t('resource.memoryMb')}</th>
                <th scope="col" class="num">{t('resource.storageGb')}</th>
                <th scope="col">{t('tenancy.replicas')}</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((h) => (
                <tr>
                  <th scope="row">
                    <code>{h.name}</code>
                    {h.schedulable ? null : (
                      <>
                        {' '}
                        <Badge kind="warning">{t('hosts.unschedulable')}</Badge>
                      </>
                    )}
                  </th>
                  <td>{h.zone}</td>
                  <td>{h.powerFeed}</td>
                  <td class="num">{t('usage.plain', { used: i.num(h.used.vcpu), total: i.num(h.capacity.vcpu) })}</td>
                  <td class="num">{t('usage.plain', { used: i.mib(h.used.memoryMb), total: i.mib(h.capacity.memoryMb) })}</td>
                  <td class="num">{t('usage.plain', { used: i.gib(h.used.storageGb), total: i.gib(h.capacity.storageGb) })}</td>
                  <td class="small">{h.replicas.length > 0 ? h.replicas.join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
};

// ---------------------------------------------------------------------------------------------
// Policy findings and exceptions

export interface PolicyRunView {
  id: string;
  at: string;
  actor: string;
  trigger: string;
  resourceCount: number;
  blocking: boolean;
  byStatus: { compliant: number; non_compliant: number; not_applicable: number; suppressed: number };
  results: { ruleId: string; severity: string; address: string; status: string; message: string; exceptionId: string | null }[];
}

export interface ExceptionView {
  id: string;
  ruleId: string;
  rule: { title: string; titleEn: string; severity: string } | null;
  resource: string;
  reason: string;
  status: string;
  requestedBy: string;
  decidedBy: string | null;
  expiresAt: string;
  live: boolean;
  allowedActions: string[];
}

const severityKind: Record<string, string> = { critical: 'danger', high: 'danger', medium: 'warning', low: 'neutral' };
const exceptionKind: Record<string, string> = { pending: 'info', approved: 'success', rejected: 'danger', revoked: 'neutral' };
const exceptionKeys: Record<string, MessageKey> = { pending: 'exception.status.pending', approved: 'exception.status.approved', rejected: 'exception.status.rejected', revoked: 'exception.status.revoked' };
const severityKeys: Record<string, MessageKey> = { critical: 'severity.critical', high: 'severity.high', medium: 'severity.medium', low: 'severity.low' };

export const Severity: FC<{ ui: Ui; severity: string }> = ({ ui, severity }) => <Badge kind={severityKind[severity] ?? 'neutral'}>{severityKeys[severity] ? ui.i18n.t(severityKeys[severity]) : severity}</Badge>;

export const PolicyPage: FC<{
  ui: Ui;
  run: PolicyRunView | null;
  shown: number;
  exceptions: ExceptionView[];
  canAct: boolean;
  form: FormState;
  rules: Option[];
}> = ({ ui, run, shown, exceptions, canAct, form, rules }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  return (
    <Layout ui={ui} title={t('policy.title')} lead={t('policy.lead')} nav="policy" wide>
      {canAct ? (
        <form method="post" action="/politique/controler" class="inline">
          <Csrf ui={ui} />
          <button type="submit" class="button">
            {t('policy.check')}
          </button>
        </form>
      ) : null}
      <section aria-labelledby="p-latest">
        <h2 id="p-latest">{t('policy.latest')}</h2>
        {run ? (
          <>
            <Facts
              items={[
                [t('policy.at'), `${i.dateTime(run.at)} · ${run.actor}`],
                [t('policy.trigger'), run.trigger],
                [t('policy.resources'), i.num(run.resourceCount, 0)],
                [t('policy.outcome'), run.blocking ? <strong class="text-danger">{t('policy.blocking')}</strong> : t('policy.notBlocking')],
                [
                  t('policy.counts'),
                  t('policy.countsValue', { compliant: run.byStatus.compliant, nonCompliant: run.byStatus.non_compliant, suppressed: run.byStatus.suppressed, na: run.byStatus.not_applicable }),
                ],
              ]}
            />
            {run.results.length === 0 ? (
              <Empty ui={ui} message="policy.noFindings" />
            ) : (
              <div class="table-wrap" tabindex={0}>
                <table class="data compact">
                  <caption>{t('policy.findingsCaption', { shown, total: run.results.length })}</caption>
                  <ColumnHeads ui={ui} columns={['policy.col.rule', 'policy.col.severity', 'policy.col.resource', 'policy.col.status', 'policy.col.message']} />
                  <tbody>
                    {run.results.slice(0, shown).map((r) => (
                      <tr>
                        <th scope="row">
                          <code>{r.ruleId}</code>
                        </th>
                        <td>
                          <Severity ui={ui} severity={r.severity} />
                        </td>
                        <td class="break">
                          <code>{r.address}</code>
                        </td>
                        <td>{r.status === 'suppressed' ? t('policy.suppressed') : t('policy.nonCompliant')}</td>
                        <td lang="fr">{ui.i18n.local(r.message)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : (
          <p>{t('policy.none')}</p>
        )}
      </section>
      <section aria-labelledby="p-exceptions">
        <h2 id="p-exceptions">{t('exceptions.title')}</h2>
        {exceptions.length === 0 ? (
          <Empty ui={ui} message="exceptions.empty" />
        ) : (
          <div class="table-wrap" tabindex={0}>
            <table class="data">
              <caption class="visually-hidden">{t('exceptions.title')}</caption>
              <ColumnHeads ui={ui} columns={['policy.col.rule', 'policy.col.resource', 'exceptions.col.reason', 'exceptions.col.status', 'exceptions.col.people', 'exceptions.col.expires']}>
                {canAct ? <th scope="col">{t('common.actions')}</th> : null}
              </ColumnHeads>
              <tbody>
                {exceptions.map((e) => (
                  <tr>
                    <th scope="row">
                      <code>{e.ruleId}</code>
                      {e.rule ? <div class="hint">{ui.i18n.local(e.rule.title, e.rule.titleEn)}</div> : null}
                    </th>
                    <td class="break">
                      <code>{e.resource}</code>
                    </td>
                    <td>{e.reason}</td>
                    <td>
                      <Badge kind={exceptionKind[e.status] ?? 'neutral'}>{exceptionKeys[e.status] ? t(exceptionKeys[e.status]!) : e.status}</Badge>
                      {e.live ? <div class="hint">{t('exceptions.live')}</div> : null}
                    </td>
                    <td class="small">
                      {t('exceptions.requestedBy', { who: e.requestedBy })}
                      {e.decidedBy ? <div>{t('exceptions.decidedBy', { who: e.decidedBy })}</div> : null}
                    </td>
                    <td class="nowrap">{i.date(e.expiresAt)}</td>
                    {canAct ? (
                      <td>
                        {e.allowedActions.length > 0 ? (
                          <form method="post" action={`/politique/exceptions/${e.id}/${e.allowedActions[0]}`} class="stacked">
                            <Csrf ui={ui} />
                            <label for={`exc-${e.id}`} class="visually-hidden">
                              {t('actions.commentLabel')}
                            </label>
                            <input type="text" id={`exc-${e.id}`} name="comment" placeholder={t('actions.commentLabel')} />
                            <div class="button-row">
                              {e.allowedActions.map((a) => (
                                <button type="submit" formAction={`/politique/exceptions/${e.id}/${a}`} class={`button small${a === 'approve' ? '' : ' secondary'}`}>
                                  {t(a === 'approve' ? 'exceptions.approve' : a === 'reject' ? 'exceptions.reject' : 'exceptions.revoke')}
                                </button>
                              ))}
                            </div>
                          </form>
                        ) : (
                          '—'
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canAct ? (
          <section aria-labelledby="p-new-exception" class="panel">
            <h3 id="p-new-exception">{t('exceptions.new')}</h3>
            <ErrorSummary ui={ui} form={form} labels={{ ruleId: t('policy.col.rule'), resource: t('policy.col.resource'), reason: t('exceptions.col.reason'), expiresAt: t('exceptions.col.expires') }} />
            <form method="post" action="/politique/exceptions" novalidate>
              <Csrf ui={ui} />
              <div class="grid">
                <SelectField form={form} name="ruleId" label={t('policy.col.rule')} required options={rules} blank={t('common.choose')} />
                <TextField form={form} name="resource" label={t('policy.col.resource')} hint={t('exceptions.resourceHint')} required spellcheck={false} />
                <TextField form={form} name="expiresAt" type="date" label={t('exceptions.col.expires')} hint={t('exceptions.expiresHint')} required />
              </div>
              <TextArea form={form} name="reason" label={t('exceptions.col.reason')} hint={t('exceptions.reasonHint')} required />
              <button type="submit" class="button">
                {t('exceptions.submit')}
              </button>
            </form>
          </section>
        ) : null}
      </section>
    </Layout>
  );
};
