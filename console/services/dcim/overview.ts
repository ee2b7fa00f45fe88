/**
 * The facility at a glance: per room its heat against its cooling, per rack its draw against
 * its budget, per power component its load (planned, worst after one failure, measured)
 * against its rating; PUE with its category; the last sweep.
 */
import { baseline, computePue, limitW, sweep, usableRatingW, type ComponentKind, type Pue } from '../../../facility/index.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { energyMeters } from './readings.js';
import { analysisInputOf, latestReadings, latestSweepRow, loadFacility, readingKey } from './read-model.js';
import type { SweepReport } from './sweep.js';

/** A reading older than this is stale (the alert uses the same figure). */
export const STALE_AFTER_SECONDS = 900;

export interface PowerLine {
  id: string;
  kind: ComponentKind;
  name: string;
  ratingW: number | null;
  limitW: number | null;
  loadW: number;
  worstW: number;
  measuredW: number | null;
  measuredAt: string | null;
}

export function facilityOverview({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  const facility = loadFacility(ctx.db);
  const input = analysisInputOf(ctx.db, facility);
  const base = baseline(input);
  const s = sweep(input);
  const readings = latestReadings(ctx.db);
  const reading = (id: string, metric: string) => readings.get(readingKey(id, metric)) ?? null;
  const byId = new Map(facility.components.map((c) => [c.id, c]));

  const rackHosts = new Map<string, { usedU: number; drawW: number }>();
  for (const c of facility.components) {
    if (c.parent === null) continue;
    const rack = byId.get(c.parent);
    if (rack?.kind !== 'rack') continue;
    const r = rackHosts.get(rack.id) ?? { usedU: 0, drawW: 0 };
    if (c.kind === 'host') r.usedU += c.heightU ?? 1;
    if (c.kind === 'host' || c.kind === 'pdu') r.drawW += c.kind === 'host' ? (input.hostDrawW?.get(c.id) ?? c.ratingW ?? 0) : (c.drawW ?? 0);
    rackHosts.set(rack.id, r);
  }
  const rooms = base.rooms.map((r) => {
    const c = byId.get(r.id)!;
    const inlet = facility.components
      .filter((x) => x.id === r.id || (x.kind === 'rack' && x.parent === r.id))
      .map((x) => reading(x.id, 'inlet_temperature_c'))
      .filter((x) => x !== null)
      .map((x) => x.value);
    return { ...r, name: c.name, areaM2: c.areaM2, units: facility.components.filter((x) => x.kind === 'cooling' && x.parent === r.id).length, inletMaxC: inlet.length > 0 ? Math.max(...inlet) : null };
  });
  const racks = facility.components
    .filter((c) => c.kind === 'rack')
    .map((c) => {
      const r = rackHosts.get(c.id) ?? { usedU: 0, drawW: 0 };
      const m = reading(c.id, 'power_w');
      return { id: c.id, name: c.name, room: c.parent, heightU: c.heightU, usedU: r.usedU, budgetW: c.ratingW ?? 0, loadW: r.drawW, measuredW: m?.value ?? null, inletC: reading(c.id, 'inlet_temperature_c')?.value ?? null };
    });
  const power: PowerLine[] = facility.components
    .filter((c) => ['utility', 'generator', 'ups', 'panel', 'feed', 'pdu'].includes(c.kind))
    .map((c) => {
      const m = reading(c.id, 'power_w');
      return { id: c.id, kind: c.kind, name: c.name, ratingW: usableRatingW(c), limitW: limitW(c), loadW: base.loads.get(c.id) ?? 0, worstW: s.worstW.get(c.id) ?? 0, measuredW: m?.value ?? null, measuredAt: m?.measuredAt ?? null };
    });
  const now = ctx.clock.now();
  const stale = [...readings].filter(([, r]) => (now.getTime() - Date.parse(r.measuredAt)) / 1000 > STALE_AFTER_SECONDS).map(([k, r]) => ({ componentId: k.split('\u0000')[0]!, metric: k.split('\u0000')[1]!, measuredAt: r.measuredAt }));
  const meters = energyMeters(ctx.db, new Date(now.getTime() - 365 * 86_400_000).toISOString());
  const kindOf = (id: string) => byId.get(id)?.kind ?? 'site';
  const pue: Pue | null = computePue(
    meters.filter((m) => m.metric === 'facility_energy_kwh').map((m) => ({ kind: kindOf(m.componentId), first: m.first, last: m.last })),
    meters.filter((m) => m.metric === 'it_energy_kwh').map((m) => ({ kind: kindOf(m.componentId), first: m.first, last: m.last })),
  );
  const last = latestSweepRow(ctx.db);
  return {
    components: facility.components.length,
    rooms,
    racks,
    power,
    pue,
    stale,
    baseline: { overloads: base.overloads, unpowered: base.unpowered, roomsOverCooling: base.roomsOverCooling, unmodelled: base.unmodelled },
    sweep: last ? (last.report as unknown as SweepReport) : null,
  };
}
export type FacilityOverview = ReturnType<typeof facilityOverview>;
