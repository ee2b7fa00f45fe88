import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { listPolicyRunsQuery, policyResultsQuery } from '../../api/infra-schemas.js';
import type { ServiceContext } from '../../context.js';
import { policyResults, policyRuns } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';

function runSummary(r: typeof policyRuns.$inferSelect) {
  return { id: r.id, at: r.at, actor: r.actor, trigger: r.trigger, specSha256: r.specSha256, reportSha256: r.reportSha256, resourceCount: r.resourceCount, blocking: r.blocking, totals: r.totals, stacks: r.stacks };
}

export function listPolicyRuns({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof listPolicyRunsQuery> }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const rows = ctx.db.select().from(policyRuns).orderBy(desc(policyRuns.at), desc(policyRuns.id)).limit(input.limit).offset(input.offset).all();
  const total = ctx.db.select({ n: sql<number>`count(*)` }).from(policyRuns).get()?.n ?? 0;
  return { items: rows.map(runSummary), total, limit: input.limit, offset: input.offset };
}

export function getPolicyRun({ ctx, input }: { ctx: ServiceContext; input: { id: string; filter: z.output<typeof policyResultsQuery> } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const id = input.id === 'latest' ? ctx.db.select({ id: policyRuns.id }).from(policyRuns).orderBy(desc(policyRuns.at)).limit(1).get()?.id : input.id;
  const run = id ? ctx.db.select().from(policyRuns).where(eq(policyRuns.id, id)).get() : undefined;
  if (!run) throw new NotFound('policy run', input.id);
  const results = ctx.db
    .select({ ruleId: policyResults.ruleId, severity: policyResults.severity, address: policyResults.address, status: policyResults.status, message: policyResults.message, exceptionId: policyResults.exceptionId })
    .from(policyResults)
    .where(and(eq(policyResults.runId, run.id), input.filter.status ? eq(policyResults.status, input.filter.status) : undefined, input.filter.rule ? eq(policyResults.ruleId, input.filter.rule) : undefined))
    .all();
  return { ...runSummary(run), results };
}
