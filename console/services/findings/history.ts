/** A finding's history: every entry of the audit trail about it, oldest first. */
import { and, asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { auditLog } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { pageOf, type Page } from '../paging.js';
import { loadFinding } from './read-model.js';

/** A page of it (`wholeList` for all): a finding's history is short, so it is read whole. */
export function findingHistory({ ctx, input }: { ctx: ServiceContext; input: { id: string } & Page }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const f = loadFinding(ctx.db, input.id);
  const entries = ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'finding'), eq(auditLog.entityId, f.id)))
    .orderBy(asc(auditLog.seq))
    .all()
    .map((e) => {
      const after = e.after === null ? null : (JSON.parse(e.after) as Record<string, unknown>);
      return {
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        status: typeof after?.['status'] === 'string' ? after['status'] : null,
        comment: typeof after?.['comment'] === 'string' ? after['comment'] : null,
        check: typeof after?.['check'] === 'string' ? after['check'] : null,
      };
    });
  return pageOf(entries, input);
}
