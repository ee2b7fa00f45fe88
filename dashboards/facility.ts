/**
 * « Installation » : the facility's power per feed against its rating, room heat against cooling,
 * inlet temperatures, PUE with its category, readings gone stale, and the N-1 sweep's count.
 */
import { Celsius, NoUnit, PercentUnit, Seconds, Watt } from '@grafana/grafana-foundation-sdk/units';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { barGaugePanel, dashboard, finish, row, statPanel, steps, timeseriesPanel, type Steps } from './grafana.js';
import { m } from './promql.js';
import { FEED_CEILING_RATIO, READING_STALE_SECONDS } from './rules/alerts/facility.js';

export const FACILITY_DASHBOARD_UID = 'dcops-facility';

const ceilingSteps: Steps = ['green', [0.7, 'orange'], [FEED_CEILING_RATIO, 'red']];

export function facilityDashboard(): Dashboard {
  return finish(
    dashboard({
      uid: FACILITY_DASHBOARD_UID,
      title: 'Installation',
      description: 'Facility: measured power per feed and PDU against its rating (80 % ceiling), room heat against cooling capacity, inlet temperatures, PUE with its measurement category, stale readings and the N-1 sweep.',
      tags: ['installation'],
    })
      .withRow(row('Maintenabilité simultanée'))
      .withPanel(
        statPanel({
          title: 'Points uniques de défaillance',
          description: 'Single points of failure named by the last N-1 sweep (rerun on every change to the facility model or the placements).',
          queries: [{ expr: m.dcops_facility_single_points_of_failure.sel() }],
          unit: NoUnit,
          thresholds: steps.zeroIsGood,
          width: 8,
        }),
      )
      .withPanel(
        statPanel({
          title: 'PUE (catégorie de mesure)',
          description: 'Power usage effectiveness over the last twelve months of energy readings; the category (ISO/IEC 30134-2) says where IT energy is measured.',
          queries: [{ expr: m.dcops_facility_pue_ratio.sel(), legend: 'catégorie {{category}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          width: 8,
          text: 'both',
        }),
      )
      .withPanel(
        statPanel({
          title: 'Relevés périmés',
          description: `Readings older than ${READING_STALE_SECONDS / 60} minutes: what is shown for them is no longer measured.`,
          queries: [{ expr: `count(${m.dcops_facility_reading_age_seconds.sel()} > ${READING_STALE_SECONDS}) or vector(0)` }],
          unit: NoUnit,
          thresholds: steps.zeroIsGoodWarn,
          width: 8,
        }),
      )
      .withRow(row('Énergie'))
      .withPanel(
        barGaugePanel({
          title: 'Voies : charge mesurée sur calibre',
          description: `Measured power of each feed over its usable rating; above ${FEED_CEILING_RATIO * 100} % the other path could not take its load during maintenance.`,
          queries: [{ expr: `${m.dcops_facility_power_watts.sel({ kind: 'feed' })} / ${m.dcops_facility_power_rating_watts.sel({ kind: 'feed' })}`, legend: '{{component}}' }],
          unit: PercentUnit,
          thresholds: ceilingSteps,
          min: 0,
          max: 1,
        }),
      )
      .withPanel(
        barGaugePanel({
          title: 'PDU et onduleurs : charge mesurée sur calibre',
          description: 'Measured power of each PDU and UPS over its usable rating (a UPS without its redundant modules).',
          queries: [{ expr: `${m.dcops_facility_power_watts.sel({ kind: { re: 'pdu|ups' } })} / ${m.dcops_facility_power_rating_watts.sel({ kind: { re: 'pdu|ups' } })}`, legend: '{{component}}' }],
          unit: PercentUnit,
          thresholds: ceilingSteps,
          min: 0,
          max: 1,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Puissance mesurée par voie',
          description: 'Measured power of each feed, in watts.',
          queries: [{ expr: m.dcops_facility_power_watts.sel({ kind: 'feed' }), legend: '{{component}}' }],
          unit: Watt,
          thresholds: steps.neutral,
          width: 24,
        }),
      )
      .withRow(row('Froid'))
      .withPanel(
        timeseriesPanel({
          title: 'Salles : chaleur et froid',
          description: 'IT heat load and powered cooling capacity of each room; the gap must stay above the largest unit for N+1.',
          queries: [
            { expr: m.dcops_facility_heat_load_watts.sel(), legend: '{{room}} — chaleur' },
            { expr: m.dcops_facility_cooling_capacity_watts.sel(), legend: '{{room}} — froid' },
          ],
          unit: Watt,
          thresholds: steps.neutral,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Température d’entrée d’air',
          description: 'Latest inlet air temperature per rack or room, in degrees Celsius.',
          queries: [{ expr: m.dcops_facility_inlet_temperature_celsius.sel(), legend: '{{component}}' }],
          unit: Celsius,
          thresholds: steps.neutral,
        }),
      )
      .withPanel(
        barGaugePanel({
          title: 'Âge des relevés',
          description: 'Time since each latest reading was measured.',
          queries: [{ expr: m.dcops_facility_reading_age_seconds.sel(), legend: '{{component}} {{metric}}' }],
          unit: Seconds,
          thresholds: ['green', [READING_STALE_SECONDS, 'red']],
          width: 24,
        }),
      ),
  );
}
