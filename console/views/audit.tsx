/** The audit trail: every write, newest first, with its place in the hash chain. */
import type { FC } from 'hono/jsx';
import type { MessageKey } from '../i18n/index.js';
import { Empty, Hash, SelectField, TextField, withQuery } from './components.js';
import { actionLabel, AUDIT_ACTIONS } from './audit-labels.js';
import { Layout } from './layout.js';
import { ScrollTable } from './scroll-table.js';
import { OlderPage, TrailNav } from './audit-trail.js';
import type { FormState, Ui } from './ui.js';

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  id: string;
  before: unknown;
  after: unknown;
  hash: string;
}

export const AUDIT_ENTITIES = [
  'hosting-request',
  'evidence',
  'control',
  'finding',
  'policy-exception',
  'policy-run',
  'apply-run',
  'user',
  'session',
  'api-token',
  'ministry',
  'host',
  'audit-verification',
  'risk',
  'risk_asset',
] as const;

const actionKeys: Record<string, MessageKey> = {
  'auth.login': 'audit.action.login',
  'auth.logout': 'audit.action.logout',
  'hosting-request.create': 'audit.action.requestCreate',
  'hosting-request.update': 'audit.action.requestUpdate',
  'hosting-request.submit': 'action.submit',
  'hosting-request.request-changes': 'action.request-changes',
  'hosting-request.approve': 'action.approve',
  'hosting-request.reject': 'action.reject',
  'hosting-request.start-provisioning': 'action.start-provisioning',
  'hosting-request.activate': 'action.activate',
  'hosting-request.request-decommission': 'action.request-decommission',
  'hosting-request.decommission': 'action.decommission',
  'evidence.create': 'audit.action.evidenceCreate',
  'evidence.version.add': 'audit.action.evidenceVersion',
  'evidence.version.accept': 'evidence.accept',
  'evidence.version.reject': 'evidence.reject',
  'user.create': 'audit.action.userCreate',
  'user.update': 'audit.action.userUpdate',
  'ministry.create': 'audit.action.ministryCreate',
  'ministry.update': 'audit.action.ministryUpdate',
  'host.create': 'audit.action.hostCreate',
  'host.update': 'audit.action.hostUpdate',
  'risk.create': 'audit.action.riskCreate',
  'risk.treat': 'audit.action.riskTreat',
  'risk.update': 'audit.action.riskUpdate',
  'risk.accept': 'audit.action.riskAccept',
};

function linkOf(entity: string, id: string): string | null {
  switch (entity) {
    case 'hosting-request':
      return `/demandes/${id}`;
    case 'evidence':
      return `/preuves/${id}`;
    case 'finding':
      return `/constats/${id}`;
    case 'risk':
      return `/risques/${id}`;
    case 'apply-run':
      return `/executions/${id}`;
    default:
      return null;
  }
}

export interface AuditFilters {
  entity: string;
  entityId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

export const AuditPage: FC<{ ui: Ui; items: AuditEntryView[]; filters: AuditFilters; nextBefore: number | null }> = ({ ui, items, filters, nextBefore }) => {
  const { t } = ui.i18n;
  const form: FormState = { values: { ...filters }, errors: {} };
  return (
    <Layout ui={ui} title={t('audit.title')} lead={ui.actor?.role === 'requester' ? t('audit.leadRequester') : t('audit.lead')} nav="audit" wide>
      <TrailNav ui={ui} current="journal" />
      <form method="get" action="/journal" class="filters" role="search" aria-label={t('audit.filters')}>
        <TextField form={form} name="actor" label={t('audit.col.actor')} spellcheck={false} />
        <SelectField form={form} name="action" label={t('audit.col.action')} blank={t('common.all')} options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(ui, a) }))} />
        <SelectField form={form} name="entity" label={t('audit.col.entity')} blank={t('common.all')} options={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entity.${e}`) }))} />
        <TextField form={form} name="entityId" label={t('audit.col.id')} spellcheck={false} />
        <TextField form={form} name="from" type="date" label={t('cert.trail.from')} />
        <TextField form={form} name="to" type="date" label={t('cert.trail.to')} />
        <button type="submit" class="button secondary">
          {t('common.filter')}
        </button>
      </form>
      {items.length === 0 ? (
        <Empty ui={ui} />
      ) : (
        <ScrollTable label={t('audit.caption')}>
          <table class="data compact">
            <caption>{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('audit.col.seq')}
                </th>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.entity')}</th>
                <th scope="col">{t('audit.col.hash')}</th>
                <th scope="col">{t('audit.col.change')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const link = linkOf(e.entity, e.id);
                const key = actionKeys[e.action];
                return (
                  <tr>
                    <th scope="row" class="num">
                      {e.seq}
                    </th>
                    <td class="nowrap">{ui.i18n.dateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>
                      {key ? t(key) : actionLabel(ui, e.action)}
                      <div>
                        <code class="small">{e.action}</code>
                      </div>
                    </td>
                    <td class="break">
                      {(AUDIT_ENTITIES as readonly string[]).includes(e.entity) ? t(`audit.entity.${e.entity as (typeof AUDIT_ENTITIES)[number]}`) : e.entity}
                      <div class="small">{link ? <a href={link}>{e.id}</a> : <code>{e.id}</code>}</div>
                    </td>
                    <td>
                      <Hash value={e.hash} />
                    </td>
                    <td>
                      {e.before !== null || e.after !== null ? (
                        <details>
                          <summary>{t('audit.show')}</summary>
                          {e.before !== null ? (
                            <>
                              <p class="small">{t('audit.before')}</p>
                              <pre class="json">{JSON.stringify(e.before, null, 2)}</pre>
                            </>
                          ) : null}
                          {e.after !== null ? (
                            <>
                              <p class="small">{t('audit.after')}</p>
                              <pre class="json">{JSON.stringify(e.after, null, 2)}</pre>
                            </>
                          ) : null}
                        </details>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {nextBefore !== null ? <OlderPage ui={ui} href={withQuery('/journal', { ...filters, before: nextBefore })} /> : null}
    </Layout>
  );
};
