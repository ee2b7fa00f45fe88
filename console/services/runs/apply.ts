/**
 * Applies one planned, approved run: exactly its saved plan file (`terraform apply plan.tfplan`
 * in the run's own directory), never a fresh plan. Refused, with a problem naming what is
 * missing, without a second operator's approval, when the plan is stale or too old, or when the
 * policy (re-evaluated on the run's own document with today's exceptions) blocks it.
 *
 * The outcome and what it proves about the ministry's requests (activation, completed
 * decommissioning — services/runs/settle-requests.ts) commit in one transaction. Transactions are
 * synchronous, Terraform is not: the lock and the outcome are two short transactions around the
 * run, and the unique "one applying run per stack" index is the lock.
 */
import { join } from 'node:path';
import { and, eq, lt, ne } from 'drizzle-orm';
import { writeFileAtomic } from '../../../lib/atomic-write.js';
import { resourceAddresses } from '../../../infra/plan-diff.js';
import { applyPlan } from '../../../infra/terraform.js';
import type { PolicyException, TerraformJson } from '../../../compliance/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { Conflict } from '../../errors.js';
import { SnapshotStore, snapshotDir, stackWorkDir } from '../../runs/snapshots.js';
import { planDir, runOptionsFor } from '../../runs/workspace.js';
import { requireRole } from '../access.js';
import { recordPolicyRun } from '../policy/record-run.js';
import type { InfraDeps } from './desired-state.js';
import { stackVerdict } from './policy-verdict.js';
import { runView } from './read-model.js';
import { ApprovalRequired, assertApplicablePlan, DEFAULT_PLAN_MAX_AGE_MS, loadRun } from './run-guards.js';
import { recordSweepTx } from '../dcim/sweep.js';
import { reportSettled, settleRequests, type SettledRequests } from './settle-requests.js';

/** An `applying` run older than this was interrupted (the process died): it no longer holds the lock. */
const STALE_APPLY_MS = 60 * 60_000;

export class PolicyBlocked extends Conflict {
  override readonly type = 'policy-blocked';
  override readonly title = 'Blocked by policy';
}

function assertApproved(run: { id: string; approvedById: string | null; operator: string }): void {
  if (!run.approvedById) {
    throw new ApprovalRequired(`run ${run.id} needs the approval of an operator other than ${run.operator} before it is applied`, { runId: run.id, missing: 'approval', plannedBy: run.operator });
  }
}

