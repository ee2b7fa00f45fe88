import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { systemClock } from '../clock.js';
import { systemActor, type Actor, type ServiceContext } from '../context.js';
import type { Db } from '../db/open.js';
import { users } from '../db/schema/index.js';
import { Forbidden } from '../errors.js';
import { resolveApiToken } from '../services/auth/session.js';

/**
 * The actor of a CLI command: the named account (which must exist, be enabled and have the
 * role), or the console itself when none is required. The data directory comes along, so that a
 * command files evidence (and closes findings on it) as the server would.
 */
export function cliContext(db: Db, dataDir: string, email: string | undefined, role?: 'operator'): ServiceContext {
  if (!email) {
    if (role) throw new Forbidden(`this command acts as a person: pass --operator <email> of an ${role} account`);
    return { db, clock: systemClock, actor: { ...systemActor, via: 'cli' }, dataDir };
  }
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user || user.disabled) throw new Forbidden(`no enabled account ${email}`);
  if (role && user.role !== role) throw new Forbidden(`${email} is ${user.role}, not ${role}`);
  const actor: Actor = { userId: user.id, email: user.email, role: user.role, ministryId: user.ministryId, via: 'cli' };
  return { db, clock: systemClock, actor, dataDir };
}

/**
 * The actor of a CLI command that acts as an operator: whoever the presented API token belongs
 * to (looked up as the API does), never a name typed on the command line.
 */
export function cliTokenContext(db: Db, token: string, role: 'operator'): ServiceContext {
  const actor = resolveApiToken(db, token.trim(), systemClock.now());
  if (!actor) throw new Forbidden('the API token is invalid, expired or revoked');
  if (actor.role !== role) throw new Forbidden(`the token belongs to ${actor.email}, who is ${actor.role}, not ${role}`);
  return { db, clock: systemClock, actor: { ...actor, via: 'cli' } };
}

/** The token from `--token-file FILE` or standard input (`--token-stdin`), so it never shows in `ps`. */
export async function readCliToken(opts: { tokenFile?: string; tokenStdin?: boolean }): Promise<string> {
  if (opts.tokenFile) return readFileSync(opts.tokenFile, 'utf8').trim();
  if (opts.tokenStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  throw new Forbidden('this command acts as an operator: pass that operator’s API token with --token-file FILE or --token-stdin');
}
