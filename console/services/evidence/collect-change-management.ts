import { asc, gte, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { applyRuns } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { fileReport, iso, type CollectorSpec } from './filing.js';

/** The period each filing covers; consecutive quarterly filings overlap rather than leave gaps. */
export const CHANGE_WINDOW_DAYS = 92;

export const changeManagementSpec: CollectorSpec = {
  source: 'change-management',
  key: 'apply-runs',
  title: { key: 'auto.title.changeManagement' },
  description:
    'Plans et applications Terraform enregistrés par la console sur la période : pile, opérateur, empreintes de la ' +
    'spécification et de la pile, résumé du plan, issue et raison des échecs. Montre que chaque changement est tracé ' +
    'et rattaché à une version revue de la configuration.',
  controls: [iso('A.8.32')],
  validityDays: 92,
};

function planCounts(plan: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of ['add', 'change', 'destroy']) {
    const v = plan[key];
    if (Array.isArray(v)) out[key] = v.length;
    else if (typeof v === 'number') out[key] = v;
  }
  const summary = plan.summary;
  if (summary && typeof summary === 'object') {
    for (const [k, v] of Object.entries(summary)) if (typeof v === 'number' && out[k] === undefined) out[k] = v;
  }
  return out;
}

/** Files the apply runs of the last {@link CHANGE_WINDOW_DAYS} days (change management). */
export function collectChangeManagement({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  return fileReport(ctx, store, changeManagementSpec, (tx, at) => {
    const from = new Date(Date.parse(at) - CHANGE_WINDOW_DAYS * 86_400_000).toISOString();
    const runs = tx.select().from(applyRuns).where(gte(applyRuns.createdAt, from)).orderBy(asc(applyRuns.createdAt), asc(applyRuns.id)).all();
    const allTime = tx.select({ n: sql<number>`count(*)` }).from(applyRuns).get()?.n ?? 0;
    const byStatus: Record<string, number> = {};
    for (const r of runs) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    const operators = [...new Set(runs.map((r) => r.operator))].sort();
    const summary =
      runs.length === 0
        ? `Aucune application enregistrée du ${from.slice(0, 10)} au ${at.slice(0, 10)} (${allTime} au total depuis la mise en service).`
        : `${runs.length} exécution(s) du ${from.slice(0, 10)} au ${at.slice(0, 10)} : ${Object.entries(byStatus).map(([s, n]) => `${n} ${s}`).join(', ')} ; ${operators.length} opérateur(s).`;
    return {
      summary,
      // The changes recorded, not the period's end (which moves with every collection).
      normalized: { runs: runs.map((r) => ({ id: r.id, status: r.status, finishedAt: r.finishedAt, failureReason: r.failureReason })), allTime },
      metadata: { periodFrom: from, periodTo: at, runs: runs.length, byStatus, allTime },
      body: {
        period: { from, to: at },
        totals: { runs: runs.length, byStatus, operators, allTime },
        runs: runs.map((r) => ({
          id: r.id,
          stack: r.stack,
          status: r.status,
          operator: r.operator,
          specSha256: r.specSha256,
          stackSha256: r.stackSha256,
          plan: planCounts(r.plan),
          binary: r.binary,
          createdAt: r.createdAt,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt,
          failureReason: r.failureReason,
        })),
      },
    };
  });
}
