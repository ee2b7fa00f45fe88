import type { ServiceContext } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { fileReport, iso, pssie, type CollectorSpec } from './filing.js';
import { latestRunResults } from './latest-policy-run.js';

export const networkSegregationSpec: CollectorSpec = {
  source: 'network-segregation',
  key: 'tenant-isolation',
  title: { key: 'auto.title.networkSegregation' },
  description:
    'Résultats, lors de la dernière analyse de conformité de l’infrastructure, des règles de cloisonnement réseau ' +
    '(réseaux de ministère internes, conteneurs sur les seuls réseaux de leur ministère, pas de réseau hôte, ports liés à ' +
    'une interface) : ressource par ressource, avec les exceptions approuvées.',
  controls: [iso('A.8.22'), pssie('RESX-02')],
  validityDays: 31,
};

/** Files the isolation rules' results of the latest policy run, or that there has been none yet. */
export function collectNetworkSegregation({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  return fileReport(ctx, store, networkSegregationSpec, (tx) => {
    const { rules, run, results, byStatus } = latestRunResults(tx, 'A.8.22');
    const failing = byStatus.non_compliant ?? 0;
    const summary =
      run === null
        ? "Aucune analyse de conformité n'a encore été exécutée : le cloisonnement réseau n'a pas pu être constaté."
        : `Analyse du ${run.at.slice(0, 10)} (${run.id}) : ${results.length} résultat(s) sur ${rules.length} règle(s) de cloisonnement ; ` +
          `${byStatus.compliant ?? 0} conforme(s), ${failing} non conforme(s), ${byStatus.suppressed ?? 0} sous exception.`;
    return {
      summary,
      metadata: { runId: run?.id ?? null, runAt: run?.at ?? null, reportSha256: run?.reportSha256 ?? null, byStatus, rules: rules.map((r) => r.id) },
      body: { policyRun: run, rules, totals: byStatus, results },
      // Which run found them is the re-check's, not a change: a daily run that finds the same
      // results leaves the current version standing.
      normalized: { analysed: run !== null, rules, totals: byStatus, results },
    };
  });
}
