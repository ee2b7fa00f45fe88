/**
 * The conditions a planned run must meet to be approved or applied, and the problems that name
 * what is missing. One place, so the API, the pages and the CLI refuse for the same reasons.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { applyRuns } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';
import { planFileSha256 } from '../../runs/workspace.js';
import { lastAppliedRun, type RunRow } from './read-model.js';

export const DEFAULT_PLAN_MAX_AGE_MS = 24 * 3_600_000;

export class RunNotPlanned extends Conflict {
  override readonly type = 'run-not-planned';
  override readonly title = 'Not a planned run';
}

export class PlanFileMissing extends Conflict {
  override readonly type = 'plan-file-missing';
  override readonly title = 'No saved plan file';
}

export class ApprovalRequired extends Conflict {
  override readonly type = 'approval-required';
  override readonly title = 'Approval by a second operator required';
}

export class StalePlan extends Conflict {
  override readonly type = 'stale-plan';
  override readonly title = 'Stale plan';
}

export class PlanTooOld extends Conflict {
  override readonly type = 'plan-too-old';
  override readonly title = 'Plan too old';
}

export function loadRun(db: Db | Tx, id: string): RunRow {
  const row = db.select().from(applyRuns).where(eq(applyRuns.id, id)).get();
  if (!row) throw new NotFound('run', id);
  return row;
}

/**
 * Throws unless the run is a planned run with its saved plan file intact, made against the
 * stack's current last apply, and younger than the maximum age.
 */
export function assertApplicablePlan(db: Db | Tx, run: RunRow, o: { dataDir: string; now: Date; maxAgeMs: number }): void {
  if (run.status !== 'planned') {
    throw new RunNotPlanned(`run ${run.id} is ${run.status}: only a planned run can be approved or applied`, { runId: run.id, status: run.status });
  }
  if (!run.planFileSha256) {
    throw new PlanFileMissing(`run ${run.id} has no saved plan file${run.planError ? `: ${run.planError}` : ''}; plan again once terraform can run`, { runId: run.id, planError: run.planError });
  }
  const onDisk = planFileSha256(o.dataDir, run.id);
  if (onDisk !== run.planFileSha256) {
    throw new PlanFileMissing(
      onDisk === null ? `the saved plan file of run ${run.id} is missing on this machine` : `the saved plan file of run ${run.id} changed since it was planned`,
      { runId: run.id, expected: run.planFileSha256, found: onDisk },
    );
  }
  const applied = lastAppliedRun(db, run.stack);
  if ((applied?.id ?? null) !== run.basedOnRunId) {
    throw new StalePlan(`stack ${run.stack} was applied (run ${applied?.id ?? '—'}) after run ${run.id} was planned: plan again`, { runId: run.id, appliedRunId: applied?.id ?? null });
  }
  const age = o.now.getTime() - Date.parse(run.createdAt);
  if (age > o.maxAgeMs) {
    throw new PlanTooOld(`run ${run.id} was planned ${Math.floor(age / 3_600_000)} h ago, beyond the ${Math.round(o.maxAgeMs / 3_600_000)} h allowed: plan again`, {
      runId: run.id,
      plannedAt: run.createdAt,
      maxAgeHours: o.maxAgeMs / 3_600_000,
    });
  }
}
