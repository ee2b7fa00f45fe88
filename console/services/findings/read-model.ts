/** Audit findings (nonconformities, observations, opportunities) as the API returns them. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { getControl, isFrameworkId } from '../../../compliance/index.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { correctiveActions, evidence, evidenceVersions, findingControls, findings, users } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';

type Reader = Db | Tx;
export type FindingRow = typeof findings.$inferSelect;
export type FindingAction = 'plan' | 'root-cause' | 'add-action' | 'propose-closure' | 'close' | 'reject-closure' | 'reopen';
export type ActionRow = typeof correctiveActions.$inferSelect;

/**
 * What may be done on a finding in its state (ISO/IEC 27001 10.2). A finding raised by a person
 * closes in two steps: someone proposes the closure on accepted evidence, an auditor other than
 * them verifies it. A finding the system raised closes only when a later check clears it; people
 * can work on it (root cause, actions) and reopen it once closed. Major and minor
 * nonconformities need a corrective action before closure is proposed.
 */
export function allowedFindingActions(f: Pick<FindingRow, 'status' | 'grade' | 'origin'>): FindingAction[] {
  if (f.status === 'closed') return ['reopen'];
  const work: FindingAction[] = ['plan', 'root-cause', 'add-action'];
  if (f.origin === 'system') return work;
  if (f.status === 'closure_proposed') return ['root-cause', 'close', 'reject-closure'];
  const needsPlan = (f.grade === 'major' || f.grade === 'minor') && f.status === 'open';
  return needsPlan ? work : [...work, 'propose-closure'];
}

export function assertFindingAction(f: FindingRow, action: FindingAction): void {
  const allowed = allowedFindingActions(f);
  if (!allowed.includes(action)) {
    const why =
      f.status === 'closed'
        ? 'it is closed'
        : f.origin === 'system' && (action === 'propose-closure' || action === 'close')
          ? 'a finding raised by the system closes when a later check clears it'
          : f.status === 'closure_proposed'
            ? 'its closure is awaiting verification'
            : action === 'close'
              ? 'its closure must be proposed first, then verified by another auditor'
              : `a ${f.grade} nonconformity needs a corrective action first`;
    throw new Conflict(`cannot ${action} finding ${f.reference}: ${why}`, { state: f.status, action, allowedActions: allowed });
  }
}

/** Open actions (planned, in progress) past their due date; dates compared as calendar days (UTC). */
export function isActionOverdue(a: Pick<ActionRow, 'status' | 'dueDate'>, today: string): boolean {
  return (a.status === 'planned' || a.status === 'in_progress') && a.dueDate < today;
}

/** Past its due date and not closed; dates are compared as calendar days (UTC). */
export function isOverdue(f: Pick<FindingRow, 'status' | 'dueDate'>, today: string): boolean {
  return f.status !== 'closed' && f.dueDate !== null && f.dueDate < today;
}

export function findingSummary(f: FindingRow, today: string) {
  return {
    id: f.id,
    reference: f.reference,
    grade: f.grade,
    title: f.title,
    status: f.status,
    owner: f.owner,
    dueDate: f.dueDate,
    overdue: isOverdue(f, today),
    raisedAt: f.raisedAt,
    origin: f.origin,
    version: f.version,
  };
}

export function loadFinding(tx: Reader, id: string): FindingRow {
  const row = tx.select().from(findings).where(eq(findings.id, id)).get();
  if (!row) throw new NotFound('finding', id);
  return row;
}

