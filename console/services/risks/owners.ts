import { eq } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import { users } from '../../db/schema/index.js';
import { InvalidInput } from '../../errors.js';

/**
 * The account named as owner of an asset or a risk: a member of the datacenter's staff
 * (operator, auditor or admin) who can sign in. A ministry requester owns none of the register.
 */
export function resolveOwner(tx: Tx, email: string, field = 'ownerEmail'): { id: string; email: string } {
  const user = tx.select({ id: users.id, email: users.email, role: users.role, disabled: users.disabled }).from(users).where(eq(users.email, email)).get();
  const refuse = (message: string) => new InvalidInput([{ pointer: `/${field}`, field, message }]);
  if (!user) throw refuse(`no account has the address ${email}`);
  if (user.disabled) throw refuse(`the account ${email} is disabled`);
  if (user.role === 'requester') throw refuse('a risk or asset owner is a member of the datacenter staff, not a ministry requester');
  return { id: user.id, email: user.email };
}
