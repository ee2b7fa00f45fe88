import { and, eq } from 'drizzle-orm';
import type { DecideExceptionInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { policyExceptions } from '../../db/schema/index.js';
import { Conflict } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertExceptionAction, exceptionSnapshot, exceptionView, loadException } from './read-model.js';

/**
 * Ends an exception before its expiry, or withdraws a pending request. Anyone on the team may
 * do it, the requester included: taking back an accepted risk needs no second signature.
 */
export function revokeException({ ctx, input }: { ctx: ServiceContext; input: DecideExceptionInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadException(tx, input.id);
    assertExceptionAction(before, 'revoke');
    const updated = tx
      .update(policyExceptions)
      .set({ status: 'revoked' })
      .where(and(eq(policyExceptions.id, before.id), eq(policyExceptions.status, before.status)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the exception changed while it was being revoked; read it again');
    const after = loadException(tx, before.id);
    audit({
      at,
      action: 'policy-exception.revoke',
      entity: 'policy-exception',
      entityId: before.id,
      before: exceptionSnapshot(before),
      after: { ...exceptionSnapshot(after), comment: input.comment ?? null },
    });
    return exceptionView(after, now);
  });
}
