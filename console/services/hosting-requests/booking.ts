/**
 * Quota and capacity booking at approval. Runs inside the approval transaction, so the numbers
 * it reads cannot change before the booking commits: quota is never double-booked.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { powerHeadroom } from '../../../facility/index.js';
import { placeReplicas, type PlacementHost, type PowerBudget, type Usage } from '../../../infra/placement.js';
import { serviceFootprint } from '../../../infra/spec.js';
import type { Tx } from '../../context.js';
import { hostingRequests, hosts, ministries, placements, requestServices } from '../../db/schema/index.js';
import { CapacityExceeded, NotFound, QuotaExceeded, type Shortfall } from '../../errors.js';
import { analysisInputOf, loadFacility } from '../dcim/read-model.js';
import type { RequestRow, ServiceRow } from './read-model.js';
import { bookedStates } from './state-machine.js';

export interface MinistryUsage {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  environments: number;
}

export function ministryUsage(tx: Tx, ministryId: string): MinistryUsage {
  const row = tx
    .select({
      vcpu: sql<number>`coalesce(sum(${requestServices.vcpu} * ${requestServices.replicas}), 0)`,
      memoryMb: sql<number>`coalesce(sum(${requestServices.memoryMb} * ${requestServices.replicas}), 0)`,
      storageGb: sql<number>`coalesce(sum(${requestServices.storageGb} * ${requestServices.replicas}), 0)`,
      environments: sql<number>`count(distinct ${hostingRequests.id})`,
    })
    .from(hostingRequests)
    .innerJoin(requestServices, eq(requestServices.requestId, hostingRequests.id))
    .where(and(eq(hostingRequests.ministryId, ministryId), inArray(hostingRequests.state, [...bookedStates])))
    .get();
  return row ?? { vcpu: 0, memoryMb: 0, storageGb: 0, environments: 0 };
}

export function hostUsage(tx: Tx): Map<string, Usage> {
  const rows = tx
    .select({
      hostId: placements.hostId,
      vcpu: sql<number>`sum(${placements.vcpu})`,
      memoryMb: sql<number>`sum(${placements.memoryMb})`,
      storageGb: sql<number>`sum(${placements.storageGb})`,
    })
    .from(placements)
    .groupBy(placements.hostId)
    .all();
  return new Map(rows.map((r) => [r.hostId, { vcpu: r.vcpu, memoryMb: r.memoryMb, storageGb: r.storageGb }]));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function checkQuota(tx: Tx, request: RequestRow, services: ServiceRow[]): void {
  const ministry = tx.select().from(ministries).where(eq(ministries.id, request.ministryId)).get();
  if (!ministry) throw new NotFound('ministry', request.ministryId);
  const used = ministryUsage(tx, ministry.id);
  const need = serviceFootprint(services);
  const lines: [string, string, number, number, number][] = [
    ['vcpu', 'vCPU', need.vcpu, ministry.quotaVcpu, used.vcpu],
    ['memoryMb', 'MiB', need.memoryMb, ministry.quotaMemoryMb, used.memoryMb],
    ['storageGb', 'GiB', need.storageGb, ministry.quotaStorageGb, used.storageGb],
    ['environments', 'environments', 1, ministry.quotaEnvironments, used.environments],
  ];
  const shortfall: Shortfall[] = [];
  for (const [resource, unit, requested, quota, booked] of lines) {
    const available = round(Math.max(0, quota - booked));
    if (requested > available + 1e-9) shortfall.push({ resource, unit, requested: round(requested), available, missing: round(requested - available) });
  }
  if (shortfall.length > 0) throw new QuotaExceeded(ministry.code, shortfall);
}

/** Places every replica and records the placements; refuses with the reason when it cannot. */
export function bookPlacements(tx: Tx, request: RequestRow, services: ServiceRow[]): void {
  const site = tx.select().from(hosts).where(eq(hosts.schedulable, true)).orderBy(asc(hosts.name)).all();
  const usedById = hostUsage(tx);
  const used = new Map<string, Usage>();
  for (const h of site) {
    const u = usedById.get(h.id);
    if (u) used.set(h.name, u);
  }
  const { hosts: placementHosts, power } = facilityConstraints(tx, site);
  const result = placeReplicas({ hosts: placementHosts, used, services, availability: request.availability, power });
  if (!result.ok) {
    const free = site.map((h) => {
      const u = used.get(h.name);
      return {
        host: h.name,
        powerFeed: h.powerFeed,
        vcpu: round(h.vcpu - (u?.vcpu ?? 0)),
        memoryMb: h.memoryMb - (u?.memoryMb ?? 0),
        storageGb: h.storageGb - (u?.storageGb ?? 0),
      };
    });
    throw new CapacityExceeded(`the site cannot place this request: ${result.reason}`, {
      service: result.service,
      replica: result.replica,
      reason: result.reason,
      hostsFree: free,
    });
  }
  const byName = new Map(site.map((h) => [h.name, h.id]));
  const byService = new Map(services.map((s) => [s.name, s]));
  tx.insert(placements)
    .values(
      result.placements.map((p) => {
        const s = byService.get(p.service)!;
        return { requestId: request.id, serviceName: p.service, replica: p.replica, hostId: byName.get(p.host)!, vcpu: s.vcpu, memoryMb: s.memoryMb, storageGb: s.storageGb };
      }),
    )
    .run();
}

/**
 * What the facility model adds to placement: each host's rack, and the power headroom of its
 * rack and power path at their worst after a single failure. Without a model, nothing.
 */
function facilityConstraints(tx: Tx, site: (typeof hosts.$inferSelect)[]): { hosts: PlacementHost[]; power: PowerBudget | undefined } {
  const facility = loadFacility(tx);
  if (facility.components.length === 0) return { hosts: site, power: undefined };
  const headroom = powerHeadroom(analysisInputOf(tx, facility));
  const byHostName = new Map(facility.components.filter((c) => c.kind === 'host' && c.hostName !== null).map((c) => [c.hostName!, c]));
  const wattsPerVcpu = new Map<string, number>();
  const constraintsOf = new Map<string, readonly string[]>();
  const placementHosts = site.map((h) => {
    const c = byHostName.get(h.name);
    if (!c) return h;
    wattsPerVcpu.set(h.name, h.vcpu > 0 ? Math.max(0, (c.ratingW ?? 0) - (c.drawW ?? 0)) / h.vcpu : 0);
    constraintsOf.set(h.name, headroom.constraintsOf.get(c.id) ?? []);
    return { ...h, rack: headroom.rackOf.get(c.id) };
  });
  return { hosts: placementHosts, power: { wattsPerVcpu, constraintsOf, headroomW: headroom.headroomW } };
}

export function releasePlacements(tx: Tx, requestId: string): number {
  return tx.delete(placements).where(eq(placements.requestId, requestId)).run().changes;
}
