/**
 * Planning, as operators know it from Terraform: a stack gets a planned run only when its desired
 * state differs from its last apply and from its current planned run — planning again with
 * nothing changed records nothing. A new plan of a stack supersedes its older planned runs.
 *
 * Each planned run carries the preview computed from the documents (add / change with before →
 * after / destroy against the last applied snapshot), the policy verdict on its stack, and — when
 * terraform could run — the saved `terraform plan -out` file under `<data dir>/plans/<id>/`, the
 * one an approval covers and an apply executes. When no plan file could be made, the run says why
 * and cannot be approved.
 *
 * Terraform runs outside any transaction (it is slow and asynchronous); the runs are recorded
 * afterwards in one transaction that checks again that nobody planned the same state meanwhile.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { and, desc, eq } from 'drizzle-orm';
import { writeFileAtomic } from '../../../lib/atomic-write.js';
import { diffStack, diffStackAttributes } from '../../../infra/plan-diff.js';
import { findTerraformBinary, planStack } from '../../../infra/terraform.js';
import type { PolicyException } from '../../../compliance/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { applyRuns } from '../../db/schema/index.js';
import { SnapshotStore, snapshotDir } from '../../runs/snapshots.js';
import { planDir, planFileSha256, runOptionsFor } from '../../runs/workspace.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { recordPolicyRun } from '../policy/record-run.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { stackVerdict } from './policy-verdict.js';
import { DEFAULT_PLAN_MAX_AGE_MS } from './run-guards.js';
import { lastAppliedRun, runView, type RunRow } from './read-model.js';

/** The stack's planned run still waiting to be applied (the newest), if any. */
export function currentPlannedRun(db: Db, stack: string): RunRow | undefined {
  return db
    .select()
    .from(applyRuns)
    .where(and(eq(applyRuns.stack, stack), eq(applyRuns.status, 'planned')))
    .orderBy(desc(applyRuns.createdAt), desc(applyRuns.id))
    .limit(1)
    .get();
}

export interface PlanOptions {
  /** Only these stacks (default: every stack). */
  stacks?: readonly string[];
}

