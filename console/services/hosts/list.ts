import { asc, eq, sql } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { hosts, placements } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { pageOf, wholeList, type Page } from '../paging.js';

type HostRow = typeof hosts.$inferSelect;
interface Used {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  replicas: number;
}

export function hostAllocations(db: Db | Tx): Map<string, Used> {
  const rows = db
    .select({
      hostId: placements.hostId,
      vcpu: sql<number>`sum(${placements.vcpu})`,
      memoryMb: sql<number>`sum(${placements.memoryMb})`,
      storageGb: sql<number>`sum(${placements.storageGb})`,
      replicas: sql<number>`count(*)`,
    })
    .from(placements)
    .groupBy(placements.hostId)
    .all();
  return new Map(rows.map((r) => [r.hostId, r]));
}

export function hostView(h: HostRow, used: Used | undefined) {
  const u = used ?? { vcpu: 0, memoryMb: 0, storageGb: 0, replicas: 0 };
  return {
    id: h.id,
    name: h.name,
    dockerHost: h.dockerHost,
    powerFeed: h.powerFeed,
    zone: h.zone,
    schedulable: h.schedulable,
    capacity: { vcpu: h.vcpu, memoryMb: h.memoryMb, storageGb: h.storageGb },
    used: { vcpu: u.vcpu, memoryMb: u.memoryMb, storageGb: u.storageGb },
    replicas: u.replicas,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

export function listHosts({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const used = hostAllocations(ctx.db);
  const rows = ctx.db.select().from(hosts).orderBy(asc(hosts.name)).all();
  return pageOf(rows.map((h) => hostView(h, used.get(h.id))), input);
}

export function getHost({ ctx, input }: { ctx: ServiceContext; input: { name: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const h = ctx.db.select().from(hosts).where(eq(hosts.name, input.name)).get();
  if (!h) throw new NotFound('host', input.name);
  return hostView(h, hostAllocations(ctx.db).get(h.id));
}
