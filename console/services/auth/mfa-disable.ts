import { eq } from 'drizzle-orm';
import { verifyPassword } from '../../auth/password.js';
import { checkTotp, recoveryDigest } from '../../auth/totp.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { users, type Role } from '../../db/schema/index.js';
import { Conflict, Forbidden, InvalidInput, Unauthenticated } from '../../errors.js';

/** Turns the second factor off, with the password and a current code; refused where the role needs it. */
export async function disableMfa({ ctx, input, requiredRoles }: { ctx: ServiceContext; input: { password: string; code: string }; requiredRoles: readonly Role[] }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  if (ctx.actor.role !== 'system' && requiredRoles.includes(ctx.actor.role)) {
    throw new Forbidden(`the ${ctx.actor.role} role must sign in with a second factor (DCOPS_MFA_REQUIRED_ROLES)`);
  }
  const user = ctx.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Unauthenticated('sign in first');
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    throw new InvalidInput([{ pointer: '/password', field: 'password', message: 'wrong password', code: 'wrong_password' }]);
  }
  const now = ctx.clock.now();
  return writeTransaction(ctx, (tx, audit) => {
    const current = tx.select().from(users).where(eq(users.id, userId)).get()!;
    if (current.mfaEnabledAt === null || current.mfaSecret === null) throw new Conflict('the second factor is off already');
    const recovery = JSON.parse(current.mfaRecoveryCodes ?? '[]') as string[];
    // A code already used (to sign in, say) is refused here too, with the same answer as a wrong one.
    if (!checkTotp(current.mfaSecret, input.code, now, current.mfaLastStep).accepted && !recovery.includes(recoveryDigest(input.code))) {
      throw new InvalidInput([{ pointer: '/code', field: 'code', message: 'wrong second-factor code', code: 'wrong_code' }]);
    }
    tx.update(users).set({ mfaSecret: null, mfaEnabledAt: null, mfaRecoveryCodes: null, mfaLastStep: null }).where(eq(users.id, userId)).run();
    audit({ action: 'auth.mfa-disable', entity: 'user', entityId: userId, ministryId: ctx.actor.ministryId, before: { mfaEnabledAt: current.mfaEnabledAt } });
    return { enabled: false };
  });
}
