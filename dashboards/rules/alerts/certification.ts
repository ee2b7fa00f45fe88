/**
 * Alerts on certification readiness: evidence freshness and readiness per framework.
 */
import { EVIDENCE_EXPIRY_WARNING_DAYS } from '../../../console/metrics/catalogue.js';
import { m } from '../../promql.js';
import { READINESS_DROP_RATIO, READINESS_TARGET_RATIO } from '../thresholds.js';
import type { AlertRule, RuleGroup } from '../types.js';

const evidence = m.dcops_evidence_items;
const readiness = m.dcops_certification_readiness_ratio;
const overdue = m.dcops_corrective_actions_overdue;

export const certificationAlerts: RuleGroup<AlertRule> = {
  name: 'dcops.certification',
  rules: [
    {
      alert: 'DcopsEvidenceExpiringSoon',
      expr: `${evidence.sum({ by: ['framework'], where: { freshness: 'expiring' } })} > 0`,
      for: '1h',
      severity: 'info',
      summary: 'Des preuves du référentiel {{ $labels.framework }} expirent bientôt',
      description: `{{ $value }} preuve(s) du référentiel {{ $labels.framework }} expirent dans les ${EVIDENCE_EXPIRY_WARNING_DAYS} jours. Renouvelez-les avant leur expiration pour ne pas faire baisser le taux de préparation.`,
    },
    {
      alert: 'DcopsEvidenceExpired',
      expr: `${evidence.sum({ by: ['framework'], where: { freshness: 'expired' } })} > 0`,
      for: '15m',
      severity: 'warning',
      summary: 'Des preuves du référentiel {{ $labels.framework }} ont expiré',
      description:
        '{{ $value }} preuve(s) du référentiel {{ $labels.framework }} ont expiré : les contrôles qu\'elles justifient ne comptent plus comme prêts.',
    },
    {
      alert: 'DcopsCorrectiveActionOverdue',
      expr: `${overdue.sum({ by: ['grade'] })} > 0`,
      for: '1h',
      severity: 'warning',
      summary: 'Des actions correctives de constats {{ $labels.grade }} ont dépassé leur échéance',
      description:
        '{{ $value }} action(s) corrective(s) de constats de gravité {{ $labels.grade }} ne sont ni réalisées ni annulées après leur date d\'échéance (ISO/IEC 27001 10.2).',
    },
    {
      alert: 'DcopsCertificationReadinessDropped',
      // Offset rather than delta(): an exact comparison with the value one day earlier.
      expr: `(${readiness.sel()} offset 1d) - ${readiness.sel()} > ${READINESS_DROP_RATIO}`,
      for: '15m',
      severity: 'warning',
      summary: 'Le taux de préparation de {{ $labels.framework }} a baissé sur 24 h',
      description:
        'Le taux de préparation du référentiel {{ $labels.framework }} a perdu {{ $value | humanizePercentage }} en 24 h (preuves expirées, contrôle déclassé ou nouveau constat).',
    },
    {
      alert: 'DcopsCertificationReadinessBelowTarget',
      expr: `${readiness.sel()} < ${READINESS_TARGET_RATIO}`,
      for: '1h',
      severity: 'info',
      summary: 'Le référentiel {{ $labels.framework }} est sous l\'objectif de préparation',
      description: `Le taux de préparation du référentiel {{ $labels.framework }} est de {{ $value | humanizePercentage }}, sous l'objectif de ${READINESS_TARGET_RATIO * 100} %.`,
    },
  ],
};
