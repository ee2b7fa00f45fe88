/** Responses of the apply runs, drift checks and policy runs. */
import { z } from 'zod';
import { policyReportSchema, ruleSummarySchema, statusCountsSchema } from '../../../compliance/index.js';
import { runStates } from '../../db/schema/runs.js';
import { count, instant, jsonDocument, listOf, named, sha256Hex, uuid } from './registry.js';

export const applyRun = named(
  'ApplyRun',
  z.object({
    id: uuid,
    stack: z.string(),
    status: z.enum(runStates),
    operator: z.string(),
    specSha256: sha256Hex,
    stackSha256: sha256Hex,
    stacks: z.record(z.string(), sha256Hex).describe('Every stack of the synthesis this run came from, with its sha256'),
    plan: jsonDocument.describe('Preview against the last applied snapshot: add, change (with attribute paths), destroy, summary, basedOn'),
    terraformPlan: jsonDocument.nullable().describe('Summary of `terraform show -json` when a binary ran'),
    binary: z.string().nullable(),
    logTail: z.string().nullable(),
    failureReason: z.string().nullable(),
    basedOnRunId: uuid.nullable().describe("The stack's last applied run when this plan was made: applying it later than that is stale"),
    planFileSha256: sha256Hex.nullable().describe('sha256 of the saved terraform plan file; null when none could be made'),
    planError: z.string().nullable().describe('Why no plan file could be made: the run cannot be approved'),
    policy: jsonDocument.nullable().describe("The policy verdict on this plan's stack: failing rules, blocking or not, suppressing exceptions"),
    approvedBy: z.string().nullable().describe('The second operator who approved exactly this plan file'),
    approvedAt: instant.nullable(),
    appliedResources: z.array(z.string()).nullable().describe('Resource addresses in the state after the apply'),
    demo: z.boolean().describe('Recorded by the demo loader, not by terraform'),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
  }),
);
export const applyRunList = listOf('ApplyRunList', applyRun);

const byStatus = named('PolicyStatusCounts', statusCountsSchema);

export const planResult = named(
  'PlanResult',
  z.object({
    specSha256: sha256Hex,
    runs: z.array(applyRun).describe('One planned run per stack that changed'),
    unchanged: z.array(z.string()),
    alreadyPlanned: z.array(z.object({ stack: z.string(), runId: uuid })).describe('Stacks whose current plan already matches the desired state'),
    policy: z.object({ runId: uuid, blocking: z.boolean(), byStatus, sha256: sha256Hex }),
  }),
);

const driftStatus = named('DriftStatus', z.enum(['never-applied', 'pending-changes', 'drifted', 'in-sync', 'unknown']), 'Only in-sync is clean');

const pendingChanges = z.object({
  stack: z.string().optional(),
  add: z.array(z.string()),
  change: z.array(z.object({ address: z.string(), paths: z.array(z.string()) })),
  destroy: z.array(z.string()),
});
export const driftCheck = named(
  'DriftCheck',
  z.object({
    checkedAt: instant,
    stacks: z.array(
      z.object({
        stack: z.string(),
        status: driftStatus,
        reason: z.string().nullable(),
        lastAppliedRun: uuid.nullable(),
        pendingChanges,
        real: z.union([
          z.object({ checked: z.literal(false), reason: z.string() }),
          z.object({ checked: z.literal(true), drifted: z.boolean(), status: z.string(), by: z.string().nullable().optional(), plan: z.unknown().optional(), reason: z.string().optional() }),
        ]),
        drifted: z.boolean(),
      }),
    ),
    findings: z.array(z.object({ stack: z.string(), action: z.enum(['opened', 'updated', 'closed']), findingId: uuid })).describe('Findings the check opened, updated or closed'),
  }),
);
export const stackDriftStatus = named(
  'StackDriftStatus',
  z.object({
    stack: z.string(),
    checkedAt: instant,
    status: driftStatus,
    reason: z.string().nullable(),
    drifted: z.boolean(),
    pending: z.object({ add: count, change: count, destroy: count }),
    real: z.object({ checked: z.boolean(), status: z.string().nullable(), reason: z.string().nullable() }),
  }),
);
export const stackDriftList = listOf('StackDriftStatusList', stackDriftStatus);

export const applyResult = named(
  'ApplyResult',
  z.object({
    run: applyRun,
    activatedRequests: z.array(uuid).describe('Requests the apply made active'),
    decommissionedRequests: z.array(uuid).describe('Requests the apply decommissioned'),
    waitingRequests: z
      .array(z.object({ requestId: uuid, missing: z.array(z.string()) }))
      .describe('Environments still waiting, with the resources the state does not hold'),
    policyRunId: uuid,
  }),
);

const policyTotals = z.object({
  byStatus,
  bySeverity: policyReportSchema.shape.totals.shape.bySeverity,
  rules: z.array(named('PolicyRuleSummary', ruleSummarySchema)),
  exceptions: policyReportSchema.shape.exceptions,
});
export type PolicyRunTotals = z.infer<typeof policyTotals>;
const policyRunShape = {
  id: uuid,
  at: instant,
  actor: z.string(),
  trigger: z.enum(['synth', 'check', 'apply']),
  specSha256: sha256Hex,
  reportSha256: sha256Hex,
  resourceCount: count,
  blocking: z.boolean(),
  totals: policyTotals,
  stacks: z.record(z.string(), sha256Hex),
};
export const policyRun = named('PolicyRun', z.object(policyRunShape));
export const policyRunList = listOf('PolicyRunList', policyRun);
export const policyRunDetail = named(
  'PolicyRunDetail',
  z.object({
    ...policyRunShape,
    results: z.array(
      z.object({ ruleId: z.string(), severity: z.string(), address: z.string(), status: z.string(), message: z.string(), exceptionId: z.string().nullable() }),
    ),
  }),
);
export const policyCheck = named(
  'PolicyCheck',
  z.object({
    runId: uuid,
    specSha256: sha256Hex,
    reportSha256: sha256Hex,
    blocking: z.boolean(),
    resourceCount: count,
    byStatus,
    findings: z.array(z.object({ ruleId: z.string(), severity: z.string(), address: z.string(), message: z.string() })),
  }),
);

export const applyReadiness = named(
  'ApplyReadiness',
  z.object({
    ready: z.boolean(),
    checks: z.array(
      z.object({
        id: z.string().describe('binary | version | mirror | provider:<source>'),
        state: z.enum(['ok', 'failed', 'unverified']),
        code: z.string().describe('A stable code the console translates (no-binary, mirror-missing, provider-found…)'),
        values: z.record(z.string(), z.string()),
      }),
    ),
  }),
);
