import { and, eq } from 'drizzle-orm';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions } from '../../db/schema/index.js';
import { NotFound, Unauthenticated } from '../../errors.js';

/** Ends one of the caller's own sessions (another account's reads as missing). */
export function revokeSession({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  writeTransaction(ctx, (tx, audit) => {
    const removed = tx.delete(sessions).where(and(eq(sessions.id, input.id), eq(sessions.userId, userId))).run().changes;
    if (removed === 0) throw new NotFound('session', input.id);
    audit({ action: 'auth.session-revoke', entity: 'session', entityId: input.id, ministryId: ctx.actor.ministryId });
  });
  return { id: input.id, revoked: true };
}
