/**
 * A policy run: every rule over every synthesized stack, with the live exceptions, stored as
 * a run with its findings. Called by every synth, by `dcops check`, and before every apply.
 */
import { evaluatePolicy, type PolicyException, type PolicyReport, type TerraformJson } from '../../../compliance/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { EvidenceStore } from '../../evidence/store.js';
import { filePolicyEvidence } from './file-evidence.js';
import { policyResults, policyRuns } from '../../db/schema/index.js';
import { newId } from '../ids.js';

export interface PolicyRunInput {
  trigger: 'synth' | 'check' | 'apply';
  stacks: ReadonlyMap<string, TerraformJson>;
  stackHashes: Record<string, string>;
  specSha256: string;
  exceptions: readonly PolicyException[];
}

export interface PolicyRunOutcome {
  runId: string;
  report: PolicyReport;
}

/**
 * Evaluates and records the run; in the same transaction, files the automatic evidence on every
 * control the rules support (in the evidence store under `dataDir`).
 */
export function recordPolicyRun({ ctx, input, dataDir }: { ctx: ServiceContext; input: PolicyRunInput; dataDir: string }): PolicyRunOutcome {
  const now = ctx.clock.now();
  const report = evaluatePolicy({ stacks: input.stacks, exceptions: input.exceptions, now });
  const runId = newId();
  const at = now.toISOString();
  writeTransaction(ctx, (tx, audit) => {
    tx.insert(policyRuns)
      .values({
        id: runId,
        at,
        actor: ctx.actor.email,
        trigger: input.trigger,
        specSha256: input.specSha256,
        reportSha256: report.sha256,
        resourceCount: report.resourceCount,
        totals: { byStatus: report.totals.byStatus, bySeverity: report.totals.bySeverity, rules: report.rules, exceptions: report.exceptions },
        blocking: report.blocking,
        stacks: input.stackHashes,
      })
      .run();
    const rows = report.results.filter((r) => r.status === 'non_compliant' || r.status === 'suppressed');
    // Chunked: SQLite caps the number of bound parameters per statement.
    for (let i = 0; i < rows.length; i += 500) {
      tx.insert(policyResults)
        .values(
          rows.slice(i, i + 500).map((r) => ({ runId, ruleId: r.ruleId, severity: r.severity, address: r.address, status: r.status, message: r.message, exceptionId: r.exceptionId ?? null })),
        )
        .run();
    }
    audit({
      action: 'policy-run.record',
      entity: 'policy-run',
      entityId: runId,
      after: { trigger: input.trigger, specSha256: input.specSha256, reportSha256: report.sha256, blocking: report.blocking, byStatus: report.totals.byStatus, stacks: input.stackHashes },
    });
    filePolicyEvidence(tx, audit, new EvidenceStore(dataDir), { runId, report, at, specSha256: input.specSha256 });
  });
  return { runId, report };
}
