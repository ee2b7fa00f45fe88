import { and, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { ListRequestsQuery } from '../../api/schemas.js';
import type { ServiceContext } from '../../context.js';
import { hostingRequests, ministries, requestServices } from '../../db/schema/index.js';
import { ministryScope, requireRole } from '../access.js';
import { summaryView } from './read-model.js';

/** A page of requests, newest first, in two queries whatever the page size. */
export function listHostingRequests({ ctx, input }: { ctx: ServiceContext; input: ListRequestsQuery }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const where: (SQL | undefined)[] = [];
  const scope = ministryScope(ctx.actor);
  if (scope !== null) where.push(eq(hostingRequests.ministryId, scope));
  if (input.state) where.push(eq(hostingRequests.state, input.state));
  if (input.ministry) where.push(eq(ministries.code, input.ministry));
  if (input.classification) where.push(eq(hostingRequests.classification, input.classification));
  if (input.exposure) where.push(eq(hostingRequests.exposure, input.exposure));
  if (input.q) where.push(like(hostingRequests.environmentName, `%${input.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`));
  const condition = and(...where);

  const total =
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(hostingRequests)
      .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
      .where(condition)
      .get()?.n ?? 0;
  const rows = ctx.db
    .select({ request: hostingRequests, code: ministries.code, name: ministries.name })
    .from(hostingRequests)
    .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
    .where(condition)
    .orderBy(desc(hostingRequests.createdAt), desc(hostingRequests.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const ids = rows.map((r) => r.request.id);
  const services =
    ids.length === 0
      ? []
      : ctx.db
          .select({ requestId: requestServices.requestId, vcpu: requestServices.vcpu, memoryMb: requestServices.memoryMb, storageGb: requestServices.storageGb, replicas: requestServices.replicas })
          .from(requestServices)
          .where(inArray(requestServices.requestId, ids))
          .all();
  const byRequest = new Map<string, typeof services>();
  for (const s of services) {
    const list = byRequest.get(s.requestId);
    if (list) list.push(s);
    else byRequest.set(s.requestId, [s]);
  }
  return {
    items: rows.map((r) => summaryView(r.request, { code: r.code, name: r.name }, byRequest.get(r.request.id) ?? [])),
    total,
    limit: input.limit,
    offset: input.offset,
  };
}
