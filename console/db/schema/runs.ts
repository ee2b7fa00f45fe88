import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { users } from './users.js';

/**
 * `superseded`: a later plan of the same stack replaced it, or the stack was applied since it was
 * made (a stale plan); it can no longer be approved or applied.
 */
export const runStates = ['planned', 'superseded', 'applying', 'applied', 'failed'] as const;
export type RunState = (typeof runStates)[number];

/** One plan/apply of one stack: who, what (hashes), the plan, the outcome and the log tail. */
export const applyRuns = sqliteTable(
  'apply_runs',
  {
    id: text('id').primaryKey(),
    stack: text('stack').notNull(),
    status: text('status', { enum: runStates }).notNull(),
    operatorId: text('operator_id').references(() => users.id),
    operator: text('operator').notNull(),
    specSha256: text('spec_sha256').notNull(),
    stackSha256: text('stack_sha256').notNull(),
    /** Every stack's hash in the synth this run came from (JSON). */
    stacks: text('stacks', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    /** Plan preview: add / change (with attribute paths) / destroy (JSON). */
    plan: text('plan', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** `terraform show -json` summary of the real plan, when a binary ran. */
    terraformPlan: text('terraform_plan', { mode: 'json' }).$type<Record<string, unknown>>(),
    binary: text('binary'),
    logTail: text('log_tail'),
    failureReason: text('failure_reason'),
    /** The stack's last applied run when this plan was made: applying it later than that is stale. */
    basedOnRunId: text('based_on_run_id'),
    /** sha256 of the saved `terraform plan -out` file kept under `<data dir>/plans/<id>/`; null when none could be made. */
    planFileSha256: text('plan_file_sha256'),
    /** Why no plan file could be made (no binary, a failed init…): the run cannot be approved. */
    planError: text('plan_error'),
    /** The policy verdict on this plan's stack: failing rules, blocking or not, suppressing exceptions (JSON). */
    policy: text('policy', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The second operator who approved exactly the plan file of `planFileSha256`. */
    approvedById: text('approved_by_id').references(() => users.id),
    approvedBy: text('approved_by'),
    approvedAt: text('approved_at'),
    /** Resource addresses in the state after the apply (`terraform show -json`): what really exists. */
    appliedResources: text('applied_resources', { mode: 'json' }).$type<string[]>(),
    /** Recorded by the demo loader, not by terraform: shown as demonstration data. */
    demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
  },
  (t) => [
    index('apply_runs_stack_idx').on(t.stack, t.createdAt),
    // The lock: at most one run of a stack is applying at any time.
    uniqueIndex('apply_runs_one_applying_idx').on(t.stack).where(sql`status = 'applying'`),
  ],
);

/** The latest drift check of each stack: desired state (and real state, when a binary ran) vs last applied. */
export const stackDrift = sqliteTable('stack_drift', {
  stack: text('stack').primaryKey(),
  checkedAt: text('checked_at').notNull(),
  drifted: integer('drifted', { mode: 'boolean' }).notNull(),
  /** never-applied | pending-changes | drifted | in-sync | unknown (see services/runs/drift.ts). */
  status: text('status', { enum: ['never-applied', 'pending-changes', 'drifted', 'in-sync', 'unknown'] }).notNull().default('unknown'),
  /** Why the status is what it is when it is not in-sync (a missing binary, a failed init…). */
  reason: text('reason'),
  /** What differs: the plan-diff summary, and the terraform result when one ran (JSON). */
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});
