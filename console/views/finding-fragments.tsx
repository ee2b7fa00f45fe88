/**
 * Fragments every finding view shares (the list, the raise form, a finding's page): grade and
 * state labels, the status line with its overdue mark, the controls named, the audit-trail link,
 * and the owner and due-date fields of the raise and corrective-action forms.
 */
import type { FC } from 'hono/jsx';
import { Badge, TextField, withQuery } from './components.js';
import type { FormState, Ui } from './ui.js';

export const FINDING_GRADES = ['major', 'minor', 'observation', 'opportunity'] as const;
export const FINDING_STATES = ['open', 'action_planned', 'closure_proposed', 'closed'] as const;

export function gradeLabel(ui: Ui, v: string): string {
  return (FINDING_GRADES as readonly string[]).includes(v) ? ui.i18n.t(`grade.${v as (typeof FINDING_GRADES)[number]}`) : v;
}

export function findingStateLabel(ui: Ui, v: string): string {
  return (FINDING_STATES as readonly string[]).includes(v) ? ui.i18n.t(`finding.status.${v as (typeof FINDING_STATES)[number]}`) : v;
}

const gradeKind: Record<string, string> = { major: 'danger', minor: 'warning', observation: 'info', opportunity: 'neutral' };
export const GradeBadge: FC<{ ui: Ui; grade: string }> = ({ ui, grade }) => <Badge kind={gradeKind[grade] ?? 'neutral'}>{gradeLabel(ui, grade)}</Badge>;

/** « En retard », after a space, when the finding or action is past its due date. */
export const OverdueBadge: FC<{ ui: Ui; overdue: boolean }> = ({ ui, overdue }) =>
  overdue ? (
    <>
      {' '}
      <Badge kind="danger">{ui.i18n.t('findings.overdue')}</Badge>
    </>
  ) : null;

/** Grade, state and overdue mark under a finding's title; `extra` follows on the same line. */
export const FindingStatusLine: FC<{ ui: Ui; finding: { grade: string; status: string; overdue: boolean }; extra?: string }> = ({ ui, finding, extra }) => (
  <p class="status-line">
    <GradeBadge ui={ui} grade={finding.grade} /> {findingStateLabel(ui, finding.status)}
    <OverdueBadge ui={ui} overdue={finding.overdue} />
    {extra ?? ''}
  </p>
);

/** The controls a finding names, each linked to its page. */
export const FindingControls: FC<{ ui: Ui; controls: { frameworkId: string; controlId: string; titleFr: string | null }[] }> = ({ ui, controls }) => (
  <>
    <h2>{ui.i18n.t('findings.controls')}</h2>
    <ul>
      {controls.map((c) => (
        <li>
          <a href={`/referentiels/${c.frameworkId}/${encodeURIComponent(c.controlId)}`}>
            {c.frameworkId} {c.controlId}
          </a>
          {c.titleFr ? ` — ${ui.i18n.local(c.titleFr)}` : ''}
        </li>
      ))}
    </ul>
  </>
);

export const FindingAuditLink: FC<{ ui: Ui; id: string }> = ({ ui, id }) => (
  <p>
    <a href={withQuery('/journal', { entity: 'finding', entityId: id })}>{ui.i18n.t('request.auditLink')}</a>
  </p>
);

/** Who answers for it and by when: the same two fields in the raise and corrective-action forms. */
export const OwnerDueFields: FC<{ ui: Ui; form: FormState; ownerLabel: string; dueLabel: string; required?: boolean }> = ({ ui, form, ownerLabel, dueLabel, required }) => (
  <>
    <TextField form={form} name="owner" label={ownerLabel} required={required} />
    <TextField form={form} name="dueDate" type="date" label={dueLabel} hint={ui.i18n.t('common.dateHint')} required={required} />
  </>
);
