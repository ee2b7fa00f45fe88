/**
 * Planning cost follows the changed stacks: the Benin demo tenancy planned from scratch (every
 * stack differs from its last apply: one `terraform plan` each), against planning it again after
 * one ministry changed (one request approved: one stack to plan; the others are found unchanged
 * from their hashes and not planned). Real terraform on the demo's stacks turned into
 * `terraform_data` resources (no provider download), as the run tests do. Both sides synthesize
 * the whole tenancy; the difference is the terraform work that is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareDatabase } from '../console/bootstrap.js';
import { manualClock } from '../console/clock.js';
import type { Actor, ServiceContext } from '../console/context.js';
import { closeDatabase } from '../console/db/open.js';
import { DEMO_DOMAIN, seedDemo } from '../console/demo/seed.js';
import { transitionRequest } from '../console/services/hosting-requests/transition.js';
import { planRuns } from '../console/services/runs/plan.js';
import { recordDemoApply } from '../console/services/runs/record-demo-apply.js';
import { findTerraformBinary } from '../infra/terraform.js';
import { dataStacks } from '../tests/helpers/data-stacks.js';
import type { BenchResult } from './types.js';

const GOAL_RATIO = 3;

export async function run(): Promise<BenchResult[]> {
  const binary = await findTerraformBinary();
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-plans-'));
  const clock = manualClock(new Date('2026-11-20T08:00:00Z'));
  const db = prepareDatabase(join(dir, 'dcops.db'), clock);
  try {
    await seedDemo({ db, clock, password: 'bench-password-plans', scryptN: 1024 });
    const actorOf = (email: string): Actor => {
      const u = db.$client.prepare('SELECT id, role FROM users WHERE email = ?').get(email) as { id: string; role: Actor['role'] };
      return { userId: u.id, email, role: u.role, ministryId: null, via: 'cli' };
    };
    const op1: ServiceContext = { db, clock, actor: actorOf(`operator@${DEMO_DOMAIN}`) };
    const op2 = actorOf(`operator2@${DEMO_DOMAIN}`);
    const deps = { dataDir: dir, synthesize: dataStacks };

    const t0 = performance.now();
    const scratch = await planRuns({ ctx: op1, deps, exceptions: [] });
    const scratchMs = performance.now() - t0;

    // Every stack recorded as applied at its planned state, then one ministry changes.
    clock.advance(60_000);
    recordDemoApply({ ctx: op1, input: { stacks: scratch.runs.map((r) => r.stack), approver: { userId: op2.userId!, email: op2.email } }, deps: { ...deps, keepSnapshots: true } });
    const pending = db.$client.prepare("SELECT r.id FROM hosting_requests r JOIN ministries m ON m.id = r.ministry_id WHERE r.state = 'submitted' AND m.code = 'MEF' LIMIT 1").get() as { id: string };
    clock.advance(60_000);
    transitionRequest({ ctx: { db, clock, actor: op2 }, input: { id: pending.id, action: 'approve' } });
    const t1 = performance.now();
    const one = await planRuns({ ctx: op1, deps, exceptions: [] });
    const oneMs = performance.now() - t1;

    const ratio = Math.round((scratchMs / oneMs) * 10) / 10;
    return [
      {
        id: 'plans.one-ministry-changed.ms',
        title: `planning the demo tenancy after one ministry changed (${one.runs.length} stack planned, ${one.unchanged.length} unchanged)`,
        unit: 'ms',
        value: Math.round(oneMs),
        baseline: { title: `planning it from scratch (${scratch.runs.length} stacks planned)`, value: Math.round(scratchMs) },
        ratio,
        better: 'lower',
        goal: `≥ ${GOAL_RATIO}× faster than from scratch`,
        met: ratio >= GOAL_RATIO,
        notes: binary ? `real ${binary.flavor} plan per changed stack` : 'no terraform on PATH: only synthesis and diffs were measured',
      },
    ];
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
