import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ListEvidenceQuery } from '../../api/evidence-schemas.js';
import type { ServiceContext } from '../../context.js';
import { evidence, evidenceControls, evidenceVersions, ministries, users } from '../../db/schema/index.js';
import { ministryScope } from '../access.js';
import { EXPIRY_WARNING_MS, assertReader, controlsOf, itemView, versionView } from './read-model.js';

/**
 * A page of evidence items, most recently changed first, each with its latest version. Review
 * and freshness filters apply to that latest version: a newer version supersedes older ones,
 * whatever their state. Freshness is computed in SQL from the clock, never stored.
 */
export function listEvidence({ ctx, input }: { ctx: ServiceContext; input: ListEvidenceQuery }) {
  assertReader(ctx.actor);
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const soonIso = new Date(now.getTime() + EXPIRY_WARNING_MS).toISOString();
  const latest = alias(evidenceVersions, 'latest');

  const where: (SQL | undefined)[] = [];
  const scope = ministryScope(ctx.actor);
  if (scope !== null) where.push(eq(evidence.ministryId, scope));
  if (input.ministry) {
    const m = ctx.db.select({ id: ministries.id }).from(ministries).where(eq(ministries.code, input.ministry)).get();
    where.push(eq(evidence.ministryId, m?.id ?? ''));
  }
  if (input.framework) {
    where.push(
      sql`exists (select 1 from ${evidenceControls} where ${evidenceControls.evidenceId} = ${evidence.id} and ${evidenceControls.frameworkId} = ${input.framework}${
        input.control ? sql` and ${evidenceControls.controlId} = ${input.control}` : sql``
      })`,
    );
  }
  if (input.kind) where.push(eq(evidence.kind, input.kind));
  if (input.source) where.push(eq(evidence.source, input.source));
  if (input.q) where.push(sql`${evidence.title} like ${`%${input.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`} escape '\\'`);
  if (input.review) where.push(eq(latest.reviewStatus, input.review));
  if (input.freshness === 'not_yet_effective') where.push(sql`${latest.effectiveAt} > ${nowIso}`);
  if (input.freshness === 'expired') where.push(sql`${latest.effectiveAt} <= ${nowIso} and ${latest.expiresAt} <= ${nowIso}`);
  if (input.freshness === 'expiring') where.push(sql`${latest.effectiveAt} <= ${nowIso} and ${latest.expiresAt} > ${nowIso} and ${latest.expiresAt} <= ${soonIso}`);
  if (input.freshness === 'current') where.push(sql`${latest.effectiveAt} <= ${nowIso} and (${latest.expiresAt} is null or ${latest.expiresAt} > ${soonIso})`);
  const condition = and(...where);

  // Timestamps are stored as ISO-8601 UTC strings, so comparing them as text compares instants.
  const latestJoin = and(
    eq(latest.evidenceId, evidence.id),
    sql`${latest.version} = (select max(v.version) from ${evidenceVersions} v where v.evidence_id = ${evidence.id})`,
  );
  const total =
    ctx.db.select({ n: sql<number>`count(*)` }).from(evidence).leftJoin(latest, latestJoin).where(condition).get()?.n ?? 0;
  const rows = ctx.db
    .select({
      item: evidence,
      latest,
      code: ministries.code,
      name: ministries.name,
      versionCount: sql<number>`(select count(*) from ${evidenceVersions} c where c.evidence_id = ${evidence.id})`,
    })
    .from(evidence)
    .leftJoin(latest, latestJoin)
    .leftJoin(ministries, eq(ministries.id, evidence.ministryId))
    .where(condition)
    .orderBy(desc(evidence.updatedAt), desc(evidence.id))
    .limit(input.limit)
    .offset(input.offset)
    .all();

  const ids = rows.map((r) => r.item.id);
  const controls = controlsOf(ctx.db, ids);
  const reviewerIds = [...new Set(rows.flatMap((r) => (r.latest?.reviewedById ? [r.latest.reviewedById] : [])))];
  const reviewers = new Map(
    reviewerIds.length === 0 ? [] : ctx.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, reviewerIds)).all().map((u) => [u.id, u.email]),
  );
  return {
    items: rows.map((r) => ({
      ...itemView(r.item, r.code !== null && r.name !== null ? { code: r.code, name: r.name } : null, controls.get(r.item.id) ?? []),
      versionCount: r.versionCount,
      latestVersion: r.latest ? versionView(r.latest, now, r.latest.reviewedById ? (reviewers.get(r.latest.reviewedById) ?? null) : null) : null,
    })),
    total,
    limit: input.limit,
    offset: input.offset,
  };
}
