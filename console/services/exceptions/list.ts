import { and, desc, eq, gt, ne, or, lte, sql, type SQL } from 'drizzle-orm';
import type { ListExceptionsQuery } from '../../api/compliance-schemas.js';
import type { ServiceContext } from '../../context.js';
import { policyExceptions } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { exceptionView, loadException } from './read-model.js';

/** Exceptions, newest first, with their `live` flag computed at the console's clock. */
export function listExceptions({ ctx, input }: { ctx: ServiceContext; input: ListExceptionsQuery }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const filters: (SQL | undefined)[] = [];
  if (input.status) filters.push(eq(policyExceptions.status, input.status));
  if (input.ruleId) filters.push(eq(policyExceptions.ruleId, input.ruleId));
  // Expiry and creation are stored as ISO instants in UTC, so they compare as text.
  const live = and(eq(policyExceptions.status, 'approved'), lte(policyExceptions.createdAt, at), gt(policyExceptions.expiresAt, at));
  if (input.live === true) filters.push(live);
  if (input.live === false) filters.push(or(ne(policyExceptions.status, 'approved'), gt(policyExceptions.createdAt, at), lte(policyExceptions.expiresAt, at)));
  const where = and(...filters);
  const total = ctx.db.select({ n: sql<number>`count(*)` }).from(policyExceptions).where(where).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(policyExceptions)
    .where(where)
    .orderBy(desc(policyExceptions.createdAt), desc(policyExceptions.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return { items: rows.map((r) => exceptionView(r, now)), total, limit: input.limit, offset: input.offset };
}

export function getException({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  return exceptionView(loadException(ctx.db, input.id), ctx.clock.now());
}
