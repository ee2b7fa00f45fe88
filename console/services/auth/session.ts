/** Looking up who a session cookie or a bearer token belongs to (on every request: prepared once). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/open.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { secretHash } from '../../auth/secrets.js';
import { GenerationMemo } from '../../db/generation-memo.js';

export interface SessionInfo {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Expiry is compared here rather than in SQL: a row found once then stays valid for as long as
 * the database does not change, whatever the clock says, so it can be kept between requests.
 */
function build(db: Db) {
  return {
    session: db
      .select({ sessionId: sessions.id, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sql.placeholder('hash')))
      .prepare(),
    token: db
      .select({ expiresAt: apiTokens.expiresAt, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
      .prepare(),
  };
}

type Lookups = ReturnType<typeof build>;
type SessionRow = NonNullable<ReturnType<Lookups['session']['get']>>;
type TokenRow = NonNullable<ReturnType<Lookups['token']['get']>>;

/**
 * Every API call and page resolves its caller first; with the rows memoised per data generation
 * (a sign-out, a revocation or a disabled account is a write, which drops them) that costs one
 * hash and no query. Only found rows are kept, so guessed secrets cannot crowd out real ones.
 */
interface Resolver {
  lookups: Lookups;
  sessions: GenerationMemo<SessionRow | undefined>;
  tokens: GenerationMemo<TokenRow | undefined>;
}

const resolvers = new WeakMap<Db, Resolver>();
function resolver(db: Db): Resolver {
  let r = resolvers.get(db);
  if (!r) resolvers.set(db, (r = { lookups: build(db), sessions: new GenerationMemo(db.$client, 2000), tokens: new GenerationMemo(db.$client, 2000) }));
  return r;
}

const found = <T>(row: T | undefined) => row !== undefined;

export function resolveSession(db: Db, token: string, now: Date): SessionInfo | null {
  const r = resolver(db);
  const hash = secretHash(token);
  const row = r.sessions.get(hash, () => r.lookups.session.get({ hash }), found);
  if (!row || row.user.disabled || row.expiresAt <= now.toISOString()) return null;
  return {
    actor: { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'session' },
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export function resolveApiToken(db: Db, token: string, now: Date): Actor | null {
  const r = resolver(db);
  const hash = secretHash(token);
  const row = r.tokens.get(hash, () => r.lookups.token.get({ hash }), found);
  if (!row || row.user.disabled || (row.expiresAt !== null && row.expiresAt <= now.toISOString())) return null;
  return { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'token' };
}
