import { m } from '../../promql.js';
import { target } from './target.js';
import type { AlertTest } from './types.js';

export const facilityTests: readonly AlertTest[] = [
  {
    name: 'feed A above 80 % of its rating, feed B below; a PDU above 80 % is not a feed',
    series: [
      { series: m.dcops_facility_power_watts.sel({ ...target, component: 's1-voie-a', kind: 'feed' }), values: '170000x30' },
      { series: m.dcops_facility_power_rating_watts.sel({ ...target, component: 's1-voie-a', kind: 'feed' }), values: '200000x30' },
      { series: m.dcops_facility_power_watts.sel({ ...target, component: 's1-voie-b', kind: 'feed' }), values: '100000x30' },
      { series: m.dcops_facility_power_rating_watts.sel({ ...target, component: 's1-voie-b', kind: 'feed' }), values: '200000x30' },
      { series: m.dcops_facility_power_watts.sel({ ...target, component: 's1-r01-pdu-a', kind: 'pdu' }), values: '20000x30' },
      { series: m.dcops_facility_power_rating_watts.sel({ ...target, component: 's1-r01-pdu-a', kind: 'pdu' }), values: '22000x30' },
    ],
    checks: [
      { at: '3m', alert: 'DcopsFacilityFeedOverCeiling', firing: [] },
      { at: '10m', alert: 'DcopsFacilityFeedOverCeiling', firing: [{ labels: { ...target, component: 's1-voie-a', kind: 'feed' }, value: '85%' }] },
    ],
  },
  {
    name: 'room 2 keeps less headroom than its largest cooling unit, room 1 more',
    series: [
      { series: m.dcops_facility_cooling_capacity_watts.sel({ ...target, room: 'salle-1' }), values: '300000x30' },
      { series: m.dcops_facility_heat_load_watts.sel({ ...target, room: 'salle-1' }), values: '130000x30' },
      { series: m.dcops_facility_cooling_largest_unit_watts.sel({ ...target, room: 'salle-1' }), values: '100000x30' },
      { series: m.dcops_facility_cooling_capacity_watts.sel({ ...target, room: 'salle-2' }), values: '240000x30' },
      { series: m.dcops_facility_heat_load_watts.sel({ ...target, room: 'salle-2' }), values: '180000x30' },
      { series: m.dcops_facility_cooling_largest_unit_watts.sel({ ...target, room: 'salle-2' }), values: '80000x30' },
    ],
    checks: [
      { at: '10m', alert: 'DcopsFacilityCoolingHeadroomBelowOneUnit', firing: [] },
      { at: '20m', alert: 'DcopsFacilityCoolingHeadroomBelowOneUnit', firing: [{ labels: { ...target, room: 'salle-2' }, value: '60k' }] },
    ],
  },
  {
    name: 'a reading gone stale, another fresh',
    series: [
      { series: m.dcops_facility_reading_age_seconds.sel({ ...target, component: 's1-voie-a', metric: 'power_w' }), values: '1200+60x30' },
      { series: m.dcops_facility_reading_age_seconds.sel({ ...target, component: 's1-r01', metric: 'inlet_temperature_c' }), values: '30x30' },
    ],
    checks: [
      { at: '3m', alert: 'DcopsFacilityReadingStale', firing: [] },
      { at: '10m', alert: 'DcopsFacilityReadingStale', firing: [{ labels: { ...target, component: 's1-voie-a', metric: 'power_w' }, value: '30m 0s' }] },
    ],
  },
  {
    name: 'the N-1 sweep names a single point of failure',
    series: [{ series: m.dcops_facility_single_points_of_failure.sel(target), values: '0x10 1x20' }],
    checks: [
      { at: '5m', alert: 'DcopsFacilitySinglePointOfFailure', firing: [] },
      { at: '20m', alert: 'DcopsFacilitySinglePointOfFailure', firing: [{ labels: target, value: '1' }] },
    ],
  },
];
