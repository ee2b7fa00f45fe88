import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createUserInput } from '../../api/schemas.js';
import { hashPassword, randomPassword } from '../../auth/password.js';
import { judgePassword } from '../../auth/password-policy.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { ministries, users } from '../../db/schema/index.js';
import { Conflict, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { userViews } from './list.js';

export function ministryIdForCode(tx: Tx, code: string, field = 'ministry'): string {
  const m = tx.select({ id: ministries.id }).from(ministries).where(eq(ministries.code, code)).get();
  if (!m) throw new InvalidInput([{ pointer: `/${field}`, field, message: `no ministry has the code ${code}` }]);
  return m.id;
}

/**
 * Creates an account. Without a password one is generated and returned once: it is never
 * stored or shown again.
 */
export async function createUser({ ctx, input, scryptN }: { ctx: ServiceContext; input: z.output<typeof createUserInput>; scryptN?: number }) {
  requireRole(ctx.actor, 'admin');
  if (input.password !== undefined) assertStrongPassword(input.password, { email: input.email, name: input.name }, 'password');
  const generated = input.password === undefined ? randomPassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? generated!, scryptN);
  const at = ctx.clock.now().toISOString();
  const user = writeTransaction(ctx, (tx, audit) => {
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get()) {
      throw new Conflict(`an account with email ${input.email} exists already`, { errors: [{ pointer: '/email', field: 'email', message: 'already in use' }] });
    }
    const ministryId = input.ministry ? ministryIdForCode(tx, input.ministry) : null;
    const id = newId();
    tx.insert(users).values({ id, email: input.email, name: input.name, role: input.role, ministryId, passwordHash, disabled: false, createdAt: at, updatedAt: at }).run();
    audit({ action: 'user.create', entity: 'user', entityId: id, ministryId, after: { email: input.email, name: input.name, role: input.role, ministry: input.ministry ?? null } });
    return userViews(tx, id)[0]!;
  });
  return { user, ...(generated ? { generatedPassword: generated } : {}) };
}

/** Refuses a password that is easy to guess or built from the account's email or name. */
export function assertStrongPassword(password: string, account: { email: string; name?: string | null }, field: string): void {
  const verdict = judgePassword(password, account);
  if (!verdict.ok) throw new InvalidInput([{ pointer: `/${field}`, field, message: `the password ${verdict.reason}`, code: 'weak_password' }]);
}
