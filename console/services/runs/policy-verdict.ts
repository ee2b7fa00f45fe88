/**
 * The policy verdict of one stack's plan, as the plan page shows it: every failing rule on the
 * stack's resources, whether it blocks the apply (high or critical without a live exception),
 * and which exception suppresses which finding.
 */
import type { PolicyReport } from '../../../compliance/index.js';

export interface PolicyVerdict {
  policyRunId: string;
  reportSha256: string;
  blocking: boolean;
  findings: { ruleId: string; severity: string; address: string; message: string; blocking: boolean; suppressedBy: string | null }[];
}

const MAX_FINDINGS = 200;

export function stackVerdict(report: PolicyReport, policyRunId: string, stack: string): PolicyVerdict {
  const rows = report.results.filter((r) => r.address.startsWith(`${stack}/`) && (r.status === 'non_compliant' || r.status === 'suppressed'));
  const findings = rows.map((r) => ({
    ruleId: r.ruleId,
    severity: r.severity,
    address: r.address.slice(stack.length + 1),
    message: r.message,
    blocking: r.status === 'non_compliant' && (r.severity === 'critical' || r.severity === 'high'),
    suppressedBy: r.status === 'suppressed' ? (r.exceptionId ?? null) : null,
  }));
  // Blocking findings first, so a truncated list never hides one.
  findings.sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return { policyRunId, reportSha256: report.sha256, blocking: findings.some((f) => f.blocking), findings: findings.slice(0, MAX_FINDINGS) };
}
