/**
 * Readings from the facility's meters and sensors, sent through the API by a gateway holding an
 * operator token. Each batch is one write with one audit entry (the batch's count and hash).
 */
import { and, asc, gte, inArray } from 'drizzle-orm';
import type { RecordReadingsInput } from '../../api/dcim-schemas.js';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { readingMetrics, type ComponentKind } from '../../../facility/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { dcimComponents, dcimReadings } from '../../db/schema/index.js';
import { InvalidInput, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { recordSweepTx } from './sweep.js';


/** Which metric a component of each kind can report. */
export const metricKinds: Record<(typeof readingMetrics)[number], readonly ComponentKind[]> = {
  power_w: ['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'host', 'cooling', 'rack'],
  inlet_temperature_c: ['rack', 'room'],
  facility_energy_kwh: ['site', 'utility'],
  it_energy_kwh: ['ups', 'panel', 'feed', 'pdu', 'host'],
};

/** A reading may be at most this far in the future (meter clocks drift a little). */
const FUTURE_SLACK_MS = 5 * 60_000;

export function recordReadings({ ctx, input }: { ctx: ServiceContext; input: RecordReadingsInput }): { accepted: number; sweepId: string | null } {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const ids = [...new Set(input.readings.map((r) => r.componentId))];
    const kinds = new Map(tx.select({ id: dcimComponents.id, kind: dcimComponents.kind }).from(dcimComponents).where(inArray(dcimComponents.id, ids)).all().map((r) => [r.id, r.kind]));
    const errors: FieldError[] = [];
    input.readings.forEach((r, i) => {
      const kind = kinds.get(r.componentId);
      if (!kind) errors.push({ pointer: `/readings/${i}/componentId`, field: `readings.${i}.componentId`, message: `no component ${r.componentId}` });
      else if (!metricKinds[r.metric].includes(kind)) errors.push({ pointer: `/readings/${i}/metric`, field: `readings.${i}.metric`, message: `a ${kind} does not report ${r.metric}` });
      if (r.metric !== 'inlet_temperature_c' && r.value < 0) errors.push({ pointer: `/readings/${i}/value`, field: `readings.${i}.value`, message: 'cannot be negative' });
      if (r.metric === 'inlet_temperature_c' && (r.value < -20 || r.value > 80)) errors.push({ pointer: `/readings/${i}/value`, field: `readings.${i}.value`, message: 'an inlet temperature between -20 and 80 °C' });
      if (r.measuredAt && Date.parse(r.measuredAt) > now.getTime() + FUTURE_SLACK_MS) errors.push({ pointer: `/readings/${i}/measuredAt`, field: `readings.${i}.measuredAt`, message: 'in the future' });
    });
    if (errors.length > 0) throw new InvalidInput(errors);
    const rows = input.readings.map((r) => ({ componentId: r.componentId, metric: r.metric, value: r.value, measuredAt: r.measuredAt ? new Date(r.measuredAt).toISOString() : at, receivedAt: at, receivedBy: ctx.actor.email }));
    for (let i = 0; i < rows.length; i += 500) tx.insert(dcimReadings).values(rows.slice(i, i + 500)).run();
    audit({ at, action: 'dcim.readings', entity: 'dcim-readings', entityId: at, after: { count: rows.length, sha256: sha256Hex(canonicalJson(rows)) } });
    // A server's measured draw counts in the analysis when it exceeds the planned one: such a
    // reading can make a path overload, so the sweep reruns (and is recorded only if its outcome moved).
    const hostPower = input.readings.some((r) => r.metric === 'power_w' && kinds.get(r.componentId) === 'host');
    const sweep = hostPower ? recordSweepTx(tx, audit, ctx, 'readings', { onlyIfChanged: true }) : null;
    return { accepted: rows.length, sweepId: sweep?.id ?? null };
  });
}

/** First and last reading of each energy meter since `since`. */
export function energyMeters(db: Db, since: string) {
  const rows = db
    .select({ componentId: dcimReadings.componentId, metric: dcimReadings.metric, value: dcimReadings.value, measuredAt: dcimReadings.measuredAt })
    .from(dcimReadings)
    .where(and(inArray(dcimReadings.metric, ['facility_energy_kwh', 'it_energy_kwh']), gte(dcimReadings.measuredAt, since)))
    .orderBy(asc(dcimReadings.measuredAt))
    .all();
  const meters = new Map<string, { componentId: string; metric: string; first: { value: number; at: string }; last: { value: number; at: string } }>();
  for (const r of rows) {
    const k = `${r.componentId}\u0000${r.metric}`;
    const m = meters.get(k);
    if (!m) meters.set(k, { componentId: r.componentId, metric: r.metric, first: { value: r.value, at: r.measuredAt }, last: { value: r.value, at: r.measuredAt } });
    else m.last = { value: r.value, at: r.measuredAt };
  }
  return [...meters.values()];
}