export async function applyRun({ ctx, input, deps, exceptions }: { ctx: ServiceContext; input: { id: string }; deps: InfraDeps; exceptions: readonly PolicyException[] }) {
  requireRole(ctx.actor, 'operator');
  const maxAgeMs = deps.planMaxAgeMs ?? DEFAULT_PLAN_MAX_AGE_MS;
  const planned = loadRun(ctx.db, input.id);
  assertApplicablePlan(ctx.db, planned, { dataDir: deps.dataDir, now: ctx.clock.now(), maxAgeMs });
  assertApproved(planned);

  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const doc = snapshots.get(planned.stackSha256) as TerraformJson | null;
  if (doc === null) throw new Conflict(`the document run ${planned.id} planned is missing from the snapshots: plan again`, { runId: planned.id });
  const policy = recordPolicyRun({
    ctx,
    input: { trigger: 'apply', stacks: new Map([[planned.stack, doc]]), stackHashes: { [planned.stack]: planned.stackSha256 }, specSha256: planned.specSha256, exceptions },
    dataDir: deps.dataDir,
  });
  const verdict = stackVerdict(policy.report, policy.runId, planned.stack);
  if (verdict.blocking) {
    const blocking = verdict.findings.filter((f) => f.blocking);
    throw new PolicyBlocked(`${blocking.length} high or critical policy finding(s) without a live exception block the apply`, {
      policyRunId: policy.runId,
      findings: blocking.slice(0, 50).map((f) => ({ ruleId: f.ruleId, severity: f.severity, address: f.address, message: f.message })),
    });
  }

  const now = ctx.clock.now();
  writeTransaction(ctx, (tx, audit) => {
    const staleBefore = new Date(now.getTime() - STALE_APPLY_MS).toISOString();
    tx.update(applyRuns)
      .set({ status: 'failed', failureReason: 'interrupted: the process applying it stopped', finishedAt: now.toISOString() })
      .where(and(eq(applyRuns.stack, planned.stack), eq(applyRuns.status, 'applying'), lt(applyRuns.startedAt, staleBefore)))
      .run();
    const running = tx.select({ id: applyRuns.id }).from(applyRuns).where(and(eq(applyRuns.stack, planned.stack), eq(applyRuns.status, 'applying'))).get();
    if (running) throw new Conflict(`stack ${planned.stack} is already being applied (run ${running.id})`, { runId: running.id, stack: planned.stack });
    // Read again under the write lock: another apply, approval or plan may have landed meanwhile.
    const run = loadRun(tx, planned.id);
    assertApplicablePlan(tx, run, { dataDir: deps.dataDir, now, maxAgeMs });
    assertApproved(run);
    tx.update(applyRuns)
      .set({ status: 'applying', startedAt: now.toISOString(), policy: { ...verdict } })
      .where(and(eq(applyRuns.id, run.id), eq(applyRuns.status, 'planned')))
      .run();
    audit({ action: 'run.apply-start', entity: 'apply-run', entityId: run.id, after: { stack: run.stack, stackSha256: run.stackSha256, planFileSha256: run.planFileSha256, approvedBy: run.approvedBy, policyRunId: policy.runId } });
  });

  let result: Awaited<ReturnType<typeof applyPlan>>;
  try {
    result = await applyPlan(planDir(deps.dataDir, planned.id), runOptionsFor(deps, planned.stack));
  } catch (err) {
    result = { status: 'failed', failedStep: 'apply', reason: err instanceof Error ? err.message : String(err), steps: [], logTail: '' };
  }
  const ok = result.status === 'applied';
  if (ok) {
    // Drift checks compare the real resources with this configuration.
    writeFileAtomic(join(stackWorkDir(deps.dataDir, planned.stack), 'cdk.tf.json'), `${JSON.stringify(doc, null, 2)}\n`);
  }
  const finishedAt = ctx.clock.now().toISOString();
  const failureReason = result.status === 'applied' ? null : result.status === 'no-binary' ? result.reason : `${result.status} at ${result.failedStep}: ${result.reason}`;
  const settled: SettledRequests = writeTransaction(ctx, (tx, audit) => {
    tx.update(applyRuns)
      .set({
        status: ok ? 'applied' : 'failed',
        finishedAt,
        binary: result.status === 'no-binary' ? null : (result.binary?.path ?? null),
        logTail: result.logTail || null,
        failureReason,
        appliedResources: result.status === 'applied' ? result.resources : null,
      })
      .where(eq(applyRuns.id, planned.id))
      .run();
    audit({ action: ok ? 'run.applied' : 'run.failed', entity: 'apply-run', entityId: planned.id, after: { stack: planned.stack, status: ok ? 'applied' : 'failed', reason: failureReason } });
    if (result.status !== 'applied') return { activated: [], decommissioned: [], waiting: [], leadTimes: [] };
    // Every other plan of the stack was made against the state before this apply: stale now.
    const stale = tx
      .update(applyRuns)
      .set({ status: 'superseded', finishedAt })
      .where(and(eq(applyRuns.stack, planned.stack), eq(applyRuns.status, 'planned'), ne(applyRuns.id, planned.id)))
      .returning({ id: applyRuns.id })
      .all();
    for (const r of stale) audit({ action: 'run.superseded', entity: 'apply-run', entityId: r.id, after: { status: 'superseded', reason: `stack applied by run ${planned.id}` } });
    const settledNow = settleRequests(tx, audit, { id: planned.id, stack: planned.stack, declared: resourceAddresses(doc), inState: result.resources, at: finishedAt, actor: ctx.actor.email });
    // Decommissioned requests freed their placements: the N-1 sweep is redone without them.
    if (settledNow.decommissioned.length > 0) recordSweepTx(tx, audit, ctx, `run ${planned.id}`);
    return settledNow;
  });
  reportSettled(ctx, settled);
  ctx.events?.applyFinished?.(planned.stack, ok ? 'succeeded' : 'failed');
  return {
    run: runView(loadRun(ctx.db, planned.id)),
    activatedRequests: settled.activated,
    decommissionedRequests: settled.decommissioned,
    waitingRequests: settled.waiting,
    policyRunId: policy.runId,
  };
}