/** Full views of several findings with three extra queries, whatever their number. */
export function findingViews(tx: Reader, rows: FindingRow[], today: string) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = tx
    .select()
    .from(findingControls)
    .where(inArray(findingControls.findingId, ids))
    .orderBy(asc(findingControls.frameworkId), asc(findingControls.controlId))
    .all();
  const userIds = [...new Set(rows.flatMap((r) => [r.raisedById, r.closedById, r.closureProposedById]).filter((x): x is string => x !== null))];
  const actions = tx
    .select({ a: correctiveActions, evidenceTitle: evidence.title, evidenceTitleEn: evidence.titleEn })
    .from(correctiveActions)
    .leftJoin(evidence, eq(evidence.id, correctiveActions.evidenceId))
    .where(inArray(correctiveActions.findingId, ids))
    // In the order they were added, even when several were added at the same instant.
    .orderBy(asc(correctiveActions.createdAt), asc(sql`${correctiveActions}.rowid`))
    .all();
  const emails = new Map(tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.email]));
  const versionIds = rows.flatMap((r) => [r.closingEvidenceVersionId, r.closureEvidenceVersionId]).filter((x): x is string => x !== null);
  const closing = new Map(
    versionIds.length === 0
      ? []
      : tx
          .select({ v: evidenceVersions, title: evidence.title, titleEn: evidence.titleEn })
          .from(evidenceVersions)
          .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
          .where(inArray(evidenceVersions.id, versionIds))
          .all()
          .map((r) => [r.v.id, { ...r.v, title: r.title, titleEn: r.titleEn }]),
  );
  const evidenceRef = (id: string | null) => {
    const v = id ? closing.get(id) : undefined;
    return v ? { evidenceId: v.evidenceId, title: v.title, titleEn: v.titleEn, versionId: v.id, version: v.version, sha256: v.fileSha256, reviewStatus: v.reviewStatus, reviewedAt: v.reviewedAt } : null;
  };
  return rows.map((f) => {
    const own = actions.filter((a) => a.a.findingId === f.id);
    const actionViews = own.map(({ a, evidenceTitle, evidenceTitleEn }) => ({
      id: a.id,
      description: a.description,
      owner: a.owner,
      dueDate: a.dueDate,
      status: a.status,
      overdue: f.status !== 'closed' && isActionOverdue(a, today),
      evidence: a.evidenceId ? { id: a.evidenceId, title: evidenceTitle ?? a.evidenceId, titleEn: evidenceTitleEn ?? null } : null,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      completedAt: a.completedAt,
      version: a.version,
    }));
    const summary = findingSummary(f, today);
    return {
      ...summary,
      overdue: summary.overdue || actionViews.some((a) => a.overdue),
      source: f.source,
      subject: f.subject,
      rootCause: f.rootCause,
      actions: actionViews,
      closureProposedBy: f.closureProposedById ? (emails.get(f.closureProposedById) ?? null) : null,
      closureProposedAt: f.closureProposedAt,
      closureEvidence: evidenceRef(f.closureEvidenceVersionId),
      closedByCheck: f.closedByCheck,
      reopenedCount: f.reopenedCount,
      description: f.description,
      correctiveAction: f.correctiveAction,
      controls: links
        .filter((l) => l.findingId === f.id)
        .map((l) => ({
          frameworkId: l.frameworkId,
          controlId: l.controlId,
          titleFr: isFrameworkId(l.frameworkId) ? (getControl(l.frameworkId, l.controlId)?.titleFr ?? null) : null,
        })),
      raisedBy: f.raisedById ? (emails.get(f.raisedById) ?? null) : null,
      closedBy: f.closedById ? (emails.get(f.closedById) ?? null) : null,
      closedAt: f.closedAt,
      closingEvidenceVersionId: f.closingEvidenceVersionId,
      closingEvidence: evidenceRef(f.closingEvidenceVersionId),
      updatedAt: f.updatedAt,
      allowedActions: allowedFindingActions(f),
    };
  });
}

export function findingView(tx: Reader, row: FindingRow, today: string) {
  return findingViews(tx, [row], today)[0]!;
}

/** What the audit trail keeps of a finding: its own columns, no derived data. */
export function findingSnapshot(f: FindingRow, controls: { frameworkId: string; controlId: string }[]) {
  return {
    reference: f.reference,
    grade: f.grade,
    title: f.title,
    description: f.description,
    status: f.status,
    origin: f.origin,
    source: f.source,
    subject: f.subject,
    rootCause: f.rootCause,
    correctiveAction: f.correctiveAction,
    owner: f.owner,
    dueDate: f.dueDate,
    closureProposedById: f.closureProposedById,
    closureEvidenceVersionId: f.closureEvidenceVersionId,
    closingEvidenceVersionId: f.closingEvidenceVersionId,
    closedByCheck: f.closedByCheck,
    reopenedCount: f.reopenedCount,
    version: f.version,
    controls: controls.map((c) => `${c.frameworkId}:${c.controlId}`),
  };
}

export function actionSnapshot(a: ActionRow) {
  return { id: a.id, description: a.description, owner: a.owner, dueDate: a.dueDate, status: a.status, evidenceId: a.evidenceId, completedAt: a.completedAt, version: a.version };
}

export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
