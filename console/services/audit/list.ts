import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ListAuditQuery } from '../../api/schemas.js';
import type { ServiceContext } from '../../context.js';
import { auditLog } from '../../db/schema/index.js';
import { ministryScope, requireRole } from '../access.js';

/** Newest first; requesters read the entries that concern their ministry. */
export function listAudit({ ctx, input }: { ctx: ServiceContext; input: ListAuditQuery }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const where: (SQL | undefined)[] = [];
  const scope = ministryScope(ctx.actor);
  if (scope !== null) where.push(eq(auditLog.ministryId, scope));
  if (input.entity) where.push(eq(auditLog.entity, input.entity));
  if (input.entityId) where.push(eq(auditLog.entityId, input.entityId));
  if (input.actor) where.push(eq(auditLog.actor, input.actor));
  if (input.action) where.push(eq(auditLog.action, input.action));
  if (input.from) where.push(gte(auditLog.at, `${input.from}T00:00:00.000Z`));
  if (input.to) where.push(lte(auditLog.at, `${input.to}T23:59:59.999Z`));
  if (input.before) where.push(lt(auditLog.seq, input.before));
  const rows = ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const total = ctx.db.select({ n: sql<number>`count(*)` }).from(auditLog).where(and(...where)).get()?.n ?? 0;
  const items = rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    id: r.entityId,
    ministryId: r.ministryId,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    prevHash: r.prevHash,
    hash: r.hash,
  }));
  const last = rows.at(-1);
  // The cursor: older entries keep their place however many are appended meanwhile.
  const more = input.offset + rows.length < total;
  return { items, total, limit: input.limit, offset: input.offset, nextBefore: more && last ? last.seq : null };
}
