import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { desiredState, type InfraDeps } from '../runs/desired-state.js';
import { liveExceptions } from '../exceptions/live.js';
import { recordPolicyRun } from './record-run.js';

/** `dcops check`: evaluates the policy on the current desired state and records the run. */
export function checkPolicy({ ctx, deps }: { ctx: ServiceContext; deps: InfraDeps }) {
  requireRole(ctx.actor, 'operator');
  const state = desiredState(ctx.db, deps);
  const { runId, report } = recordPolicyRun({
    ctx,
    input: { trigger: 'check', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions: liveExceptions(ctx.db, ctx.clock.now()) },
    dataDir: deps.dataDir,
  });
  return {
    runId,
    specSha256: state.specSha256,
    reportSha256: report.sha256,
    blocking: report.blocking,
    resourceCount: report.resourceCount,
    byStatus: report.totals.byStatus,
    findings: report.results.filter((r) => r.status === 'non_compliant').map((r) => ({ ruleId: r.ruleId, severity: r.severity, address: r.address, message: r.message })),
  };
}
