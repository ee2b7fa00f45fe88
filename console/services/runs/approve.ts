/**
 * Four eyes: an operator other than the one who planned approves exactly the saved plan file of
 * a planned run (its sha256 is what the approval records).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { Conflict, Forbidden } from '../../errors.js';
import { requireRole } from '../access.js';
import type { InfraDeps } from './desired-state.js';
import { runView } from './read-model.js';
import { assertApplicablePlan, DEFAULT_PLAN_MAX_AGE_MS, loadRun } from './run-guards.js';

export function approveRun({ ctx, input, deps }: { ctx: ServiceContext; input: { id: string }; deps: InfraDeps }) {
  requireRole(ctx.actor, 'operator');
  const now = ctx.clock.now();
  return writeTransaction(ctx, (tx, audit) => {
    const run = loadRun(tx, input.id);
    if (ctx.actor.userId === null || run.operatorId === ctx.actor.userId) {
      throw new Forbidden('four eyes: the operator who planned a run cannot approve it; another operator must', { runId: run.id, plannedBy: run.operator });
    }
    assertApplicablePlan(tx, run, { dataDir: deps.dataDir, now, maxAgeMs: deps.planMaxAgeMs ?? DEFAULT_PLAN_MAX_AGE_MS });
    if (run.approvedById) throw new Conflict(`run ${run.id} is already approved by ${run.approvedBy ?? 'another operator'}`, { runId: run.id, approvedBy: run.approvedBy });
    const at = now.toISOString();
    tx.update(applyRuns)
      .set({ approvedById: ctx.actor.userId, approvedBy: ctx.actor.email, approvedAt: at })
      .where(and(eq(applyRuns.id, run.id), eq(applyRuns.status, 'planned'), isNull(applyRuns.approvedById)))
      .run();
    audit({ at, action: 'run.approve', entity: 'apply-run', entityId: run.id, after: { stack: run.stack, planFileSha256: run.planFileSha256, plannedBy: run.operator } });
    return runView(loadRun(tx, run.id));
  });
}
