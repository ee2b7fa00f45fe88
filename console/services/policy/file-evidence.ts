/**
 * Automatic evidence from a policy run: for every control a rule supports, one evidence item
 * (per framework and control) gains a version carrying the run's outcome for that control's
 * rules, tied to the spec hash and the report's sha256. The full report is the stored file.
 */
import { canonicalJson } from '../../../lib/canonical-json.js';
import { getRule, type PolicyReport } from '../../../compliance/index.js';
import type { AuditFn, Tx } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { recordAutomaticEvidence } from '../evidence/record-automatic.js';

/** Policy evidence stays current for a month: a month without a run makes it expire. */
const VALID_DAYS = 31;

export function filePolicyEvidence(tx: Tx, audit: AuditFn, store: EvidenceStore, run: { runId: string; report: PolicyReport; at: string; specSha256: string }): number {
  const byControl = new Map<string, { frameworkId: string; controlId: string; rules: { ruleId: string; severity: string; counts: PolicyReport['rules'][number]['counts'] }[] }>();
  for (const summary of run.report.rules) {
    const rule = getRule(summary.ruleId);
    if (!rule) continue;
    for (const [frameworkId, ids] of Object.entries(rule.controls)) {
      for (const controlId of ids ?? []) {
        const key = `${frameworkId}:${controlId}`;
        const entry = byControl.get(key) ?? { frameworkId, controlId, rules: [] };
        entry.rules.push({ ruleId: summary.ruleId, severity: summary.severity, counts: summary.counts });
        byControl.set(key, entry);
      }
    }
  }
  const content = canonicalJson(run.report);
  const expiresAt = new Date(Date.parse(run.at) + VALID_DAYS * 86_400_000).toISOString();
  for (const [key, c] of [...byControl].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const failing = c.rules.reduce((n, r) => n + r.counts.non_compliant, 0);
    recordAutomaticEvidence(tx, audit, store, {
      source: 'policy-run',
      key,
      title: `Règles de politique sur l’infrastructure — ${c.controlId}`,
      description: `Résultat des règles qui vérifient ${c.controlId} sur le Terraform synthétisé (${c.rules.length} règle(s), ${failing} ressource(s) non conforme(s)).`,
      controls: [{ frameworkId: c.frameworkId, controlId: c.controlId }],
      content,
      fileName: `policy-report-${run.report.sha256.slice(0, 12)}.json`,
      contentType: 'application/json',
      effectiveAt: run.at,
      expiresAt,
      metadata: { policyRunId: run.runId, specSha256: run.specSha256, reportSha256: run.report.sha256, nonCompliant: failing, rules: c.rules },
      at: run.at,
    });
  }
  return byControl.size;
}
