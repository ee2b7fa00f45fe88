/**
 * Plan preview: the newly synthesized JSON of every stack against the snapshot of its last
 * applied run — resources to add, change (with the changed attribute paths) and destroy. A stack
 * with changes gets a `planned` run carrying that preview; the policy is evaluated on the way.
 */
import { diffStack } from '../../../infra/plan-diff.js';
import type { PolicyException } from '../../../compliance/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { SnapshotStore, snapshotDir } from '../../runs/snapshots.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { recordPolicyRun } from '../policy/record-run.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { lastAppliedRun, runView } from './read-model.js';

export function planRuns({ ctx, deps, exceptions}: { ctx: ServiceContext; deps: InfraDeps; exceptions: readonly PolicyException[] }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const policy = recordPolicyRun({ ctx, input: { trigger: 'synth', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions }, dataDir: deps.dataDir });
  const at = ctx.clock.now().toISOString();
  const previews = [...state.stacks].map(([stack, json]) => {
    const applied = lastAppliedRun(ctx.db, stack);
    const previous = applied ? snapshots.get(applied.stackSha256) : undefined;
    const diff = diffStack(stack, previous ?? undefined, json);
    return { stack, sha256: state.hashes[stack]!, diff, changed: diff.add.length + diff.change.length + diff.destroy.length > 0, lastApplied: applied?.id ?? null };
  });
  const runs = writeTransaction(ctx, (tx, audit) =>
    previews
      .filter((p) => p.changed)
      .map((p) => {
        const row = {
          id: newId(),
          stack: p.stack,
          status: 'planned' as const,
          operatorId: ctx.actor.userId,
          operator: ctx.actor.email,
          specSha256: state.specSha256,
          stackSha256: p.sha256,
          stacks: state.hashes,
          plan: { add: p.diff.add, change: p.diff.change, destroy: p.diff.destroy, summary: { add: p.diff.add.length, change: p.diff.change.length, destroy: p.diff.destroy.length }, basedOn: p.lastApplied },
          terraformPlan: null,
          binary: null,
          logTail: null,
          failureReason: null,
          createdAt: at,
          startedAt: null,
          finishedAt: null,
        };
        tx.insert(applyRuns).values(row).run();
        audit({ action: 'run.plan', entity: 'apply-run', entityId: row.id, after: { stack: row.stack, specSha256: row.specSha256, stackSha256: row.stackSha256, summary: row.plan.summary } });
        return runView(row);
      }),
  );
  return {
    specSha256: state.specSha256,
    runs,
    unchanged: previews.filter((p) => !p.changed).map((p) => p.stack),
    policy: { runId: policy.runId, blocking: policy.report.blocking, byStatus: policy.report.totals.byStatus, sha256: policy.report.sha256 },
  };
}
