import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { hostingRequests, ministries, requestServices } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { ministryScope, requireRole } from '../access.js';
import { pageOf, wholeList, type Page } from '../paging.js';
import { bookedStates } from '../hosting-requests/state-machine.js';

type MinistryRow = typeof ministries.$inferSelect;
interface Allocation {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  environments: number;
}

/** What every ministry has booked, in one grouped query. */
export function allocations(db: Db | Tx): Map<string, Allocation> {
  const rows = db
    .select({
      ministryId: hostingRequests.ministryId,
      vcpu: sql<number>`coalesce(sum(${requestServices.vcpu} * ${requestServices.replicas}), 0)`,
      memoryMb: sql<number>`coalesce(sum(${requestServices.memoryMb} * ${requestServices.replicas}), 0)`,
      storageGb: sql<number>`coalesce(sum(${requestServices.storageGb} * ${requestServices.replicas}), 0)`,
      environments: sql<number>`count(distinct ${hostingRequests.id})`,
    })
    .from(hostingRequests)
    .innerJoin(requestServices, eq(requestServices.requestId, hostingRequests.id))
    .where(inArray(hostingRequests.state, [...bookedStates]))
    .groupBy(hostingRequests.ministryId)
    .all();
  return new Map(rows.map((r) => [r.ministryId, { vcpu: r.vcpu, memoryMb: r.memoryMb, storageGb: r.storageGb, environments: r.environments }]));
}

export function ministryView(m: MinistryRow, allocated: Allocation | undefined) {
  const a = allocated ?? { vcpu: 0, memoryMb: 0, storageGb: 0, environments: 0 };
  return {
    id: m.id,
    code: m.code,
    name: m.name,
    kind: m.kind,
    quotas: { vcpu: m.quotaVcpu, memoryMb: m.quotaMemoryMb, storageGb: m.quotaStorageGb, environments: m.quotaEnvironments },
    allocated: a,
    remaining: {
      vcpu: Math.round((m.quotaVcpu - a.vcpu) * 100) / 100,
      memoryMb: m.quotaMemoryMb - a.memoryMb,
      storageGb: m.quotaStorageGb - a.storageGb,
      environments: m.quotaEnvironments - a.environments,
    },
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export function listMinistries({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const scope = ministryScope(ctx.actor);
  const rows = ctx.db
    .select()
    .from(ministries)
    .where(scope === null ? undefined : eq(ministries.id, scope))
    .orderBy(asc(ministries.code))
    .all();
  const booked = allocations(ctx.db);
  return pageOf(rows.map((m) => ministryView(m, booked.get(m.id))), input);
}

export function getMinistry({ ctx, input }: { ctx: ServiceContext; input: { code: string } }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const m = ctx.db.select().from(ministries).where(eq(ministries.code, input.code)).get();
  const scope = ministryScope(ctx.actor);
  if (!m || (scope !== null && scope !== m.id)) throw new NotFound('ministry', input.code);
  return ministryView(m, allocations(ctx.db).get(m.id));
}
