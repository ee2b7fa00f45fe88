import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { applyRuns } from '../../db/schema/index.js';

export type RunRow = typeof applyRuns.$inferSelect;

export function lastAppliedRun(db: Db | Tx, stack: string): RunRow | undefined {
  return db
    .select()
    .from(applyRuns)
    .where(and(eq(applyRuns.stack, stack), eq(applyRuns.status, 'applied')))
    .orderBy(desc(applyRuns.finishedAt))
    .limit(1)
    .get();
}

export function runView(r: RunRow) {
  return {
    id: r.id,
    stack: r.stack,
    status: r.status,
    operator: r.operator,
    specSha256: r.specSha256,
    stackSha256: r.stackSha256,
    stacks: r.stacks,
    plan: r.plan,
    terraformPlan: r.terraformPlan,
    binary: r.binary,
    logTail: r.logTail,
    failureReason: r.failureReason,
    basedOnRunId: r.basedOnRunId,
    planFileSha256: r.planFileSha256,
    planError: r.planError,
    policy: r.policy,
    approvedBy: r.approvedBy,
    approvedAt: r.approvedAt,
    appliedResources: r.appliedResources,
    demo: r.demo,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
