import { eq } from 'drizzle-orm';
import { newTotpSecret, totpQrSvg, totpUri } from '../../auth/totp.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { users } from '../../db/schema/index.js';
import { Conflict, Unauthenticated } from '../../errors.js';

/**
 * Starts enrolment in the second factor: a new TOTP secret, kept on the account but not in
 * force until a first code confirms the authenticator holds it. Starting again replaces it.
 */
export async function startMfaEnrolment({ ctx, input }: { ctx: ServiceContext; input?: { keepPending?: boolean } }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const secret = writeTransaction(ctx, (tx, audit) => {
    const user = tx.select({ mfaEnabledAt: users.mfaEnabledAt, pending: users.mfaSecret }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new Unauthenticated('sign in first');
    if (user.mfaEnabledAt !== null) throw new Conflict('the second factor is on already: turn it off first to enrol another authenticator');
    // After a mistyped code the page shows the secret the phone may have scanned already.
    if (input?.keepPending && user.pending !== null) return user.pending;
    const fresh = newTotpSecret();
    tx.update(users).set({ mfaSecret: fresh, mfaLastStep: null }).where(eq(users.id, userId)).run();
    // The secret itself never reaches the trail.
    audit({ action: 'auth.mfa-enrol-start', entity: 'user', entityId: userId, ministryId: ctx.actor.ministryId });
    return fresh;
  });
  const uri = totpUri(secret, ctx.actor.email);
  return { secret, otpauthUri: uri, qrSvg: await totpQrSvg(uri) };
}
