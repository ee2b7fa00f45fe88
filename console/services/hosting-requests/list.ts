import { and, desc, eq, sql, type Column } from 'drizzle-orm';
import type { ListRequestsQuery } from '../../api/schemas.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { hostingRequests, ministries, requestServices } from '../../db/schema/index.js';
import { ministryScope, requireRole } from '../access.js';
import { summaryView } from './read-model.js';

type Filter = 'ministryId' | 'state' | 'classification' | 'exposure' | 'q';
const filterOrder: Filter[] = ['ministryId', 'state', 'classification', 'exposure', 'q'];

function footprintOf(column: Column) {
  return sql<number>`(select coalesce(sum(${column} * ${requestServices.replicas}), 0) from ${requestServices} where ${requestServices.requestId} = ${hostingRequests.id})`;
}

/**
 * Builds the two statements for one combination of filters. Statements are prepared once per
 * combination and database, because compiling SQL costs more than running these queries.
 */
function buildStatements(db: Db, filters: Filter[]) {
  const where = and(
    ...filters.map((f) =>
      f === 'q'
        ? sql`${hostingRequests.environmentName} like ${sql.placeholder('q')} escape '\\'`
        : eq(hostingRequests[f], sql.placeholder(f)),
    ),
  );
  const count = db.select({ n: sql<number>`count(*)` }).from(hostingRequests).where(where).prepare();
  const page = db
    .select({
      request: hostingRequests,
      code: ministries.code,
      name: ministries.name,
      vcpu: footprintOf(requestServices.vcpu),
      memoryMb: footprintOf(requestServices.memoryMb),
      storageGb: footprintOf(requestServices.storageGb),
    })
    .from(hostingRequests)
    .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
    .where(where)
    .orderBy(desc(hostingRequests.createdAt), desc(hostingRequests.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare();
  return { count, page };
}

const cache = new WeakMap<Db, Map<string, ReturnType<typeof buildStatements>>>();

function statementsFor(db: Db, filters: Filter[]) {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const key = filters.join(',');
  let s = perDb.get(key);
  if (!s) perDb.set(key, (s = buildStatements(db, filters)));
  return s;
}

/**
 * Identifies one answer of {@link listHostingRequests} for read caches: the same key always
 * means the same visible rows, whoever asks (checks the role first, like the verb).
 */
export function listCacheKey(actor: ServiceContext['actor'], input: ListRequestsQuery): string {
  requireRole(actor, 'requester', 'operator', 'auditor', 'admin');
  return JSON.stringify([ministryScope(actor), input.state, input.ministry, input.classification, input.exposure, input.q, input.limit, input.offset]);
}

/** A page of requests, newest first: one count and one page query, both prepared. */
export function listHostingRequests({ ctx, input }: { ctx: ServiceContext; input: ListRequestsQuery }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const params: Partial<Record<Filter, string>> = {};
  const scope = ministryScope(ctx.actor);
  let ministryId = scope;
  if (input.ministry) {
    // Resolved first so counting never joins: the count stays an index scan of one table.
    const m = ctx.db.select({ id: ministries.id }).from(ministries).where(eq(ministries.code, input.ministry)).get();
    const wanted = m?.id ?? '';
    ministryId = scope !== null && scope !== wanted ? '' : wanted;
  }
  if (ministryId !== null) params.ministryId = ministryId;
  if (input.state) params.state = input.state;
  if (input.classification) params.classification = input.classification;
  if (input.exposure) params.exposure = input.exposure;
  if (input.q) params.q = `%${input.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
  const filters = filterOrder.filter((f) => params[f] !== undefined);
  const { count, page } = statementsFor(ctx.db, filters);

  const total = count.get(params)?.n ?? 0;
  const rows = page.all({ ...params, limit: input.limit, offset: input.offset });
  return {
    items: rows.map((r) => summaryView(r.request, { code: r.code, name: r.name }, [{ vcpu: r.vcpu, memoryMb: r.memoryMb, storageGb: r.storageGb, replicas: 1 }])),
    total,
    limit: input.limit,
    offset: input.offset,
  };
}
