/**
 * Drift, per stack, with one honest status:
 *
 * - `never-applied`: no applied run; nothing exists to compare;
 * - `drifted`: the real resources (refresh-only plan) or the state (plan against the last
 *   applied configuration) differ from what was applied — `-detailed-exitcode` said 2;
 * - `pending-changes`: the desired state differs from the last apply (the next plan has work);
 * - `in-sync`: applied, and both comparisons were made and found nothing;
 * - `unknown`: a comparison could not be made (no binary, no working directory, a failed init,
 *   demonstration data…), with the reason.
 *
 * Only `in-sync` is ever shown green. A `drifted` stack opens (or updates) one system finding on
 * the change-management controls; a later clean check closes it, that check being its evidence.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { diffStack } from '../../../infra/plan-diff.js';
import { checkDrift } from '../../../infra/terraform.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { stackDrift } from '../../db/schema/index.js';
import { EvidenceStore } from '../../evidence/store.js';
import { SnapshotStore, snapshotDir, stackWorkDir } from '../../runs/snapshots.js';
import { runOptionsFor } from '../../runs/workspace.js';
import { requireRole } from '../access.js';
import { clearSystemFinding, openSystemFinding } from '../findings/system.js';
import { desiredState, type InfraDeps } from './desired-state.js';
import { lastAppliedRun } from './read-model.js';

export const driftStatuses = ['never-applied', 'pending-changes', 'drifted', 'in-sync', 'unknown'] as const;
export type DriftStatus = (typeof driftStatuses)[number];

type RealState = { checked: false; reason: string } | { checked: true; drifted: boolean; status: string; by?: string | null; plan?: unknown; reason?: string };

export interface StackDriftReport {
  stack: string;
  status: DriftStatus;
  /** Why the status is not `in-sync` when it is not plain from the status (English, for the log and the API). */
  reason: string | null;
  lastAppliedRun: string | null;
  pendingChanges: { add: string[]; change: { address: string; paths: string[] }[]; destroy: string[] };
  real: RealState;
  drifted: boolean;
}

/** Controls a drifted stack is a finding against: change management and configuration management. */
export const DRIFT_FINDING_CONTROLS = [
  { frameworkId: 'iso27001-2022', controlId: 'A.8.32' },
  { frameworkId: 'iso27001-2022', controlId: 'A.8.9' },
] as const;

