import { and, eq } from 'drizzle-orm';
import type { DecideExceptionInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { policyExceptions } from '../../db/schema/index.js';
import { Conflict, Forbidden } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertExceptionAction, exceptionSnapshot, exceptionView, loadException, toPolicyException, type ExceptionRow } from './read-model.js';

function samePerson(row: ExceptionRow, ctx: ServiceContext): boolean {
  return row.requestedById === ctx.actor.userId || row.requestedBy.trim().toLowerCase() === ctx.actor.email.trim().toLowerCase();
}

/**
 * Another operator, or an admin, approves or rejects a pending exception: whoever asked for
 * an accepted risk never signs it off (separation of duties, ISO/IEC 27001 A.5.3).
 */
export function decideException({ ctx, input }: { ctx: ServiceContext; input: DecideExceptionInput & { id: string; decision: 'approve' | 'reject' } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  if (ctx.actor.userId === null) throw new Forbidden('an exception is decided by a named person');
  const deciderId = ctx.actor.userId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadException(tx, input.id);
    if (samePerson(before, ctx)) {
      throw new Forbidden('separation of duties: whoever requested an exception cannot approve or reject it');
    }
    assertExceptionAction(before, input.decision);
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    const next: ExceptionRow = { ...before, status, approvedById: deciderId, approvedBy: ctx.actor.email, decidedAt: at };
    if (status === 'approved') {
      if (Date.parse(before.expiresAt) <= now.getTime()) {
        throw new Conflict(`the exception expired on ${before.expiresAt}, before it was approved; request a new one`, { state: before.status, expiresAt: before.expiresAt });
      }
      if (toPolicyException(next) === null) throw new Conflict('the exception no longer meets the policy exception rules; request a new one');
    }
    const updated = tx
      .update(policyExceptions)
      .set({ status, approvedById: deciderId, approvedBy: ctx.actor.email, decidedAt: at })
      .where(and(eq(policyExceptions.id, before.id), eq(policyExceptions.status, before.status)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the exception changed while it was being decided; read it again');
    const after = loadException(tx, before.id);
    audit({
      at,
      action: `policy-exception.${input.decision}`,
      entity: 'policy-exception',
      entityId: before.id,
      before: exceptionSnapshot(before),
      after: { ...exceptionSnapshot(after), comment: input.comment ?? null },
    });
    return exceptionView(after, now);
  });
}
