/**
 * Automatic evidence from a policy run: for every control a rule supports, one evidence item
 * (per framework and control) carries the run's outcome for that control's rules, tied to the
 * spec hash and the report's sha256 (the full report is the stored file). The item gains a
 * version only when that outcome changed — which rules, their counts, which resources fail or
 * are suppressed — never because the report's time did; an unchanged item records the re-check.
 */
import { canonicalJson } from '../../../lib/canonical-json.js';
import { getRule, type PolicyReport } from '../../../compliance/index.js';
import type { AuditFn, Tx } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { recordAutomaticEvidence } from '../evidence/record-automatic.js';

/** Policy evidence stays current for a month: a month without a run makes it expire. */
const VALID_DAYS = 31;

export interface PolicyEvidenceOutcome {
  /** Items the run touched (one per control its rules support). */
  items: number;
  /** Items that gained a version because their result changed. */
  added: number;
  /** Items whose current version was re-checked unchanged. */
  rechecked: number;
}

export function filePolicyEvidence(tx: Tx, audit: AuditFn, store: EvidenceStore, run: { runId: string; report: PolicyReport; at: string; specSha256: string }): PolicyEvidenceOutcome {
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
  let content: string | undefined;
  const expiresAt = new Date(Date.parse(run.at) + VALID_DAYS * 86_400_000).toISOString();
  // Resources that fail or are suppressed, per rule: part of the result, unlike the run's time.
  const flagged = new Map<string, string[]>();
  for (const r of run.report.results) {
    if (r.status !== 'non_compliant' && r.status !== 'suppressed') continue;
    const list = flagged.get(r.ruleId) ?? [];
    list.push(`${r.status}:${r.address}`);
    flagged.set(r.ruleId, list);
  }
  const rechecked: string[] = [];
  let added = 0;
  for (const [key, c] of [...byControl].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const failing = c.rules.reduce((n, r) => n + r.counts.non_compliant, 0);
    const normalized = {
      frameworkId: c.frameworkId,
      controlId: c.controlId,
      rules: c.rules.map((r) => ({ ...r, resources: [...(flagged.get(r.ruleId) ?? [])].sort() })).sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1)),
    };
    content ??= canonicalJson(run.report);
    const filed = recordAutomaticEvidence(tx, audit, store, {
      source: 'policy-run',
      key,
      normalized,
      producedBy: `policy-run:${run.runId}`,
      auditRecheck: false,
      title: { key: 'auto.title.policy', params: { control: c.controlId } },
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
    if (filed.rechecked) rechecked.push(filed.evidenceId);
    else added++;
  }
  // One entry for every unchanged item of the run, not one per item: a daily run must not flood the trail.
  if (rechecked.length > 0) {
    audit({ at: run.at, action: 'evidence.automatic.recheck', entity: 'policy-run', entityId: run.runId, after: { evidenceIds: rechecked.sort(), checkedBy: `policy-run:${run.runId}`, expiresAt } });
  }
  return { items: byControl.size, added, rechecked: rechecked.length };
}
