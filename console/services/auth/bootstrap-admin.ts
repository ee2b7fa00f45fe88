import { sql } from 'drizzle-orm';
import { hashPassword, randomPassword } from '../../auth/password.js';
import { systemActor, writeTransaction, type ServiceContext } from '../../context.js';
import { users } from '../../db/schema/index.js';
import { BOOTSTRAP_ADMIN_NAME } from '../../auth/bootstrap-admin-name.js';
import { newId } from '../ids.js';
import { assertStrongPassword } from '../users/create.js';

/**
 * On an empty database, creates the first administrator. The password comes from the
 * configuration (held to the password policy) or is generated; a generated one is returned so
 * the caller prints it once.
 */
export async function bootstrapAdmin({ ctx, input }: { ctx: Omit<ServiceContext, 'actor'>; input: { email: string; password?: string | undefined; scryptN?: number } }) {
  const count = ctx.db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  if (count > 0) return null;
  if (input.password) assertStrongPassword(input.password, { email: input.email, name: BOOTSTRAP_ADMIN_NAME }, 'password');
  const generated = input.password ? undefined : randomPassword();
  const passwordHash = await hashPassword(input.password ?? generated!, input.scryptN);
  const at = ctx.clock.now().toISOString();
  return writeTransaction({ ...ctx, actor: systemActor }, (tx, audit) => {
    // Re-checked under the write lock: two processes starting at once create one admin.
    if ((tx.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0) > 0) return null;
    const id = newId();
    tx.insert(users).values({ id, email: input.email, name: BOOTSTRAP_ADMIN_NAME, role: 'admin', ministryId: null, passwordHash, disabled: false, createdAt: at, updatedAt: at }).run();
    audit({ action: 'user.bootstrap-admin', entity: 'user', entityId: id, after: { email: input.email, role: 'admin' } });
    return { email: input.email, generatedPassword: generated };
  });
}
