/**
 * French display names for the catalogue's closed label sets. Typed as complete records, so a
 * value added to the catalogue without a French name fails the type check.
 */
import type {
  CONTROL_STATUSES,
  EVIDENCE_FRESHNESS,
  FINDING_GRADES,
  HOSTING_REQUEST_STATES,
  POLICY_SEVERITIES,
  POLICY_STATUSES,
} from '../console/metrics/catalogue.js';

type Names<T extends readonly string[]> = Readonly<Record<T[number], string>>;

export const hostingStateFr: Names<typeof HOSTING_REQUEST_STATES> = {
  draft: 'Brouillon',
  submitted: 'Soumise',
  changes_requested: 'Modifications demandées',
  approved: 'Approuvée',
  rejected: 'Rejetée',
  provisioning: 'En provisionnement',
  active: 'Active',
  decommissioning: 'Retrait en cours',
  decommission_requested: 'Retrait demandé',
  decommissioned: 'Retirée',
};

export const controlStatusFr: Names<typeof CONTROL_STATUSES> = {
  implemented: 'Mis en œuvre',
  partially_implemented: 'Partiellement mis en œuvre',
  planned: 'Planifié',
  not_started: 'Non commencé',
  not_applicable: 'Non applicable',
};

export const evidenceFreshnessFr: Names<typeof EVIDENCE_FRESHNESS> = {
  current: 'À jour',
  expiring: 'Expire sous 30 jours',
  expired: 'Expirée',
};

export const findingGradeFr: Names<typeof FINDING_GRADES> = {
  major: 'Non-conformité majeure',
  minor: 'Non-conformité mineure',
  observation: 'Observation',
  opportunity: "Piste d'amélioration",
};

export const policySeverityFr: Names<typeof POLICY_SEVERITIES> = {
  critical: 'Critique',
  high: 'Élevée',
  medium: 'Moyenne',
  low: 'Faible',
};

export const policyStatusFr: Names<typeof POLICY_STATUSES> = {
  compliant: 'Conforme',
  non_compliant: 'Non conforme',
  not_applicable: 'Non applicable',
  suppressed: 'Exemptée',
};
