import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { changePasswordInput } from '../../api/schemas.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { sessions, users } from '../../db/schema/index.js';
import { InvalidInput, Unauthenticated } from '../../errors.js';
import { assertStrongPassword } from '../users/create.js';

/**
 * A person changes their own password, proving the current one. Every other session of the
 * account ends (whoever knew the old password is signed out); the caller's stays. API tokens
 * stay too: they were shown once to their owner and do not depend on the password.
 */
export async function changePassword({ ctx, input, currentSessionId, scryptN }: { ctx: ServiceContext; input: z.output<typeof changePasswordInput>; currentSessionId: string | null; scryptN?: number }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const user = ctx.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new Unauthenticated('sign in first');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new InvalidInput([{ pointer: '/currentPassword', field: 'currentPassword', message: 'this is not the current password', code: 'wrong_password' }]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new InvalidInput([{ pointer: '/newPassword', field: 'newPassword', message: 'must differ from the current password', code: 'same_password' }]);
  }
  assertStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword, scryptN);
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    tx.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId)).run();
    const ended = tx
      .delete(sessions)
      .where(currentSessionId === null ? eq(sessions.userId, userId) : and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
      .run().changes;
    audit({ action: 'user.password-change', entity: 'user', entityId: userId, ministryId: ctx.actor.ministryId, after: { otherSessionsEnded: ended } });
    return { changed: true, otherSessionsEnded: ended };
  });
}
