import { and, desc, eq, gt } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { sessions } from '../../db/schema/index.js';
import { Unauthenticated } from '../../errors.js';
import { pageOf, wholeList, type Page } from '../paging.js';

/**
 * The account's open sessions, newest first, with where they come from and when they were last
 * used; the caller's own is marked. Sessions past their lifetime or idle too long are left out.
 */
export function listSessions({ ctx, input, page = wholeList }: { ctx: ServiceContext; input: { currentSessionId: string | null; idleMs: number }; page?: Page }) {
  const userId = ctx.actor.userId;
  if (userId === null) throw new Unauthenticated('sign in first');
  const now = ctx.clock.now();
  const rows = ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(desc(sessions.createdAt))
    .all();
  const items = rows
    .filter((s) => s.id === input.currentSessionId || now.getTime() - Date.parse(s.lastSeenAt ?? s.createdAt) <= input.idleMs)
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt ?? s.createdAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      address: s.address,
      secondFactor: s.mfaState,
      current: s.id === input.currentSessionId,
    }));
  return pageOf(items, page);
}
