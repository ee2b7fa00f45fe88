/**
 * Applies one stack: policy gate, per-stack lock, terraform/tofu init → plan → show → apply in
 * the stack's working directory, and the outcome on the run record. An applied ministry stack
 * moves its provisioning requests to active.
 *
 * Transactions are synchronous, Terraform is not: the lock and the outcome are two short
 * transactions around the run, and the unique "one applying run per stack" index is the lock.
 */
import { join } from 'node:path';
import { and, eq, lt } from 'drizzle-orm';
import { writeFileAtomic } from '../../../lib/atomic-write.js';
import { diffStack } from '../../../infra/plan-diff.js';
import { planAndApply } from '../../../infra/terraform.js';
import type { PolicyException } from '../../../compliance/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';
import { SnapshotStore, snapshotDir, stackWorkDir } from '../../runs/snapshots.js';
import { requireRole } from '../access.js';
import { transitionRequest } from '../hosting-requests/transition.js';
import { newId } from '../ids.js';
import { recordPolicyRun } from '../policy/record-run.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { lastAppliedRun, runView } from './read-model.js';

/** An `applying` run older than this was interrupted (the process died): it no longer holds the lock. */
const STALE_APPLY_MS = 60 * 60_000;

export class PolicyBlocked extends Conflict {
  override readonly type = 'policy-blocked';
  override readonly title = 'Blocked by policy';
}

export async function applyStack({ ctx, input, deps, exceptions }: { ctx: ServiceContext; input: { stack: string }; deps: InfraDeps; exceptions: readonly PolicyException[] }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const doc = state.stacks.get(input.stack);
  if (!doc) throw new NotFound('stack', input.stack);
  const stackSha = state.hashes[input.stack]!;

  const policy = recordPolicyRun({ ctx, input: { trigger: 'apply', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions }, dataDir: deps.dataDir });
  if (policy.report.blocking) {
    const blocking = policy.report.results.filter((r) => r.status === 'non_compliant' && (r.severity === 'critical' || r.severity === 'high'));
    throw new PolicyBlocked(`${blocking.length} high or critical policy finding(s) without a live exception block the apply`, {
      policyRunId: policy.runId,
      findings: blocking.slice(0, 50).map((r) => ({ ruleId: r.ruleId, severity: r.severity, address: r.address, message: r.message })),
    });
  }

  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const applied = lastAppliedRun(ctx.db, input.stack);
  const diff = diffStack(input.stack, applied ? snapshots.get(applied.stackSha256) ?? undefined : undefined, doc);
  const now = ctx.clock.now();
  const runId = writeTransaction(ctx, (tx, audit) => {
    const staleBefore = new Date(now.getTime() - STALE_APPLY_MS).toISOString();
    tx.update(applyRuns)
      .set({ status: 'failed', failureReason: 'interrupted: the process applying it stopped', finishedAt: now.toISOString() })
      .where(and(eq(applyRuns.stack, input.stack), eq(applyRuns.status, 'applying'), lt(applyRuns.startedAt, staleBefore)))
      .run();
    const running = tx.select({ id: applyRuns.id }).from(applyRuns).where(and(eq(applyRuns.stack, input.stack), eq(applyRuns.status, 'applying'))).get();
    if (running) throw new Conflict(`stack ${input.stack} is already being applied (run ${running.id})`, { runId: running.id, stack: input.stack });
    const planned = tx
      .select()
      .from(applyRuns)
      .where(and(eq(applyRuns.stack, input.stack), eq(applyRuns.status, 'planned'), eq(applyRuns.stackSha256, stackSha)))
      .get();
    const id = planned?.id ?? newId();
    const plan = { add: diff.add, change: diff.change, destroy: diff.destroy, summary: { add: diff.add.length, change: diff.change.length, destroy: diff.destroy.length }, basedOn: applied?.id ?? null };
    const started = { status: 'applying' as const, operatorId: ctx.actor.userId, operator: ctx.actor.email, startedAt: now.toISOString(), plan };
    if (planned) tx.update(applyRuns).set(started).where(eq(applyRuns.id, planned.id)).run();
    else tx.insert(applyRuns).values({ id, stack: input.stack, specSha256: state.specSha256, stackSha256: stackSha, stacks: state.hashes, createdAt: now.toISOString(), ...started }).run();
    audit({ action: 'run.apply-start', entity: 'apply-run', entityId: id, after: { stack: input.stack, stackSha256: stackSha, specSha256: state.specSha256, policyRunId: policy.runId } });
    return id;
  });

  const dir = stackWorkDir(deps.dataDir, input.stack);
  let result: Awaited<ReturnType<typeof planAndApply>>;
  try {
    writeFileAtomic(join(dir, 'cdk.tf.json'), `${JSON.stringify(doc, null, 2)}\n`);
    result = await planAndApply(dir, { ...deps.terraform, statePath: join(deps.dataDir, 'state', `${input.stack}.tfstate`) });
  } catch (err) {
    result = { status: 'failed', failedStep: 'init', reason: err instanceof Error ? err.message : String(err), steps: [], logTail: '' };
  }

  const finishedAt = ctx.clock.now().toISOString();
  const ok = result.status === 'applied';
  const failureReason =
    result.status === 'applied' ? null : result.status === 'no-binary' ? result.reason : `${result.status} at ${result.failedStep}: ${result.reason}`;
  const snapshotSha = ok ? snapshots.put(doc) : null;
  writeTransaction(ctx, (tx, audit) => {
    tx.update(applyRuns)
      .set({
        status: ok ? 'applied' : 'failed',
        finishedAt,
        binary: result.status === 'no-binary' ? null : (result.binary?.path ?? null),
        terraformPlan: result.status === 'applied' ? { ...result.plan } : null,
        logTail: result.logTail || null,
        failureReason,
      })
      .where(eq(applyRuns.id, runId))
      .run();
    audit({ action: ok ? 'run.applied' : 'run.failed', entity: 'apply-run', entityId: runId, after: { stack: input.stack, status: ok ? 'applied' : 'failed', snapshotSha256: snapshotSha, reason: ok ? null : result.status } });
  });
  ctx.events?.applyFinished?.(input.stack, ok ? 'succeeded' : 'failed');

  const activated: string[] = [];
  if (ok && input.stack.startsWith('ministry-')) {
    const env = state.spec.ministries.find((m) => `ministry-${m.code.toLowerCase()}` === input.stack)?.environments ?? [];
    for (const e of env.filter((x) => x.state === 'provisioning')) {
      transitionRequest({ ctx, input: { id: e.requestId, action: 'activate', comment: `appliqué par le run ${runId}` } });
      activated.push(e.requestId);
    }
  }
  const row = ctx.db.select().from(applyRuns).where(eq(applyRuns.id, runId)).get()!;
  return { run: runView(row), activatedRequests: activated, policyRunId: policy.runId };
}
