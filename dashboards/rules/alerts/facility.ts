/**
 * Alerts on the facility: a feed above 80 % of its rating, a room whose cooling headroom is
 * below one unit, a reading gone stale, a single point of failure named by the N-1 sweep.
 */
import { m } from '../../promql.js';
import type { AlertRule, RuleGroup } from '../types.js';

/** The continuous-load ceiling of feeds (the facility model's UTILISATION_CEILING). */
export const FEED_CEILING_RATIO = 0.8;
/** A reading older than this is stale (the facility overview uses the same figure). */
export const READING_STALE_SECONDS = 900;

export const facilityAlerts: RuleGroup<AlertRule> = {
  name: 'dcops.facility',
  rules: [
    {
      alert: 'DcopsFacilityFeedOverCeiling',
      expr: `${m.dcops_facility_power_watts.sel({ kind: 'feed' })} / ${m.dcops_facility_power_rating_watts.sel({ kind: 'feed' })} > ${FEED_CEILING_RATIO}`,
      for: '5m',
      severity: 'critical',
      summary: 'La voie {{ $labels.component }} dépasse 80 % de son calibre',
      description: `La voie {{ $labels.component }} porte {{ $value | humanizePercentage }} de son calibre (plafond ${FEED_CEILING_RATIO * 100} %) : la perte de l’autre voie la mettrait hors calibre, et la maintenance n’est plus possible sans risque.`,
    },
    {
      alert: 'DcopsFacilityCoolingHeadroomBelowOneUnit',
      expr: `(${m.dcops_facility_cooling_capacity_watts.sel()} - ${m.dcops_facility_heat_load_watts.sel()}) < ${m.dcops_facility_cooling_largest_unit_watts.sel()}`,
      for: '15m',
      severity: 'warning',
      summary: 'La salle {{ $labels.room }} n’a plus une unité de froid de secours',
      description: 'La marge de froid de la salle {{ $labels.room }} est de {{ $value | humanize }}W, moins que sa plus grosse unité : la perte ou la maintenance d’une unité laisserait plus de chaleur que de froid.',
    },
    {
      alert: 'DcopsFacilityReadingStale',
      expr: `${m.dcops_facility_reading_age_seconds.sel()} > ${READING_STALE_SECONDS}`,
      for: '5m',
      severity: 'warning',
      summary: 'Plus de relevé {{ $labels.metric }} de {{ $labels.component }}',
      description: 'Le dernier relevé {{ $labels.metric }} de {{ $labels.component }} date de {{ $value | humanizeDuration }} : ce qui est affiché n’est plus mesuré.',
    },
    {
      alert: 'DcopsFacilitySinglePointOfFailure',
      expr: `${m.dcops_facility_single_points_of_failure.sel()} > 0`,
      for: '5m',
      severity: 'warning',
      summary: 'Le balayage N-1 nomme des points uniques de défaillance',
      description: 'Le dernier balayage N-1 de l’installation nomme {{ $value }} composant(s) dont l’arrêt arrêterait un environnement à haute disponibilité ou surchargerait le chemin restant : la maintenabilité simultanée (TIA-942 Rating 3) n’est pas tenue.',
    },
  ],
};
