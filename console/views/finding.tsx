/**
 * One finding, worked to closure (ISO/IEC 27001 10.2): what was found, its root cause, its
 * corrective actions (owner, due date, status, evidence), the closure proposed then verified by
 * another auditor — or, for a finding the console raised, the check that cleared it — and its
 * history. Each form shows only to the role that owns the step.
 */
import type { FC } from 'hono/jsx';
import { actionLabel } from './audit-labels.js';
import type { FindingDetail } from './compliance.js';
import { Csrf, Empty, ErrorSummary, Facts, SelectField, TextArea, type Option } from './components.js';
import { FindingAuditLink, FindingControls, findingStateLabel, FindingStatusLine, OverdueBadge, OwnerDueFields } from './finding-fragments.js';
import { Layout } from './layout.js';
import { evidenceTitle, type FormState, type Ui } from './ui.js';

export const ACTION_STATES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export function actionStateLabel(ui: Ui, s: string): string {
  return (ACTION_STATES as readonly string[]).includes(s) ? ui.i18n.t(`cert.action.status.${s as (typeof ACTION_STATES)[number]}`) : s;
}

export interface FindingWork extends FindingDetail {
  origin: string;
  source: string | null;
  subject: string | null;
  rootCause: string | null;
  actions: { id: string; description: string; owner: string; dueDate: string; status: string; overdue: boolean; evidence: { id: string; title: string; titleEn?: string | null } | null; version: number }[];
  closureProposedBy: string | null;
  closureProposedAt: string | null;
  closureEvidence: { evidenceId: string; title: string; titleEn?: string | null; version: number } | null;
  closingEvidence: { evidenceId: string; title: string; titleEn?: string | null; version: number } | null;
  closedByCheck: string | null;
  reopenedCount: number;
}

export interface EvidenceOption {
  id: string;
  title: string;
  acceptedVersions: { id: string; version: number }[];
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  status: string | null;
  comment: string | null;
  check: string | null;
}

export interface FindingForms {
  rootCause: FormState;
  addAction: FormState;
  closure: FormState;
  decision: FormState;
}

