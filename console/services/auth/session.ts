/** Looking up who a session cookie or a bearer token belongs to (on every request: prepared once). */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/open.js';
import { apiTokens, sessions, users, type MfaState, type TokenScope } from '../../db/schema/index.js';
import { secretHash } from '../../auth/secrets.js';
import { GenerationMemo } from '../../db/generation-memo.js';

export interface SessionInfo {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  /** Where the session stands with the second factor; only `none` and `verified` open the console. */
  mfaState: MfaState;
  /** Failed sign-ins on the account between its previous sign-in and this session's. */
  priorFailedSignIns: number;
  priorSignInAt: string | null;
}

export interface TokenInfo {
  actor: Actor;
  tokenId: string;
  /** null: the owner's rights. */
  scopes: readonly TokenScope[] | null;
  expiresAt: string | null;
}

/**
 * Expiry is compared here rather than in SQL: a row found once then stays valid for as long as
 * the database does not change, whatever the clock says, so it can be kept between requests.
 */
function build(db: Db) {
  return {
    session: db
      .select({
        sessionId: sessions.id,
        csrfToken: sessions.csrfToken,
        createdAt: sessions.createdAt,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        mfaState: sessions.mfaState,
        priorFailedSignIns: sessions.priorFailedSignIns,
        priorSignInAt: sessions.priorSignInAt,
        user: users,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, sql.placeholder('hash')))
      .prepare(),
    token: db
      .select({ tokenId: apiTokens.id, expiresAt: apiTokens.expiresAt, scopes: apiTokens.scopes, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
      .prepare(),
    touch: db.$client.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?') as Database.Statement<[string, string]>,
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
  /** Last use of each session seen by this process (ms), and when it was last written down. */
  seen: Map<string, number>;
  written: Map<string, number>;
}

const resolvers = new WeakMap<Db, Resolver>();
function resolver(db: Db): Resolver {
  let r = resolvers.get(db);
  if (!r) {
    r = { lookups: build(db), sessions: new GenerationMemo(db.$client, 2000), tokens: new GenerationMemo(db.$client, 2000), seen: new Map(), written: new Map() };
    resolvers.set(db, r);
  }
  return r;
}

const found = <T>(row: T | undefined) => row !== undefined;

/** How stale the stored last use may get: the idle timeout is counted to about this much. */
const TOUCH_EVERY_MS = 60_000;
const MAX_SEEN = 50_000;

/**
 * The idle clock. Every use is noted in memory; the stored last use is refreshed at most once a
 * minute, so a busy session costs no write per request and a restart still knows roughly when
 * each session was last used. The touch is bookkeeping of the session itself, not a change of
 * any record people act on, so it writes no audit entry and does not drop the kept rows (the
 * value kept in memory is always the newer one).
 */
function idleCheck(r: Resolver, row: SessionRow, now: number, idleMs: number): boolean {
  const stored = Date.parse(row.lastSeenAt ?? row.createdAt);
  const last = Math.max(r.seen.get(row.sessionId) ?? 0, stored);
  if (now - last > idleMs) return false;
  r.seen.set(row.sessionId, now);
  if (r.seen.size > MAX_SEEN) {
    const oldest = r.seen.keys().next().value;
    if (oldest !== undefined) {
      r.seen.delete(oldest);
      r.written.delete(oldest);
    }
  }
  const writtenAt = Math.max(r.written.get(row.sessionId) ?? 0, stored);
  if (now - writtenAt >= TOUCH_EVERY_MS) {
    r.written.set(row.sessionId, now);
    try {
      r.lookups.touch.run(new Date(now).toISOString(), row.sessionId);
    } catch {
      // A busy or read-only database only delays the note: the memory keeps the idle clock.
    }
  }
  return true;
}

export function resolveSession(db: Db, token: string, now: Date, options: { idleMs?: number } = {}): SessionInfo | null {
  const r = resolver(db);
  const hash = secretHash(token);
  const row = r.sessions.get(hash, () => r.lookups.session.get({ hash }), found);
  if (!row || row.user.disabled || row.expiresAt <= now.toISOString()) return null;
  if (options.idleMs !== undefined && !idleCheck(r, row, now.getTime(), options.idleMs)) return null;
  return {
    actor: { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'session' },
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
    mfaState: row.mfaState,
    priorFailedSignIns: row.priorFailedSignIns,
    priorSignInAt: row.priorSignInAt,
  };
}

function parseScopes(text: string | null): readonly TokenScope[] | null {
  if (text === null) return null;
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? (list.filter((s) => s === 'read' || s === 'write' || s === 'metrics') as TokenScope[]) : [];
  } catch {
    // An unreadable scope list grants nothing rather than everything.
    return [];
  }
}

/** The token, its owner as the actor, and what the token may do. */
export function resolveApiTokenInfo(db: Db, token: string, now: Date): TokenInfo | null {
  const r = resolver(db);
  const hash = secretHash(token);
  const row = r.tokens.get(hash, () => r.lookups.token.get({ hash }), found);
  if (!row || row.user.disabled || (row.expiresAt !== null && row.expiresAt <= now.toISOString())) return null;
  return {
    actor: { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'token' },
    tokenId: row.tokenId,
    scopes: parseScopes(row.scopes),
    expiresAt: row.expiresAt,
  };
}

export function resolveApiToken(db: Db, token: string, now: Date): Actor | null {
  return resolveApiTokenInfo(db, token, now)?.actor ?? null;
}
