import { eq, sql } from 'drizzle-orm';
import { checkTotp, recoveryDigest } from '../../auth/totp.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { Conflict, Unauthenticated } from '../../errors.js';

/**
 * The second step of signing in: a code from the authenticator, or one of the recovery codes
 * (each works once). A wrong code is counted on the account like a wrong password.
 */
export function verifyMfa({ ctx, input }: { ctx: ServiceContext; input: { code: string; sessionId: string } }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const now = ctx.clock.now();
  const outcome = writeTransaction(ctx, (tx, audit) => {
    const user = tx.select({ secret: users.mfaSecret, enabledAt: users.mfaEnabledAt, recovery: users.mfaRecoveryCodes }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new Unauthenticated('sign in first');
    if (user.enabledAt === null || user.secret === null) throw new Conflict('this account has no second factor to verify');
    let recoveryUsed = false;
    let ok = checkTotp(user.secret, input.code, now);
    if (!ok) {
      const digests = JSON.parse(user.recovery ?? '[]') as string[];
      const digest = recoveryDigest(input.code);
      const at = digests.indexOf(digest);
      if (at >= 0) {
        digests.splice(at, 1);
        tx.update(users).set({ mfaRecoveryCodes: JSON.stringify(digests) }).where(eq(users.id, userId)).run();
        ok = true;
        recoveryUsed = true;
      }
    }
    if (!ok) {
      tx.update(users).set({ failedSignIns: sql`${users.failedSignIns} + 1`, lastFailedSignInAt: now.toISOString() }).where(eq(users.id, userId)).run();
      audit({ action: 'auth.mfa-failed', entity: 'session', entityId: input.sessionId, ministryId: ctx.actor.ministryId });
      return { ok: false as const };
    }
    tx.update(sessions).set({ mfaState: 'verified' }).where(eq(sessions.id, input.sessionId)).run();
    audit({ action: 'auth.mfa-verify', entity: 'session', entityId: input.sessionId, ministryId: ctx.actor.ministryId, after: { recoveryCode: recoveryUsed } });
    return { ok: true as const, recoveryUsed };
  });
  // Refused after the transaction commits, so the failure stays counted.
  if (!outcome.ok) throw new Unauthenticated('wrong second-factor code');
  return { verified: true, recoveryCodeUsed: outcome.recoveryUsed };
}
