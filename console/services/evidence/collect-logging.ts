import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../../audit/chain.js';
import type { ServiceContext } from '../../context.js';
import { auditLog } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { assertCollector, fileReport, iso, pssie, type CollectorSpec } from './filing.js';

export const loggingSpec: CollectorSpec = {
  source: 'logging',
  key: 'audit-chain',
  title: { key: 'auto.title.logging' },
  description:
    "Vérification complète de la chaîne de hachage du journal d'audit : nombre d'entrées, empreinte de tête, première " +
    'entrée rompue le cas échéant. Le journal refuse modification et suppression ; la chaîne révèle ce qui les contournerait.',
  controls: [iso('A.8.15'), pssie('EXP-09')],
  validityDays: 31,
};

/** Verifies the audit chain and files the result, broken or not. */
export function collectLogging({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  assertCollector(ctx);
  // Walked before taking the write lock: on a long chain the walk takes seconds and writers
  // must not wait for it. The report names the head it reached.
  const started = performance.now();
  const result = verifyAuditChain(ctx.db.$client);
  const durationMs = Math.round(performance.now() - started);
  return fileReport(ctx, store, loggingSpec, (tx) => {
    const span = tx.select({ first: sql<string | null>`min(${auditLog.at})`, last: sql<string | null>`max(${auditLog.at})` }).from(auditLog).get();
    const summary = result.ok
      ? `Chaîne d'audit intègre : ${result.entries} entrée(s) vérifiée(s) en ${durationMs} ms, tête ${result.headHash.slice(0, 16)}….`
      : `Chaîne d'audit ROMPUE à l'entrée ${result.firstBroken!.seq} (${result.firstBroken!.reason}) ; ${result.entries} entrée(s) vérifiée(s) avant elle.`;
    return {
      summary,
      metadata: { ok: result.ok, entries: result.entries, headHash: result.headHash, firstBroken: result.firstBroken ?? null },
      body: { verification: { ...result, firstBroken: result.firstBroken ?? null, durationMs }, firstEntryAt: span?.first ?? null, lastEntryAt: span?.last ?? null },
      // The verdict is the evidence: an intact chain that grew (every write, this collection's
      // own included, adds entries) is re-checked, not a new version to review; a break is.
      normalized: { ok: result.ok, firstBroken: result.firstBroken ?? null },
    };
  });
}
