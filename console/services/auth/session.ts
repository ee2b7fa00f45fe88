/** Looking up who a session cookie or a bearer token belongs to. */
import { and, eq, gt, isNull, or } from 'drizzle-orm';
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

export function resolveSession(db: Db, token: string, now: Date): SessionInfo | null {
  const row = db
    .select({ sessionId: sessions.id, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, secretHash(token)), gt(sessions.expiresAt, now.toISOString())))
    .get();
  if (!row || row.user.disabled) return null;
  return {
    actor: { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'session' },
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    expiresAt: row.expiresAt,
  };
}

export function resolveApiToken(db: Db, token: string, now: Date): Actor | null {
  const row = db
    .select({ user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, secretHash(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now.toISOString())),
      ),
    )
    .get();
  if (!row || row.user.disabled) return null;
  return { userId: row.user.id, email: row.user.email, role: row.user.role, ministryId: row.user.ministryId, via: 'token' };
}
