/** Certification work (readiness by review state, findings to closure, SoA, guidance, audit trail): French. */
export const certFr = {
  'cert.readinessDetail': 'Mises en œuvre : {implemented} sur {applicable} mesures applicables ; preuve acceptée en vigueur : {evidence} ; en attente de revue seulement : {pending} ; preuve expirée seulement : {expired}',
  'cert.review.accepted': 'Acceptée, en vigueur',
  'cert.review.pending': 'En attente de revue',
  'cert.review.expired': 'Expirée',
  'cert.review.none': 'Aucune preuve valable',
  'cert.col.reviewState': 'État de la preuve',
  'cert.col.acceptedVersion': 'Version qui compte',
  'cert.evidenceCounts': '{accepted} acceptée(s) · {pending} en attente · {expired} expirée(s)',
  'cert.openMajor': 'Constat majeur ouvert',
  'cert.openMajorCount': '{count} constat(s) majeur(s) ouvert(s)',
  'cert.newVersionAwaiting': 'v{version} en attente de revue',
  'cert.producedBy': 'Produite par {by}',
  'cert.rechecked': 'Revérifiée {count} fois sans changement, la dernière le {at} ({by})',
} as const satisfies Record<string, string>;