const ActionsTable: FC<{ ui: Ui; finding: FindingWork; canWork: boolean; evidence: EvidenceOption[] }> = ({ ui, finding, canWork, evidence }) => {
  const { t } = ui.i18n;
  if (finding.actions.length === 0) return <p class="empty">{t('cert.finding.noActions')}</p>;
  const editable = canWork && finding.status !== 'closed';
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden">{t('cert.finding.actions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cert.finding.action.description')}</th>
            <th scope="col">{t('cert.finding.action.owner')}</th>
            <th scope="col">{t('cert.finding.action.due')}</th>
            <th scope="col">{t('cert.finding.action.status')}</th>
            <th scope="col">{t('cert.finding.action.evidence')}</th>
            {editable ? <th scope="col">{t('common.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {finding.actions.map((a, n) => (
            <tr id={`action-${a.id}`}>
              <td>{a.description}</td>
              <td>{a.owner}</td>
              <td class="nowrap">
                {ui.i18n.date(`${a.dueDate}T12:00:00Z`)}
                <OverdueBadge ui={ui} overdue={a.overdue} />
              </td>
              <td>{actionStateLabel(ui, a.status)}</td>
              <td>{a.evidence ? <a href={`/preuves/${a.evidence.id}`}>{evidenceTitle(ui, a.evidence)}</a> : t('cert.finding.action.noEvidence')}</td>
              {editable ? (
                <td>
                  <form method="post" action={`/constats/${finding.id}/actions/${a.id}`} class="stacked" novalidate>
                    <Csrf ui={ui} />
                    <input type="hidden" name="version" value={String(a.version)} />
                    <label for={`action-status-${n}`}>{t('cert.finding.action.status')}</label>
                    <select id={`action-status-${n}`} name="status">
                      {ACTION_STATES.map((s) => (
                        <option value={s} selected={s === a.status}>
                          {actionStateLabel(ui, s)}
                        </option>
                      ))}
                    </select>
                    <label for={`action-evidence-${n}`}>{t('cert.finding.action.evidence')}</label>
                    <select id={`action-evidence-${n}`} name="evidenceId">
                      <option value="">{t('cert.finding.action.noEvidence')}</option>
                      {evidence.map((e) => (
                        <option value={e.id} selected={a.evidence?.id === e.id}>
                          {evidenceTitle(ui, e)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button small secondary">
                      {t('cert.finding.action.update')}
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const History: FC<{ ui: Ui; entries: HistoryEntry[] }> = ({ ui, entries }) => {
  const { t } = ui.i18n;
  if (entries.length === 0) return <Empty ui={ui} />;
  return (
    <ol class="history">
      {entries.map((e) => (
        <li>
          <time datetime={e.at}>{ui.i18n.dateTime(e.at)}</time> — {actionLabel(ui, e.action)} · {e.actor === 'system' ? t('cert.finding.system') : e.actor}
          {e.status ? ` · ${findingStateLabel(ui, e.status)}` : ''}
          {e.check ? ` · ${e.check}` : ''}
          {e.comment ? <blockquote class="small">{e.comment}</blockquote> : null}
        </li>
      ))}
    </ol>
  );
};

export const FindingWorkPage: FC<{ ui: Ui; finding: FindingWork; evidence: EvidenceOption[]; history: HistoryEntry[]; forms: FindingForms }> = ({ ui, finding, evidence, history, forms }) => {
  const { t } = ui.i18n;
  const i = ui.i18n;
  const role = ui.actor?.role;
  const can = (a: string) => finding.allowedActions.includes(a);
  const team = role === 'operator' || role === 'admin';
  const closureOptions: Option[] = evidence.flatMap((e) => e.acceptedVersions.map((v) => ({ value: v.id, label: `${evidenceTitle(ui, e)} — v${v.version}` })));
  const mayVerify = role === 'auditor' && can('close') && finding.closureProposedBy !== ui.actor?.email;
  const origin = finding.origin === 'system' ? t('cert.finding.origin.system', { source: finding.source ?? '—', subject: finding.subject ?? '—' }) : t('cert.finding.origin.person');
  return (
    <Layout ui={ui} title={`${finding.reference} — ${finding.title}`} nav="findings" wide>
      <FindingStatusLine ui={ui} finding={finding} extra={finding.reopenedCount > 0 ? ` · ${t('cert.finding.reopenedCount', { count: finding.reopenedCount })}` : ''} />
      <Facts
        items={[
          [t('findings.description'), finding.description],
          [t('cert.finding.origin'), origin],
          [t('findings.raised'), `${finding.raisedBy ?? t('cert.finding.system')} · ${i.dateTime(finding.raisedAt)}`],
          [t('cert.finding.rootCause'), finding.rootCause ?? '—'],
          ...(finding.correctiveAction ? [[t('findings.corrective'), finding.correctiveAction] as [string, string]] : []),
          [
            t('findings.closed'),
            finding.closedAt
              ? `${finding.closedBy ?? (finding.closedByCheck ? t('cert.finding.closedByCheck', { check: finding.closedByCheck }) : '—')} · ${i.dateTime(finding.closedAt)}`
              : '—',
          ],
          [
            t('cert.finding.closingEvidence'),
            finding.closingEvidence ? (
              <a href={`/preuves/${finding.closingEvidence.evidenceId}`}>
                {evidenceTitle(ui, finding.closingEvidence)} — v{finding.closingEvidence.version}
              </a>
            ) : (
              (finding.closedByCheck ?? '—')
            ),
          ],
        ]}
      />
      <FindingControls ui={ui} controls={finding.controls} />

      <section aria-labelledby="f-root">
        <h2 id="f-root">{t('cert.finding.rootCause')}</h2>
        {team && can('root-cause') ? (
          <form method="post" action={`/constats/${finding.id}/cause`} class="panel" novalidate>
            <Csrf ui={ui} />
            <ErrorSummary ui={ui} form={forms.rootCause} labels={{ rootCause: t('cert.finding.rootCause') }} />
            <input type="hidden" name="version" value={String(finding.version)} />
            <TextArea form={forms.rootCause} name="rootCause" label={t('cert.finding.rootCause')} hint={t('cert.finding.rootCauseHint')} rows={3} />
            <button type="submit" class="button secondary">
              {t('cert.finding.saveRootCause')}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="f-actions">
        <h2 id="f-actions">{t('cert.finding.actions')}</h2>
        <ActionsTable ui={ui} finding={finding} canWork={team} evidence={evidence} />
        {team && can('add-action') ? (
          <form method="post" action={`/constats/${finding.id}/actions`} class="panel" novalidate>
            <h3>{t('cert.finding.addAction')}</h3>
            <Csrf ui={ui} />
            <ErrorSummary
              ui={ui}
              form={forms.addAction}
              labels={{ description: t('cert.finding.action.description'), owner: t('cert.finding.action.owner'), dueDate: t('cert.finding.action.due'), evidenceId: t('cert.finding.action.evidence') }}
            />
            <input type="hidden" name="version" value={String(finding.version)} />
            <TextArea form={forms.addAction} name="description" label={t('cert.finding.action.description')} required rows={2} />
            <div class="grid">
              <OwnerDueFields ui={ui} form={forms.addAction} ownerLabel={t('cert.finding.action.owner')} dueLabel={t('cert.finding.action.due')} required />
              <SelectField form={forms.addAction} name="evidenceId" label={t('cert.finding.action.evidence')} blank={t('cert.finding.action.noEvidence')} options={evidence.map((e) => ({ value: e.id, label: evidenceTitle(ui, e) }))} />
            </div>
            <button type="submit" class="button">
              {t('cert.finding.addAction')}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="f-closure">
        <h2 id="f-closure">{t('cert.finding.closure')}</h2>
        {finding.origin === 'system' && finding.status !== 'closed' ? <p class="hint">{t('cert.finding.systemClosure')}</p> : null}
        {finding.status === 'closure_proposed' && finding.closureEvidence ? (
          <p>
            {t('cert.finding.closureProposed', {
              who: finding.closureProposedBy ?? '—',
              at: i.dateTime(finding.closureProposedAt),
              evidence: evidenceTitle(ui, finding.closureEvidence),
              version: finding.closureEvidence.version,
            })}
          </p>
        ) : null}
        {can('propose-closure') && role !== 'requester' ? (
          closureOptions.length === 0 ? (
            <p class="hint">{t('cert.finding.noAcceptedEvidence')}</p>
          ) : (
            <form method="post" action={`/constats/${finding.id}/proposer-cloture`} class="panel" novalidate>
              <Csrf ui={ui} />
              <ErrorSummary ui={ui} form={forms.closure} labels={{ closingEvidenceVersionId: t('cert.finding.closureEvidence') }} />
              <input type="hidden" name="version" value={String(finding.version)} />
              <SelectField form={forms.closure} name="closingEvidenceVersionId" label={t('cert.finding.closureEvidence')} required options={closureOptions} />
              <TextArea form={forms.closure} name="comment" label={t('cert.finding.comment')} rows={2} />
              <button type="submit" class="button">
                {t('cert.finding.proposeClosure')}
              </button>
            </form>
          )
        ) : null}
        {mayVerify ? (
          <form method="post" action={`/constats/${finding.id}/cloturer`} class="panel" novalidate>
            <p class="hint">{t('cert.finding.verifyHint')}</p>
            <Csrf ui={ui} />
            <ErrorSummary ui={ui} form={forms.decision} labels={{ comment: t('cert.finding.comment') }} />
            <input type="hidden" name="version" value={String(finding.version)} />
            <TextArea form={forms.decision} name="comment" label={t('cert.finding.comment')} rows={2} />
            <div class="button-row">
              <button type="submit" class="button">
                {t('cert.finding.verifyClosure')}
              </button>
              <button type="submit" class="button danger" formAction={`/constats/${finding.id}/refuser-cloture`}>
                {t('cert.finding.rejectClosure')}
              </button>
            </div>
          </form>
        ) : null}
        {role === 'auditor' && can('reopen') ? (
          <form method="post" action={`/constats/${finding.id}/rouvrir`} class="panel" novalidate>
            <Csrf ui={ui} />
            <ErrorSummary ui={ui} form={forms.decision} labels={{ comment: t('cert.finding.comment') }} />
            <input type="hidden" name="version" value={String(finding.version)} />
            <TextArea form={forms.decision} name="comment" label={t('cert.finding.comment')} rows={2} />
            <button type="submit" class="button secondary">
              {t('cert.finding.reopen')}
            </button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="f-history">
        <h2 id="f-history">{t('cert.finding.history')}</h2>
        <History ui={ui} entries={history} />
        <FindingAuditLink ui={ui} id={finding.id} />
      </section>
    </Layout>
  );
};
