/**
 * The demo's applied runs: the demo tenancy reaches its active and decommissioned requests the
 * same way a real one does — through an applied run of the synthesized stack, whose resources
 * settle the requests — except that no terraform ran. Such a run is recorded as demonstration
 * data (`demo`), shown as such on its page and on the requests it moved, and a drift check
 * answers `unknown` for it: there is nothing real to compare.
 */
import { resourceAddresses } from '../../../infra/plan-diff.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import { SnapshotStore, snapshotDir } from '../../runs/snapshots.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { lastAppliedRun } from './read-model.js';
import { recordSweepTx } from '../dcim/sweep.js';
import { reportSettled, settleRequests } from './settle-requests.js';
import { diffStack } from '../../../infra/plan-diff.js';

export function recordDemoApply({ ctx, input, deps }: { ctx: ServiceContext; input: { stacks: readonly string[]; approver: { userId: string; email: string } }; deps: InfraDeps & { keepSnapshots: boolean } }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const snapshots = deps.keepSnapshots ? new SnapshotStore(snapshotDir(deps.dataDir)) : null;
  const at = ctx.clock.now().toISOString();
  const recorded: string[] = [];
  for (const stack of input.stacks) {
    const doc = state.stacks.get(stack);
    if (!doc) continue;
    const sha = state.hashes[stack]!;
    snapshots?.put(doc);
    const settled = writeTransaction(ctx, (tx, audit) => {
      const applied = lastAppliedRun(tx, stack);
      const previous = applied && snapshots ? (snapshots.get(applied.stackSha256) ?? undefined) : undefined;
      const diff = diffStack(stack, previous, doc);
      const declared = resourceAddresses(doc);
      const id = newId();
      tx.insert(applyRuns)
        .values({
          id,
          stack,
          status: 'applied',
          operatorId: ctx.actor.userId,
          operator: ctx.actor.email,
          specSha256: state.specSha256,
          stackSha256: sha,
          stacks: state.hashes,
          plan: { add: diff.add, change: diff.change, destroy: diff.destroy, summary: { add: diff.add.length, change: diff.change.length, destroy: diff.destroy.length }, basedOn: applied?.id ?? null },
          basedOnRunId: applied?.id ?? null,
          approvedById: input.approver.userId,
          approvedBy: input.approver.email,
          approvedAt: at,
          appliedResources: declared,
          demo: true,
          createdAt: at,
          startedAt: at,
          finishedAt: at,
        })
        .run();
      audit({ at, action: 'run.demo-applied', entity: 'apply-run', entityId: id, after: { stack, stackSha256: sha, demo: true, resources: declared.length } });
      recorded.push(id);
      const settledNow = settleRequests(tx, audit, { id, stack, declared, inState: declared, at, actor: ctx.actor.email, demo: true });
      // Decommissioned requests freed their placements: the N-1 sweep is redone without them.
      if (settledNow.decommissioned.length > 0) recordSweepTx(tx, audit, ctx, `run ${id}`);
      return settledNow;
    });
    reportSettled(ctx, settled);
  }
  return { runs: recorded };
}
