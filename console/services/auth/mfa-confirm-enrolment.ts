import { eq } from 'drizzle-orm';
import { checkTotp, newRecoveryCodes } from '../../auth/totp.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { Conflict, InvalidInput, Unauthenticated } from '../../errors.js';

/**
 * Turns the second factor on once the authenticator shows the right code, and hands out the
 * recovery codes (shown this once; only their digests are kept). The session that enrolled
 * counts as having passed the second factor.
 */
export function confirmMfaEnrolment({ ctx, input }: { ctx: ServiceContext; input: { code: string; sessionId: string | null } }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const now = ctx.clock.now();
  const { codes, digests } = newRecoveryCodes();
  writeTransaction(ctx, (tx, audit) => {
    const user = tx.select({ secret: users.mfaSecret, enabledAt: users.mfaEnabledAt }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new Unauthenticated('sign in first');
    if (user.enabledAt !== null) throw new Conflict('the second factor is on already');
    if (user.secret === null) throw new Conflict('start the enrolment first (POST /api/v1/auth/mfa/enrol)');
    const totp = checkTotp(user.secret, input.code, now, null);
    if (!totp.accepted) {
      throw new InvalidInput([{ pointer: '/code', field: 'code', message: 'this is not the code the authenticator shows now', code: 'wrong_code' }]);
    }
    // The code that confirmed the authenticator is spent: it cannot sign in as well.
    tx.update(users).set({ mfaEnabledAt: now.toISOString(), mfaRecoveryCodes: JSON.stringify(digests), mfaLastStep: totp.step }).where(eq(users.id, userId)).run();
    if (input.sessionId) tx.update(sessions).set({ mfaState: 'verified' }).where(eq(sessions.id, input.sessionId)).run();
    audit({ action: 'auth.mfa-enable', entity: 'user', entityId: userId, ministryId: ctx.actor.ministryId, after: { mfaEnabledAt: now.toISOString(), recoveryCodes: digests.length } });
  });
  return { enabled: true, recoveryCodes: codes };
}
