import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../../context.js';
import { hostingRequests, ministries } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { bookedStates } from '../hosting-requests/state-machine.js';
import { fileReport, iso, pssie, type CollectorSpec } from './filing.js';
import { latestRunResults } from './latest-policy-run.js';

export const backupsSpec: CollectorSpec = {
  source: 'backups',
  key: 'backups',
  title: { key: 'auto.title.backups' },
  description:
    'Politique de sauvegarde (fréquence, rétention) de chaque environnement hébergé, résultats de la règle de conformité ' +
    'sur les volumes lors de la dernière analyse, et dernière exécution de sauvegarde enregistrée par la console lorsqu’elle en tient le registre.',
  controls: [iso('A.8.13'), pssie('EXP-08')],
  validityDays: 31,
};

/**
 * The newest row of a backup register, when a later feature has created one. Read by name so
 * this collector needs no change the day that table appears.
 */
function latestBackupRecord(tx: Tx): { table: string; record: Record<string, unknown> | null } | null {
  const table = tx.get<{ name: string } | undefined>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('backup_runs', 'backups') ORDER BY name`);
  if (!table) return null;
  const record = tx.get<Record<string, unknown> | undefined>(sql`SELECT * FROM ${sql.identifier(table.name)} ORDER BY rowid DESC LIMIT 1`);
  return { table: table.name, record: record ?? null };
}

/** Files what the console knows of backups today; feeds on a backup register once one exists. */
export function collectBackups({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  return fileReport(ctx, store, backupsSpec, (tx) => {
    const environments = tx
      .select({ reference: hostingRequests.reference, ministry: ministries.code, environment: hostingRequests.environmentName, state: hostingRequests.state, classification: hostingRequests.classification, policy: hostingRequests.backupPolicy, retentionDays: hostingRequests.backupRetentionDays })
      .from(hostingRequests)
      .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
      .where(inArray(hostingRequests.state, [...bookedStates]))
      .orderBy(asc(ministries.code), asc(hostingRequests.environmentName))
      .all();
    const byPolicy: Record<string, number> = {};
    for (const e of environments) byPolicy[e.policy] = (byPolicy[e.policy] ?? 0) + 1;
    const register = latestBackupRecord(tx);
    const volumes = latestRunResults(tx, 'A.8.13');
    const executions =
      register === null
        ? "la console ne tient pas encore de registre des exécutions de sauvegarde : aucune exécution n'est attestée ici"
        : register.record === null
          ? `le registre ${register.table} ne contient encore aucune exécution`
          : `dernière exécution enregistrée dans ${register.table}`;
    const summary =
      `${environments.length} environnement(s) en service : ${Object.entries(byPolicy).map(([p, n]) => `${n} « ${p} »`).join(', ') || 'aucun'} ; ` +
      `${volumes.run === null ? 'aucune analyse de conformité des volumes' : `${volumes.byStatus.non_compliant ?? 0} volume(s) non conforme(s) à la dernière analyse`} ; ${executions}.`;
    return {
      summary,
      metadata: { environments: environments.length, byPolicy, register: register?.table ?? null, volumesRunId: volumes.run?.id ?? null },
      body: {
        declaredPolicies: { totals: byPolicy, environments },
        volumeRule: { policyRun: volumes.run, rules: volumes.rules, totals: volumes.byStatus, results: volumes.results },
        executions: register === null ? { register: null, latest: null, note: 'aucun registre des sauvegardes dans la base de la console' } : { register: register.table, latest: register.record },
      },
      // The same policies, volume results and latest execution: the same evidence, whichever run checked it.
      normalized: {
        declaredPolicies: { totals: byPolicy, environments },
        volumeRule: { analysed: volumes.run !== null, rules: volumes.rules, totals: volumes.byStatus, results: volumes.results },
        executions: register === null ? null : { register: register.table, latest: register.record },
      },
    };
  });
}
