/** The facility model as stored, and what the analysis needs from the rest of the console. */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AnalysisInput, type Component, type Environment, type Facility } from '../../../facility/index.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { dcimComponents, dcimReadings, dcimSweeps, hostingRequests, hosts, ministries, placements } from '../../db/schema/index.js';
import { bookedStates } from '../hosting-requests/state-machine.js';

type Reader = Db | Tx;
type Row = typeof dcimComponents.$inferSelect;

/**
 * A stored row as the model's component. Rows are written only from components the schema and
 * the model check accepted, so they are not parsed again: the model is read on every approval,
 * sweep and page, and parsing thousands of rows each time would dominate them.
 */
export function componentOf(r: Row): Component {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    parent: r.parentId,
    inputs: r.inputs,
    inputMode: r.inputMode,
    ratingW: r.ratingW,
    drawW: r.drawW,
    modules: r.modules,
    redundantModules: r.redundantModules,
    heightU: r.heightU,
    positionU: r.positionU,
    areaM2: r.areaM2,
    hostName: r.hostName,
  };
}

export function rowOf(c: Component, position: number, at: string, createdAt = at): Row {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    parentId: c.parent,
    inputs: c.inputs,
    inputMode: c.inputMode,
    ratingW: c.ratingW,
    drawW: c.drawW,
    modules: c.modules,
    redundantModules: c.redundantModules,
    heightU: c.heightU,
    positionU: c.positionU,
    areaM2: c.areaM2,
    hostName: c.hostName,
    position,
    createdAt,
    updatedAt: at,
  };
}

export function loadFacility(db: Reader): Facility {
  const rows = db.select().from(dcimComponents).orderBy(asc(dcimComponents.position)).all();
  return { components: rows.map(componentOf) };
}

/**
 * Latest value of each (component, metric), with when it was measured (of one metric when
 * given). One ordered pass over the readings: the meters report every few minutes, so the table
 * grows fast and a per-row lookup would not keep up.
 */
export function latestReadings(db: Reader, metric?: string): Map<string, { value: number; measuredAt: string }> {
  const rows = db.all<{ componentId: string; metric: string; value: number; measuredAt: string }>(sql`
    select component_id as componentId, metric, value, measured_at as measuredAt from (
      select component_id, metric, value, measured_at,
             row_number() over (partition by component_id, metric order by measured_at desc, id desc) as n
      from ${dcimReadings}
      ${metric === undefined ? sql`` : sql`where ${dcimReadings.metric} = ${metric}`}
    ) where n = 1`);
  return new Map(rows.map((r) => [`${r.componentId}\u0000${r.metric}`, { value: r.value, measuredAt: r.measuredAt }]));
}

export const readingKey = (componentId: string, metric: string) => `${componentId}\u0000${metric}`;

/**
 * What the analysis takes: the model, each host's draw — planned from what is booked on it
 * (idle draw plus its share of the nameplate by vCPU booked) or measured, whichever is higher —
 * and the booked environments with the host of every replica.
 */
export function analysisInputOf(db: Reader, facility: Facility): AnalysisInput {
  const consoleHosts = db.select().from(hosts).all();
  const booked = new Map(
    db
      .select({ hostId: placements.hostId, vcpu: sql<number>`sum(${placements.vcpu})` })
      .from(placements)
      .groupBy(placements.hostId)
      .all()
      .map((r) => [r.hostId, r.vcpu]),
  );
  const byName = new Map(consoleHosts.map((h) => [h.name, h]));
  const componentOfHost = new Map<string, string>();
  const readings = latestReadings(db, 'power_w');
  const hostDrawW = new Map<string, number>();
  for (const c of facility.components) {
    if (c.kind !== 'host') continue;
    const measured = readings.get(readingKey(c.id, 'power_w'))?.value;
    const h = c.hostName ? byName.get(c.hostName) : undefined;
    let planned = c.ratingW ?? 0;
    if (h) {
      componentOfHost.set(h.id, c.id);
      const idle = c.drawW ?? 0;
      const share = h.vcpu > 0 ? Math.min(1, (booked.get(h.id) ?? 0) / h.vcpu) : 1;
      planned = idle + ((c.ratingW ?? idle) - idle) * share;
    }
    hostDrawW.set(c.id, Math.max(planned, measured ?? 0));
  }
  return { facility, hostDrawW, environments: bookedEnvironments(db, componentOfHost) };
}

export function bookedEnvironments(db: Reader, componentOfHost: ReadonlyMap<string, string>): Environment[] {
  const rows = db
    .select({
      id: hostingRequests.id,
      env: hostingRequests.environmentName,
      ministry: ministries.code,
      availability: hostingRequests.availability,
      service: placements.serviceName,
      hostId: placements.hostId,
      hostName: hosts.name,
    })
    .from(placements)
    .innerJoin(hostingRequests, eq(hostingRequests.id, placements.requestId))
    .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
    .innerJoin(hosts, eq(hosts.id, placements.hostId))
    .where(inArray(hostingRequests.state, [...bookedStates]))
    .orderBy(asc(ministries.code), asc(hostingRequests.environmentName), asc(placements.serviceName), asc(placements.replica))
    .all();
  const envs = new Map<string, Environment>();
  for (const r of rows) {
    let e = envs.get(r.id);
    if (!e) envs.set(r.id, (e = { id: r.id, name: `${r.ministry}/${r.env}`, availability: r.availability, replicas: [] }));
    // A replica on a host the model lacks keeps a name the model cannot match: it reads as unmodelled.
    e.replicas.push({ service: r.service, host: componentOfHost.get(r.hostId) ?? `console-host:${r.hostName}` });
  }
  return [...envs.values()];
}

export function latestSweepRow(db: Reader) {
  // Insertion order breaks ties: two sweeps can share a timestamp.
  return db.select().from(dcimSweeps).orderBy(desc(dcimSweeps.at), desc(sql`rowid`)).limit(1).get();
}
