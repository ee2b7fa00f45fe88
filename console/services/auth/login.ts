import { eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { loginInput } from '../../api/schemas.js';
import { verifyPassword } from '../../auth/password.js';
import { newSecret, secretHash } from '../../auth/secrets.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users, type MfaState, type Role } from '../../db/schema/index.js';
import { Unauthenticated } from '../../errors.js';
import { newId } from '../ids.js';
import { userViews } from '../users/list.js';
import { countFailedSignIn } from './failed-sign-in.js';

/** Compared against when the email is unknown, so both failures take the same time. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface LoginOptions {
  sessionTtlMs: number;
  /** Roles that must pass a second factor; an account of such a role without one must enrol. */
  mfaRequiredRoles?: readonly Role[];
  /** Shown to the owner in their list of sessions. */
  userAgent?: string | undefined;
  address?: string | undefined;
}

/** Where a new session starts with the second factor. */
export function initialMfaState(user: { role: Role; mfaEnabledAt: string | null }, required: readonly Role[]): MfaState {
  if (user.mfaEnabledAt !== null) return 'pending';
  return required.includes(user.role) ? 'enrol' : 'none';
}

/**
 * Checks the credentials and opens a new session (a fresh id at every login, so a session
 * fixed before login is worthless). Expired sessions are swept on the way. A refused password
 * on a known account is counted on the account, so its owner learns of it at the next sign-in;
 * it never enters the audit chain (only the security-event log).
 */
export async function login({ ctx, input, ...options }: { ctx: Omit<ServiceContext, 'actor'>; input: z.output<typeof loginInput> } & LoginOptions) {
  const user = ctx.db.select().from(users).where(eq(users.email, input.email)).get();
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const now = ctx.clock.now();
  if (!user || !valid || user.disabled) {
    // Counted on the account; the attempt itself is a security event (see http/sign-in.ts).
    if (user && !valid) countFailedSignIn(ctx.db, { userId: user.id, at: now.toISOString() });
    throw new Unauthenticated('wrong email or password');
  }
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + options.sessionTtlMs).toISOString();
  const actor = { userId: user.id, email: user.email, role: user.role, ministryId: user.ministryId, via: 'session' as const };
  const sessionId = newId();
  const mfaState = initialMfaState(user, options.mfaRequiredRoles ?? []);
  const previous = { failedAttempts: user.failedSignIns, lastFailedAt: user.lastFailedSignInAt, lastSignInAt: user.lastSignInAt };
  writeTransaction({ ...ctx, actor }, (tx, audit) => {
    tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
    tx.insert(sessions)
      .values({
        id: sessionId,
        tokenHash: secretHash(token),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt,
        lastSeenAt: now.toISOString(),
        mfaState,
        priorFailedSignIns: user.failedSignIns,
        priorSignInAt: user.lastSignInAt,
        userAgent: options.userAgent?.slice(0, 300) ?? null,
        address: options.address?.slice(0, 100) ?? null,
      })
      .run();
    tx.update(users).set({ failedSignIns: 0, lastSignInAt: now.toISOString() }).where(eq(users.id, user.id)).run();
    audit({ action: 'auth.login', entity: 'session', entityId: sessionId, ministryId: user.ministryId, after: { userId: user.id, expiresAt, mfa: mfaState } });
  });
  return { token, csrfToken, expiresAt, mfa: mfaState, previous, user: userViews(ctx.db, user.id)[0]! };
}

export function logout({ ctx, input }: { ctx: ServiceContext; input: { sessionId: string } }) {
  writeTransaction(ctx, (tx, audit) => {
    const removed = tx.delete(sessions).where(eq(sessions.id, input.sessionId)).run().changes;
    if (removed > 0) audit({ action: 'auth.logout', entity: 'session', entityId: input.sessionId, ministryId: ctx.actor.ministryId });
  });
}
