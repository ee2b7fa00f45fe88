/**
 * Alerts on tenancy capacity: ministry quotas and power-feed N+1 redundancy.
 */
import { m } from '../../promql.js';
import { QUOTA_WARNING_RATIO } from '../thresholds.js';
import type { AlertRule, RuleGroup } from '../types.js';

export const capacityAlerts: RuleGroup<AlertRule> = {
  name: 'dcops.capacity',
  rules: [
    {
      alert: 'DcopsMinistryQuotaNearlyExhausted',
      expr: `${m['ministry_resource:dcops_ministry_quota_used:ratio'].sel()} > ${QUOTA_WARNING_RATIO}`,
      for: '15m',
      severity: 'warning',
      summary: 'Le ministère {{ $labels.ministry }} approche de son quota ({{ $labels.resource }})',
      description: `Le ministère {{ $labels.ministry }} a réservé {{ $value | humanizePercentage }} de son quota {{ $labels.resource }} (seuil ${QUOTA_WARNING_RATIO * 100} %). Ses prochaines demandes risquent d'être refusées.`,
    },
    {
      alert: 'DcopsPowerFeedWithoutN1Headroom',
      expr: `${m.dcops_power_feed_n1_headroom.sel()} < 0`,
      for: '15m',
      severity: 'warning',
      summary: 'La voie électrique {{ $labels.power_feed }} n\'a plus de marge N+1 ({{ $labels.resource }})',
      description:
        'La marge N+1 de la voie {{ $labels.power_feed }} est de {{ $value | humanize }} ({{ $labels.resource }}) : si son plus gros hôte tombait, ses réservations ne pourraient pas toutes être replacées sur les autres hôtes de la voie.',
    },
  ],
};