export async function checkStacksDrift({ ctx, deps }: { ctx: ServiceContext; deps: InfraDeps }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const snapshots = new SnapshotStore(snapshotDir(deps.dataDir));
  const reports: StackDriftReport[] = [];
  for (const [stack, doc] of state.stacks) {
    const applied = lastAppliedRun(ctx.db, stack);
    const base = { stack, lastAppliedRun: applied?.id ?? null };
    if (!applied) {
      const pending = diffStack(stack, undefined, doc);
      reports.push({ ...base, status: 'never-applied', reason: null, pendingChanges: pending, real: { checked: false, reason: 'never applied' }, drifted: false });
      continue;
    }
    let previous: unknown;
    try {
      previous = snapshots.get(applied.stackSha256);
    } catch (err) {
      previous = null;
      reports.push({ ...base, status: 'unknown', reason: err instanceof Error ? err.message : String(err), pendingChanges: { add: [], change: [], destroy: [] }, real: { checked: false, reason: 'snapshot altered' }, drifted: false });
      continue;
    }
    if (previous === null) {
      reports.push({ ...base, status: 'unknown', reason: `the snapshot of the last applied run ${applied.id} is missing`, pendingChanges: { add: [], change: [], destroy: [] }, real: { checked: false, reason: 'snapshot missing' }, drifted: false });
      continue;
    }
    const diff = diffStack(stack, previous, doc);
    const pendingChanges = { add: diff.add, change: diff.change, destroy: diff.destroy };
    const pendingCount = diff.add.length + diff.change.length + diff.destroy.length;
    const dir = stackWorkDir(deps.dataDir, stack);
    let real: RealState;
    if (applied.demo) real = { checked: false, reason: 'applied as demonstration data: there are no real resources to compare' };
    else if (!existsSync(join(dir, 'cdk.tf.json'))) real = { checked: false, reason: 'no working directory for this stack on this machine' };
    else {
      const r = await checkDrift(dir, runOptionsFor(deps, stack));
      if (r.status === 'no-binary') real = { checked: false, reason: r.reason };
      else if ('failedStep' in r) real = { checked: false, reason: `${r.status} at ${r.failedStep}: ${r.reason}` };
      else real = { checked: true, drifted: r.status === 'drift', status: r.status, by: r.by, plan: r.plan };
    }
    let status: DriftStatus;
    let reason: string | null = null;
    if (real.checked && real.drifted) {
      status = 'drifted';
      reason = real.by === 'refresh-only' ? 'the real resources differ from the state' : 'the state differs from the last applied configuration';
    } else if (pendingCount > 0) {
      status = 'pending-changes';
      reason = real.checked ? null : `real resources not compared: ${real.reason}`;
    } else if (!real.checked) {
      status = 'unknown';
      reason = real.reason;
    } else status = 'in-sync';
    reports.push({ ...base, status, reason, pendingChanges, real, drifted: status === 'drifted' });
  }

  const at = ctx.clock.now().toISOString();
  const findings: { stack: string; action: 'opened' | 'updated' | 'closed'; findingId: string }[] = [];
  writeTransaction(ctx, (tx, audit) => {
    for (const r of reports) {
      tx.insert(stackDrift)
        .values({ stack: r.stack, checkedAt: at, drifted: r.drifted, status: r.status, reason: r.reason, detail: { pendingChanges: r.pendingChanges, real: r.real } })
        .onConflictDoUpdate({
          target: stackDrift.stack,
          set: { checkedAt: sql`excluded.checked_at`, drifted: sql`excluded.drifted`, status: sql`excluded.status`, reason: sql`excluded.reason`, detail: sql`excluded.detail` },
        })
        .run();
      const subject = r.stack;
      if (r.status === 'drifted') {
        const f = openSystemFinding(tx, audit, {
          source: 'drift',
          subject,
          at,
          grade: 'minor',
          title: `Dérive de la pile ${r.stack}`,
          description:
            `Le contrôle de dérive du ${at} a trouvé la pile ${r.stack} différente de sa dernière application (run ${r.lastAppliedRun ?? '—'}) : ` +
            `${r.reason ?? ''}. Un changement a été fait hors de la console ; il doit être expliqué, puis annulé ou intégré par un plan revu.`,
          controls: DRIFT_FINDING_CONTROLS,
        });
        findings.push({ stack: r.stack, action: f.created ? 'opened' : 'updated', findingId: f.id });
      } else if (r.status === 'in-sync') {
        const f = clearSystemFinding(tx, audit, new EvidenceStore(deps.dataDir), {
          source: 'drift',
          subject,
          at,
          evidence: { title: { key: 'auto.title.driftClean', params: { stack: r.stack } }, description: `Le contrôle de dérive du ${at} compare la pile ${r.stack} à sa dernière application (run ${r.lastAppliedRun ?? '—'}) : aucun écart, réel ou d’état.`, metadata: { stack: r.stack, checkedAt: at, lastAppliedRun: r.lastAppliedRun } },
        });
        if (f) findings.push({ stack: r.stack, action: 'closed', findingId: f.id });
      }
    }
    audit({
      action: 'drift.check',
      entity: 'stack-drift',
      entityId: 'all',
      after: Object.fromEntries(reports.map((r) => [r.stack, { status: r.status, pending: r.pendingChanges.add.length + r.pendingChanges.change.length + r.pendingChanges.destroy.length, checked: r.real.checked }])),
    });
  });
  return { checkedAt: at, stacks: reports, findings };
}
