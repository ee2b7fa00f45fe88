import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { users } from '../../db/schema/index.js';
import type { SessionInfo } from '../auth/session.js';

/**
 * What a person should know about their own account: whether the second factor is on, and
 * the failed sign-ins between their previous sign-in and this session's (someone may be
 * guessing their password) — or, without a session, those since their last sign-in.
 */
export function accountSecurity({ ctx, input }: { ctx: ServiceContext; input: { session: SessionInfo | null } }) {
  const u = ctx.db
    .select({ mfaEnabledAt: users.mfaEnabledAt, failed: users.failedSignIns, lastFailed: users.lastFailedSignInAt, lastSignIn: users.lastSignInAt, recovery: users.mfaRecoveryCodes })
    .from(users)
    .where(eq(users.id, ctx.actor.userId ?? ''))
    .get();
  return {
    mfaEnabled: (u?.mfaEnabledAt ?? null) !== null,
    recoveryCodesLeft: u?.recovery ? (JSON.parse(u.recovery) as string[]).length : 0,
    previousSignInAt: input.session ? input.session.priorSignInAt : (u?.lastSignIn ?? null),
    failedSignInsBeforeThisSession: input.session ? input.session.priorFailedSignIns : null,
    failedSignInsSinceLastSignIn: u?.failed ?? 0,
    lastFailedSignInAt: u?.lastFailed ?? null,
  };
}
