/**
 * Drift: per stack, what the desired state would change against the last applied snapshot
 * (pending changes), and — when a terraform/tofu binary is present and the stack was applied —
 * whether the real resources still match the applied configuration (`plan -detailed-exitcode`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { diffStack } from '../../../infra/plan-diff.js';
import { checkDrift } from '../../../infra/terraform.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { stackDrift } from '../../db/schema/index.js';
import { SnapshotStore, snapshotDir, stackWorkDir } from '../../runs/snapshots.js';
import { requireRole } from '../access.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { lastAppliedRun } from './read-model.js';

type RealState = { checked: false; reason: string } | { checked: true; drifted: boolean; status: string; plan?: unknown; reason?: string };

interface StackDriftReport {
  stack: string;
  lastAppliedRun: string | null;
  pendingChanges: { add: string[]; change: { address: string; paths: string[] }[]; destroy: string[] };
  real: RealState;
  drifted: boolean;
}

export async function checkStacksDrift({ ctx, deps }: { ctx: ServiceContext; deps: InfraDeps }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const reports: StackDriftReport[] = [];
  for (const [stack, doc] of state.stacks) {
    const applied = lastAppliedRun(ctx.db, stack);
    const previous = applied ? snapshots.get(applied.stackSha256) : null;
    const pending = diffStack(stack, previous ?? undefined, doc);
    const dir = stackWorkDir(deps.dataDir, stack);
    let real: RealState;
    if (!applied) real = { checked: false, reason: 'never applied' };
    else if (!existsSync(join(dir, 'cdk.tf.json'))) real = { checked: false, reason: 'no working directory for this stack on this machine' };
    else {
      const r = await checkDrift(dir, { ...deps.terraform, statePath: join(deps.dataDir, 'state', `${stack}.tfstate`) });
      if (r.status === 'no-binary') real = { checked: false, reason: r.reason };
      else if ('plan' in r) real = { checked: true, drifted: r.status === 'drift', status: r.status, plan: r.plan };
      else real = { checked: true, drifted: false, status: r.status, reason: r.reason };
    }
    reports.push({
      stack,
      lastAppliedRun: applied?.id ?? null,
      pendingChanges: { add: pending.add, change: pending.change, destroy: pending.destroy },
      real,
      drifted: real.checked && real.drifted,
    });
  }
  const at = ctx.clock.now().toISOString();
  writeTransaction(ctx, (tx, audit) => {
    for (const r of reports) {
      tx.insert(stackDrift)
        .values({ stack: r.stack, checkedAt: at, drifted: r.drifted, detail: { pendingChanges: r.pendingChanges, real: r.real } })
        .onConflictDoUpdate({ target: stackDrift.stack, set: { checkedAt: sql`excluded.checked_at`, drifted: sql`excluded.drifted`, detail: sql`excluded.detail` } })
        .run();
    }
    audit({ action: 'drift.check', entity: 'stack-drift', entityId: 'all', after: Object.fromEntries(reports.map((r) => [r.stack, { drifted: r.drifted, pending: r.pendingChanges.add.length + r.pendingChanges.change.length + r.pendingChanges.destroy.length, checked: r.real.checked }])) });
  });
  return { checkedAt: at, stacks: reports };
}
