/** Audit findings (nonconformities, observations, opportunities) as the API returns them. */
import { asc, eq, inArray } from 'drizzle-orm';
import { getControl, isFrameworkId } from '../../../compliance/index.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { evidenceVersions, findingControls, findings, users } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';

type Reader = Db | Tx;
export type FindingRow = typeof findings.$inferSelect;
export type FindingAction = 'plan' | 'close';

/** Where each action may start from. Major and minor nonconformities close only once a correction is planned. */
export function allowedFindingActions(f: Pick<FindingRow, 'status' | 'grade'>): FindingAction[] {
  if (f.status === 'closed') return [];
  const needsPlan = (f.grade === 'major' || f.grade === 'minor') && f.status === 'open';
  return needsPlan ? ['plan'] : ['plan', 'close'];
}

export function assertFindingAction(f: FindingRow, action: FindingAction): void {
  const allowed = allowedFindingActions(f);
  if (!allowed.includes(action)) {
    const why = f.status === 'closed' ? 'it is closed' : `a ${f.grade} nonconformity closes only after its corrective action is planned`;
    throw new Conflict(`cannot ${action} finding ${f.reference}: ${why}`, { state: f.status, action, allowedActions: allowed });
  }
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
  const userIds = [...new Set(rows.flatMap((r) => [r.raisedById, r.closedById]).filter((x): x is string => x !== null))];
  const emails = new Map(tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds)).all().map((u) => [u.id, u.email]));
  const versionIds = rows.map((r) => r.closingEvidenceVersionId).filter((x): x is string => x !== null);
  const closing = new Map(
    versionIds.length === 0
      ? []
      : tx
          .select()
          .from(evidenceVersions)
          .where(inArray(evidenceVersions.id, versionIds))
          .all()
          .map((v) => [v.id, v]),
  );
  return rows.map((f) => {
    const v = f.closingEvidenceVersionId ? closing.get(f.closingEvidenceVersionId) : undefined;
    return {
      ...findingSummary(f, today),
      description: f.description,
      correctiveAction: f.correctiveAction,
      controls: links
        .filter((l) => l.findingId === f.id)
        .map((l) => ({
          frameworkId: l.frameworkId,
          controlId: l.controlId,
          titleFr: isFrameworkId(l.frameworkId) ? (getControl(l.frameworkId, l.controlId)?.titleFr ?? null) : null,
        })),
      origin: f.origin,
      source: f.source,
      subject: f.subject,
      raisedBy: f.raisedById ? (emails.get(f.raisedById) ?? null) : null,
      closedBy: f.closedById ? (emails.get(f.closedById) ?? null) : null,
      closedAt: f.closedAt,
      closingEvidenceVersionId: f.closingEvidenceVersionId,
      closingEvidence: v ? { evidenceId: v.evidenceId, versionId: v.id, version: v.version, sha256: v.fileSha256, reviewStatus: v.reviewStatus, reviewedAt: v.reviewedAt } : null,
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
    correctiveAction: f.correctiveAction,
    owner: f.owner,
    dueDate: f.dueDate,
    closingEvidenceVersionId: f.closingEvidenceVersionId,
    version: f.version,
    controls: controls.map((c) => `${c.frameworkId}:${c.controlId}`),
  };
}

export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
