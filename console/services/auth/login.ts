import { eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { loginInput } from '../../api/schemas.js';
import { verifyPassword } from '../../auth/password.js';
import { newSecret, secretHash } from '../../auth/secrets.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { Unauthenticated } from '../../errors.js';
import { newId } from '../ids.js';
import { userViews } from '../users/list.js';

/** Compared against when the email is unknown, so both failures take the same time. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Checks the credentials and opens a new session (a fresh id at every login, so a session
 * fixed before login is worthless). Expired sessions are swept on the way.
 */
export async function login({ ctx, input, sessionTtlMs }: { ctx: Omit<ServiceContext, 'actor'>; input: z.output<typeof loginInput>; sessionTtlMs: number }) {
  const user = ctx.db.select().from(users).where(eq(users.email, input.email)).get();
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) throw new Unauthenticated('wrong email or password');
  const token = newSecret();
  const csrfToken = newSecret();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + sessionTtlMs).toISOString();
  const actor = { userId: user.id, email: user.email, role: user.role, ministryId: user.ministryId, via: 'session' as const };
  const sessionId = newId();
  writeTransaction({ ...ctx, actor }, (tx, audit) => {
    tx.delete(sessions).where(lt(sessions.expiresAt, now.toISOString())).run();
    tx.insert(sessions).values({ id: sessionId, tokenHash: secretHash(token), userId: user.id, csrfToken, createdAt: now.toISOString(), expiresAt }).run();
    audit({ action: 'auth.login', entity: 'session', entityId: sessionId, ministryId: user.ministryId, after: { userId: user.id, expiresAt } });
  });
  return { token, csrfToken, expiresAt, user: userViews(ctx.db, user.id)[0]! };
}

export function logout({ ctx, input }: { ctx: ServiceContext; input: { sessionId: string } }) {
  writeTransaction(ctx, (tx, audit) => {
    const removed = tx.delete(sessions).where(eq(sessions.id, input.sessionId)).run().changes;
    if (removed > 0) audit({ action: 'auth.logout', entity: 'session', entityId: input.sessionId, ministryId: ctx.actor.ministryId });
  });
}
