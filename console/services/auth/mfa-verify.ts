import { eq } from 'drizzle-orm';
import { checkTotp, recoveryDigest } from '../../auth/totp.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { Conflict, Unauthenticated } from '../../errors.js';
import { countFailedSignIn } from './failed-sign-in.js';

/**
 * The second step of signing in: a code from the authenticator (each works once: a replayed
 * one is refused like a wrong one), or one of the recovery codes (each works once too). A
 * refused code is counted on the account like a wrong password and logged as a security event,
 * never in the audit chain.
 */
export function verifyMfa({ ctx, input }: { ctx: ServiceContext; input: { code: string; sessionId: string; address?: string | null } }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const now = ctx.clock.now();
  const outcome = writeTransaction(ctx, (tx, audit) => {
    const user = tx.select({ secret: users.mfaSecret, enabledAt: users.mfaEnabledAt, recovery: users.mfaRecoveryCodes, lastStep: users.mfaLastStep }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new Unauthenticated('sign in first');
    if (user.enabledAt === null || user.secret === null) throw new Conflict('this account has no second factor to verify');
    let recoveryUsed = false;
    const totp = checkTotp(user.secret, input.code, now, user.lastStep);
    if (totp.accepted) {
      tx.update(users).set({ mfaLastStep: totp.step }).where(eq(users.id, userId)).run();
    } else {
      const digests = JSON.parse(user.recovery ?? '[]') as string[];
      const at = digests.indexOf(recoveryDigest(input.code));
      if (at < 0) return { ok: false as const, reason: totp.replayed ? 'replayed_code' : 'wrong_code' };
      digests.splice(at, 1);
      tx.update(users).set({ mfaRecoveryCodes: JSON.stringify(digests) }).where(eq(users.id, userId)).run();
      recoveryUsed = true;
    }
    tx.update(sessions).set({ mfaState: 'verified' }).where(eq(sessions.id, input.sessionId)).run();
    audit({ action: 'auth.mfa-verify', entity: 'session', entityId: input.sessionId, ministryId: ctx.actor.ministryId, after: { recoveryCode: recoveryUsed } });
    return { ok: true as const, recoveryUsed };
  });
  if (!outcome.ok) {
    const at = now.toISOString();
    countFailedSignIn(ctx.db, {
      userId,
      at,
      event: { kind: 'sign_in_failed', actor: ctx.actor.email, address: input.address ?? null, target: 'second-factor', detail: { reason: outcome.reason }, at },
    });
    // The same answer whether the code was wrong or replayed: only the security log tells them apart.
    throw new Unauthenticated('wrong second-factor code');
  }
  return { verified: true, recoveryCodeUsed: outcome.recoveryUsed };
}
