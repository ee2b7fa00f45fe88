import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { securityEventKinds, securityEvents } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { verifySecurityChain } from './chain.js';

export const listSecurityEventsQuery = z.strictObject({
  kind: z.enum(securityEventKinds).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  before: z.coerce.number().int().min(1).optional().describe('Cursor: only events older than this seq (the nextBefore of the previous page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListSecurityEventsQuery = z.infer<typeof listSecurityEventsQuery>;

/** Newest first; auditors and administrators read them. */
export function listSecurityEvents({ ctx, input }: { ctx: ServiceContext; input: ListSecurityEventsQuery }) {
  requireRole(ctx.actor, 'auditor', 'admin');
  const where: (SQL | undefined)[] = [];
  if (input.kind) where.push(eq(securityEvents.kind, input.kind));
  if (input.actor) where.push(eq(securityEvents.actor, input.actor));
  if (input.from) where.push(gte(securityEvents.at, `${input.from}T00:00:00.000Z`));
  if (input.to) where.push(lte(securityEvents.at, `${input.to}T23:59:59.999Z`));
  if (input.before) where.push(lt(securityEvents.seq, input.before));
  const rows = ctx.db.select().from(securityEvents).where(and(...where)).orderBy(desc(securityEvents.seq)).limit(input.limit).offset(input.offset).all();
  const total = ctx.db.select({ n: sql<number>`count(*)` }).from(securityEvents).where(and(...where)).get()?.n ?? 0;
  const last = rows.at(-1);
  // The cursor, as in the audit trail: older events keep their place however many are appended.
  const more = input.offset + rows.length < total;
  return {
    items: rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) })),
    total,
    limit: input.limit,
    offset: input.offset,
    nextBefore: more && last ? last.seq : null,
  };
}

export function verifySecurityEvents({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.actor, 'auditor', 'admin');
  const started = performance.now();
  const result = verifySecurityChain(ctx.db.$client);
  return { ...result, checkedAt: ctx.clock.now().toISOString(), durationMs: Math.round(performance.now() - started) };
}
