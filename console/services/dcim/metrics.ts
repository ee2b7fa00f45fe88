/**
 * What the facility exports as metrics, read at scrape time: ratings and latest readings per
 * component, room heat against cooling, PUE with its category, the last sweep's count.
 */
import { baseline, computePue, usableRatingW } from '../../../facility/index.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import type { DomainSnapshot } from '../../metrics/snapshot.js';
import { energyMeters } from './readings.js';
import { analysisInputOf, latestReadings, latestSweepRow, loadFacility } from './read-model.js';

const powerKinds = new Set(['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'rack', 'host', 'cooling'] as const);
type PowerKind = DomainSnapshot['facility']['power'][number]['kind'];
type Metric = DomainSnapshot['facility']['readingAges'][number]['metric'];

export function facilityMetrics(db: Db, clock: Clock): DomainSnapshot['facility'] {
  const facility = loadFacility(db);
  if (facility.components.length === 0) return { power: [], inlet: [], readingAges: [], rooms: [], pue: null, singlePoints: null };
  const now = clock.now();
  const readings = latestReadings(db);
  const byId = new Map(facility.components.map((c) => [c.id, c]));
  const power = facility.components
    .filter((c) => (powerKinds as Set<string>).has(c.kind) && c.kind !== 'host')
    .map((c) => ({ component: c.id, kind: c.kind as PowerKind, ratingW: usableRatingW(c), measuredW: readings.get(`${c.id}\u0000power_w`)?.value ?? null }));
  const inlet: DomainSnapshot['facility']['inlet'] = [];
  const readingAges: DomainSnapshot['facility']['readingAges'] = [];
  for (const [key, r] of readings) {
    const [component, metric] = key.split('\u0000') as [string, Metric];
    if (!byId.has(component)) continue;
    if (metric === 'inlet_temperature_c') inlet.push({ component, celsius: r.value });
    readingAges.push({ component, metric, seconds: Math.max(0, (now.getTime() - Date.parse(r.measuredAt)) / 1000) });
  }
  const rooms = baseline(analysisInputOf(db, facility)).rooms.map((r) => ({ room: r.id, capacityW: r.capacityW, heatW: r.heatW, largestUnitW: r.largestUnitW }));
  const meters = energyMeters(db, new Date(now.getTime() - 365 * 86_400_000).toISOString());
  const kindOf = (id: string) => byId.get(id)?.kind ?? 'site';
  const pue = computePue(
    meters.filter((m) => m.metric === 'facility_energy_kwh').map((m) => ({ kind: kindOf(m.componentId), first: m.first, last: m.last })),
    meters.filter((m) => m.metric === 'it_energy_kwh').map((m) => ({ kind: kindOf(m.componentId), first: m.first, last: m.last })),
  );
  return {
    power,
    inlet,
    readingAges,
    rooms,
    pue: pue ? { category: String(pue.category) as '1' | '2' | '3', ratio: pue.value } : null,
    singlePoints: latestSweepRow(db)?.singlePoints ?? null,
  };
}
