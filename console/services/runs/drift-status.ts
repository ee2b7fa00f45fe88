/**
 * The last drift check of every stack, as `checkStacksDrift` stored it: when it ran, its status
 * (and why), how many changes the desired state has pending, and whether the real resources
 * could be compared (and if not, why). A check stored before statuses existed reads `unknown`.
 */
import { asc } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { stackDrift } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { pageOf, wholeList, type Page } from '../paging.js';

export interface StackDriftStatus {
  stack: string;
  checkedAt: string;
  /** never-applied | pending-changes | drifted | in-sync | unknown; only in-sync is clean. */
  status: 'never-applied' | 'pending-changes' | 'drifted' | 'in-sync' | 'unknown';
  reason: string | null;
  drifted: boolean;
  pending: { add: number; change: number; destroy: number };
  real: { checked: boolean; status: string | null; reason: string | null };
}

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** Read defensively: the detail is JSON written by whichever version ran the check. */
function statusOf(row: typeof stackDrift.$inferSelect): StackDriftStatus {
  const detail = row.detail;
  const pending = (typeof detail['pendingChanges'] === 'object' && detail['pendingChanges'] !== null ? detail['pendingChanges'] : {}) as Record<string, unknown>;
  const real = (typeof detail['real'] === 'object' && detail['real'] !== null ? detail['real'] : {}) as Record<string, unknown>;
  return {
    stack: row.stack,
    checkedAt: row.checkedAt,
    status: row.status,
    reason: row.reason,
    drifted: row.drifted,
    pending: { add: count(pending['add']), change: count(pending['change']), destroy: count(pending['destroy']) },
    real: { checked: real['checked'] === true, status: text(real['status']), reason: text(real['reason']) },
  };
}

export function listStackDrift({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  return pageOf(ctx.db.select().from(stackDrift).orderBy(asc(stackDrift.stack)).all().map(statusOf), input);
}
