import { and, count, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { listRunsQuery } from '../../api/infra-schemas.js';
import type { ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { runView } from './read-model.js';

export function listRuns({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof listRunsQuery> }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const where: SQL[] = [];
  if (input.stack) where.push(eq(applyRuns.stack, input.stack));
  if (input.status) where.push(eq(applyRuns.status, input.status));
  if (input.operator) where.push(sql`lower(${applyRuns.operator}) = ${input.operator}`);
  if (input.from) where.push(gte(applyRuns.createdAt, `${input.from}T00:00:00.000Z`));
  if (input.to) where.push(lt(applyRuns.createdAt, nextDay(input.to)));
  const total = ctx.db.select({ n: count() }).from(applyRuns).where(and(...where)).get()?.n ?? 0;
  const rows = ctx.db
    .select()
    .from(applyRuns)
    .where(and(...where))
    .orderBy(desc(applyRuns.createdAt), desc(applyRuns.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  return { items: rows.map(runView), total, limit: input.limit, offset: input.offset };
}

export function getRun({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const row = ctx.db.select().from(applyRuns).where(eq(applyRuns.id, input.id)).get();
  if (!row) throw new NotFound('run', input.id);
  return runView(row);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
