import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateUserInput } from '../../api/schemas.js';
import { hashPassword } from '../../auth/password.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { Conflict, InvalidInput, NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertStrongPassword, ministryIdForCode } from './create.js';
import { userViews } from './list.js';

/**
 * Changes an account. A role change, a new password or disabling ends the account's sessions and
 * revokes its tokens, so the new rights apply at once.
 */
export async function updateUser({ ctx, input, scryptN }: { ctx: ServiceContext; input: { id: string; patch: z.output<typeof updateUserInput> }; scryptN?: number }) {
  requireRole(ctx.actor, 'admin');
  const { patch } = input;
  if (patch.password) {
    const account = userViews(ctx.db, input.id)[0];
    if (account) assertStrongPassword(patch.password, { email: account.email, name: patch.name ?? account.name }, 'password');
  }
  const passwordHash = patch.password ? await hashPassword(patch.password, scryptN) : undefined;
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = userViews(tx, input.id)[0];
    if (!before) throw new NotFound('user', input.id);
    const role = patch.role ?? before.role;
    const ministryCode = patch.ministry === undefined ? before.ministry : patch.ministry;
    if (role === 'requester' && !ministryCode) {
      throw new InvalidInput([{ pointer: '/ministry', field: 'ministry', message: 'a requester belongs to one ministry' }]);
    }
    if (role !== 'requester' && ministryCode && patch.ministry !== undefined) {
      throw new InvalidInput([{ pointer: '/ministry', field: 'ministry', message: 'only requesters belong to a ministry' }]);
    }
    if (input.id === ctx.actor.userId && ((patch.role && patch.role !== 'admin') || patch.disabled)) {
      throw new Conflict('an administrator cannot demote or disable their own account');
    }
    const ministryId = role === 'requester' && ministryCode ? ministryIdForCode(tx, ministryCode) : null;
    tx.update(users)
      .set({
        name: patch.name ?? before.name,
        role,
        ministryId,
        disabled: patch.disabled ?? before.disabled,
        ...(passwordHash ? { passwordHash } : {}),
        updatedAt: at,
      })
      .where(eq(users.id, input.id))
      .run();
    const rightsChanged = role !== before.role || ministryCode !== before.ministry || passwordHash !== undefined || patch.disabled === true;
    if (rightsChanged) {
      tx.delete(sessions).where(eq(sessions.userId, input.id)).run();
      tx.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.userId, input.id), isNull(apiTokens.revokedAt))).run();
    }
    const after = userViews(tx, input.id)[0]!;
    const strip = (u: typeof after) => ({ email: u.email, name: u.name, role: u.role, ministry: u.ministry, disabled: u.disabled });
    audit({
      action: 'user.update',
      entity: 'user',
      entityId: input.id,
      ministryId,
      before: strip(before),
      after: { ...strip(after), passwordChanged: passwordHash !== undefined, sessionsEnded: rightsChanged },
    });
    return after;
  });
}
