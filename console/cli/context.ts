import { eq } from 'drizzle-orm';
import { systemClock } from '../clock.js';
import { systemActor, type Actor, type ServiceContext } from '../context.js';
import type { Db } from '../db/open.js';
import { users } from '../db/schema/index.js';
import { Forbidden } from '../errors.js';

/**
 * The actor of a CLI command: the named account (which must exist, be enabled and have the
 * role), or the console itself when none is required.
 */
export function cliContext(db: Db, email: string | undefined, role?: 'operator'): ServiceContext {
  if (!email) {
    if (role) throw new Forbidden(`this command acts as a person: pass --operator <email> of an ${role} account`);
    return { db, clock: systemClock, actor: { ...systemActor, via: 'cli' } };
  }
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user || user.disabled) throw new Forbidden(`no enabled account ${email}`);
  if (role && user.role !== role) throw new Forbidden(`${email} is ${user.role}, not ${role}`);
  const actor: Actor = { userId: user.id, email: user.email, role: user.role, ministryId: user.ministryId, via: 'cli' };
  return { db, clock: systemClock, actor };
}
