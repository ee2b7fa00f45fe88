/** The latest policy run and its results for the rules behind one control. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { rulesForControl } from '../../../compliance/index.js';
import type { Tx } from '../../context.js';
import { policyResults, policyRuns } from '../../db/schema/index.js';

export function latestRunResults(tx: Tx, controlId: string) {
  const rules = rulesForControl('iso27001-2022', controlId).map((r) => ({ id: r.id, title: r.title, severity: r.severity }));
  const run = tx.select().from(policyRuns).orderBy(desc(policyRuns.at), desc(policyRuns.id)).limit(1).get() ?? null;
  const results =
    run === null || rules.length === 0
      ? []
      : tx
          .select()
          .from(policyResults)
          .where(and(eq(policyResults.runId, run.id), inArray(policyResults.ruleId, rules.map((r) => r.id))))
          .orderBy(asc(policyResults.ruleId), asc(policyResults.address))
          .all()
          .map((r) => ({ ruleId: r.ruleId, severity: r.severity, address: r.address, status: r.status, message: r.message, exceptionId: r.exceptionId }));
  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const runView = run && { id: run.id, at: run.at, trigger: run.trigger, actor: run.actor, specSha256: run.specSha256, reportSha256: run.reportSha256, resourceCount: run.resourceCount, blocking: run.blocking };
  return { rules, run: runView, results, byStatus };
}
