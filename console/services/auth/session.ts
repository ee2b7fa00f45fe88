/** Looking up who a session cookie or a bearer token belongs to (on every request: prepared once). */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/open.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { secretHash } from '../../auth/secrets.js';

export interface SessionInfo {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

function build(db: Db) {
  return {
    session: db
      .select({ sessionId: sessions.id, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), gt(sessions.expiresAt, sql.placeholder('now'))))
      .prepare(),
    token: db
      .select({ user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(
        and(
          eq(apiTokens.tokenHash, sql.placeholder('hash')),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql.placeholder('now'))),
        ),
      )
      .prepare(),
  };
}

const statements = new WeakMap<Db, ReturnType<typeof build>>();
function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = build(db)));
  return s;
}

export function resolveSession(db: Db, token: string, now: Date): SessionInfo | null {
  const row = prepared(db).session.get({ hash: secretHash(token), now: now.toISOString() });
  if (!row || row.user.disabled) return null;
  return {
    actor: { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'session' },
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export function resolveApiToken(db: Db, token: string, now: Date): Actor | null {
  const row = prepared(db).token.get({ hash: secretHash(token), now: now.toISOString() });
  if (!row || row.user.disabled) return null;
  return { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'token' };
}
