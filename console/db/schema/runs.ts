import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { users } from './users.js';

export const runStates = ['planned', 'applying', 'applied', 'failed'] as const;

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
  /** What differs: the plan-diff summary, and the terraform result when one ran (JSON). */
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});
