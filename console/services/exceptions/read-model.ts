/** Policy exceptions as the API returns them, and as the policy evaluator consumes them. */
import { eq } from 'drizzle-orm';
import { getRule, isExceptionLive, policyExceptionSchema, type PolicyException } from '../../../compliance/index.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { policyExceptions } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';

type Reader = Db | Tx;
export type ExceptionRow = typeof policyExceptions.$inferSelect;
export type ExceptionAction = 'approve' | 'reject' | 'revoke';

const allowedFrom: Record<ExceptionAction, readonly ExceptionRow['status'][]> = {
  approve: ['pending'],
  reject: ['pending'],
  // Withdrawing a request and ending an approved exception are the same gesture.
  revoke: ['pending', 'approved'],
};

export function allowedExceptionActions(row: ExceptionRow): ExceptionAction[] {
  return (Object.keys(allowedFrom) as ExceptionAction[]).filter((a) => allowedFrom[a].includes(row.status));
}

export function assertExceptionAction(row: ExceptionRow, action: ExceptionAction): void {
  if (!allowedFrom[action].includes(row.status)) {
    throw new Conflict(`cannot ${action} an exception that is ${row.status}`, { state: row.status, action, allowedActions: allowedExceptionActions(row) });
  }
}

/**
 * Live: approved, and `now` inside [createdAt, expiresAt). Expiry is never a stored state
 * change: an exception stops counting the instant its expiry passes, with nobody to forget it.
 */
export function isLive(row: ExceptionRow, now: Date): boolean {
  return row.status === 'approved' && isExceptionLive(row, now);
}

export function loadException(tx: Reader, id: string): ExceptionRow {
  const row = tx.select().from(policyExceptions).where(eq(policyExceptions.id, id)).get();
  if (!row) throw new NotFound('exception', id);
  return row;
}

export function exceptionView(row: ExceptionRow, now: Date) {
  const rule = getRule(row.ruleId);
  return {
    id: row.id,
    ruleId: row.ruleId,
    rule: rule ? { title: rule.title, titleEn: rule.titleEn, severity: rule.severity } : null,
    resource: row.resource,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    /** Who approved or rejected it. */
    decidedBy: row.approvedBy,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: Date.parse(row.expiresAt) <= now.getTime(),
    live: isLive(row, now),
    allowedActions: allowedExceptionActions(row),
  };
}

/** What the audit trail keeps: the stored columns. */
export function exceptionSnapshot(row: ExceptionRow) {
  return {
    ruleId: row.ruleId,
    resource: row.resource,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requestedBy,
    approvedBy: row.approvedBy,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
  };
}

/** The compliance package's shape; null when the row is not an approved exception. */
export function toPolicyException(row: ExceptionRow): PolicyException | null {
  if (row.status !== 'approved' || row.approvedBy === null) return null;
  const parsed = policyExceptionSchema.safeParse({
    id: row.id,
    ruleId: row.ruleId,
    resource: row.resource,
    reason: row.reason,
    requestedBy: row.requestedBy,
    approvedBy: row.approvedBy,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  });
  return parsed.success ? parsed.data : null;
}