export async function planRuns({ ctx, deps, exceptions, options = {} }: { ctx: ServiceContext; deps: InfraDeps; exceptions: readonly PolicyException[]; options?: PlanOptions }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const policy = recordPolicyRun({ ctx, input: { trigger: 'synth', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions }, dataDir: deps.dataDir });

  const now = ctx.clock.now().getTime();
  const maxAgeMs = deps.planMaxAgeMs ?? DEFAULT_PLAN_MAX_AGE_MS;
  let binary: boolean | undefined;
  const binaryAvailable = async () => (binary ??= deps.terraform?.binary !== undefined || (await findTerraformBinary(deps.terraform?.env ? deps.terraform.env['PATH'] : undefined)) !== undefined);
  const unchanged: string[] = [];
  const alreadyPlanned: { stack: string; runId: string }[] = [];
  const candidates: { id: string; stack: string; sha256: string; doc: unknown; basedOn: string | null; previous: unknown; seen: string | null }[] = [];
  for (const [stack, doc] of state.stacks) {
    if (options.stacks && !options.stacks.includes(stack)) continue;
    const sha256 = state.hashes[stack]!;
    const applied = lastAppliedRun(ctx.db, stack);
    if (applied && applied.stackSha256 === sha256) {
      unchanged.push(stack);
      continue;
    }
    const current = currentPlannedRun(ctx.db, stack);
    // The same state planned already counts, unless that plan expired or lacks the plan file a
    // terraform now on this machine could make: then it is planned again (and superseded).
    const usable =
      current !== undefined &&
      now - Date.parse(current.createdAt) <= maxAgeMs &&
      (current.planFileSha256 !== null || (await binaryAvailable()) === false);
    if (current && usable && current.stackSha256 === sha256 && current.basedOnRunId === (applied?.id ?? null)) {
      alreadyPlanned.push({ stack, runId: current.id });
      continue;
    }
    const previous = applied ? (snapshots.get(applied.stackSha256) ?? undefined) : undefined;
    // A stack never applied that declares no resource has nothing to create: nothing to plan.
    if (!applied && diffStack(stack, undefined, doc).add.length === 0) {
      unchanged.push(stack);
      continue;
    }
    candidates.push({ id: newId(), stack, sha256, doc, basedOn: applied?.id ?? null, previous, seen: current?.id ?? null });
  }

  const planned: (typeof candidates[number] & {
    diff: ReturnType<typeof diffStack>;
    attributes: ReturnType<typeof diffStackAttributes>;
    terraformPlan: Record<string, unknown> | null;
    planFileSha256: string | null;
    planError: string | null;
    binary: string | null;
    logTail: string | null;
    verdict: ReturnType<typeof stackVerdict>;
  })[] = [];
  for (const c of candidates) {
    const diff = diffStack(c.stack, c.previous, c.doc);
    const attributes = diffStackAttributes(c.previous, c.doc);
    // The desired document is kept by its hash, so the run can always show and apply what it planned.
    snapshots.put(c.doc);
    const dir = planDir(deps.dataDir, c.id);
    writeFileAtomic(join(dir, 'cdk.tf.json'), `${JSON.stringify(c.doc, null, 2)}\n`);
    let result: Awaited<ReturnType<typeof planStack>>;
    try {
      result = await planStack(dir, runOptionsFor(deps, c.stack));
    } catch (err) {
      result = { status: 'failed', failedStep: 'init', reason: err instanceof Error ? err.message : String(err), steps: [], logTail: '' };
    }
    const planError = result.status === 'planned' ? null : result.status === 'no-binary' ? result.reason : `${result.status} at ${result.failedStep}: ${result.reason}`;
    planned.push({
      ...c,
      diff,
      attributes,
      terraformPlan: result.status === 'planned' ? { ...result.plan } : null,
      planFileSha256: result.status === 'planned' ? planFileSha256(deps.dataDir, c.id) : null,
      planError,
      binary: result.status === 'no-binary' ? null : (result.binary?.path ?? null),
      logTail: result.logTail || null,
      verdict: stackVerdict(policy.report, policy.runId, c.stack),
    });
  }

  const at = ctx.clock.now().toISOString();
  const { runs, dropped } = writeTransaction(ctx, (tx, audit) => {
    const recorded = [];
    const dropped: string[] = [];
    for (const p of planned) {
      const applied = lastAppliedRun(tx, p.stack);
      const current = tx
        .select()
        .from(applyRuns)
        .where(and(eq(applyRuns.stack, p.stack), eq(applyRuns.status, 'planned')))
        .orderBy(desc(applyRuns.createdAt), desc(applyRuns.id))
        .limit(1)
        .get();
      // Another operator recorded this very state, or the stack was applied, while terraform ran.
      if ((applied?.id ?? null) !== p.basedOn || (current && current.id !== p.seen && current.stackSha256 === p.sha256 && current.basedOnRunId === p.basedOn)) {
        dropped.push(p.id);
        continue;
      }
      const superseded = tx
        .update(applyRuns)
        .set({ status: 'superseded', finishedAt: at })
        .where(and(eq(applyRuns.stack, p.stack), eq(applyRuns.status, 'planned')))
        .returning({ id: applyRuns.id })
        .all()
        .map((r) => r.id);
      const row: RunRow = {
        id: p.id,
        stack: p.stack,
        status: 'planned',
        operatorId: ctx.actor.userId,
        operator: ctx.actor.email,
        specSha256: state.specSha256,
        stackSha256: p.sha256,
        stacks: state.hashes,
        plan: {
          add: p.diff.add,
          change: p.diff.change,
          destroy: p.diff.destroy,
          attributes: p.attributes,
          summary: { add: p.diff.add.length, change: p.diff.change.length, destroy: p.diff.destroy.length },
          basedOn: p.basedOn,
        },
        terraformPlan: p.terraformPlan,
        binary: p.binary,
        logTail: p.logTail,
        failureReason: null,
        basedOnRunId: p.basedOn,
        planFileSha256: p.planFileSha256,
        planError: p.planError,
        policy: { ...p.verdict },
        approvedById: null,
        approvedBy: null,
        approvedAt: null,
        appliedResources: null,
        demo: false,
        createdAt: at,
        startedAt: null,
        finishedAt: null,
      };
      tx.insert(applyRuns).values(row).run();
      for (const id of superseded) audit({ action: 'run.superseded', entity: 'apply-run', entityId: id, after: { status: 'superseded', by: p.id } });
      audit({
        action: 'run.plan',
        entity: 'apply-run',
        entityId: row.id,
        after: { stack: row.stack, specSha256: row.specSha256, stackSha256: row.stackSha256, basedOn: p.basedOn, planFileSha256: p.planFileSha256, planError: p.planError, summary: (row.plan as { summary: unknown }).summary, policyBlocking: p.verdict.blocking, superseded },
      });
      recorded.push(runView(row));
    }
    // The desired state is what was applied: a plan still waiting would only undo it.
    for (const stack of unchanged) {
      const stale = tx
        .update(applyRuns)
        .set({ status: 'superseded', finishedAt: at })
        .where(and(eq(applyRuns.stack, stack), eq(applyRuns.status, 'planned')))
        .returning({ id: applyRuns.id })
        .all();
      for (const r of stale) audit({ action: 'run.superseded', entity: 'apply-run', entityId: r.id, after: { status: 'superseded', reason: 'the desired state is the applied one' } });
    }
    return { runs: recorded, dropped };
  });
  for (const id of dropped) rmSync(planDir(deps.dataDir, id), { recursive: true, force: true });
  return {
    specSha256: state.specSha256,
    runs,
    unchanged,
    alreadyPlanned,
    policy: { runId: policy.runId, blocking: policy.report.blocking, byStatus: policy.report.totals.byStatus, sha256: policy.report.sha256 },
  };
}
