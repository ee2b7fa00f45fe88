/**
 * Loads the certification catalogues (versioned data in `compliance/catalogs`) into the
 * database, so statuses, evidence and findings reference real rows. Idempotent: run at every
 * start; it writes (and audits) only what changed.
 */
import { sql } from 'drizzle-orm';
import { catalogVersion, listControls, listFrameworks, type Control } from '../../../compliance/index.js';
import { systemActor, writeTransaction, type ServiceContext } from '../../context.js';
import { catalogControls } from '../../db/schema/index.js';

function levelOf(c: Control): string | null {
  if ('level' in c) return c.level;
  if ('rating' in c) return `rating-${c.rating}`;
  if ('assessment' in c) return c.assessment;
  return null;
}

export function syncCatalogs({ ctx }: { ctx: Omit<ServiceContext, 'actor'> }): { inserted: number; updated: number } {
  const rows = listFrameworks().flatMap((f) =>
    listControls(f.id).map((c) => ({
      frameworkId: f.id,
      controlId: c.id,
      groupId: c.group,
      titleFr: c.titleFr,
      titleEn: 'titleEn' in c && c.titleEn ? c.titleEn : null,
      level: levelOf(c),
      catalogVersion: catalogVersion(f.id),
    })),
  );
  const existing = new Map(
    ctx.db
      .select()
      .from(catalogControls)
      .all()
      .map((r) => [`${r.frameworkId}\u0000${r.controlId}`, JSON.stringify(r)]),
  );
  const changed = rows.filter((r) => existing.get(`${r.frameworkId}\u0000${r.controlId}`) !== JSON.stringify(r));
  if (changed.length === 0) return { inserted: 0, updated: 0 };
  const inserted = changed.filter((r) => !existing.has(`${r.frameworkId}\u0000${r.controlId}`)).length;
  writeTransaction({ ...ctx, actor: systemActor }, (tx, audit) => {
    for (const r of changed) {
      tx.insert(catalogControls)
        .values(r)
        .onConflictDoUpdate({
          target: [catalogControls.frameworkId, catalogControls.controlId],
          set: { groupId: sql`excluded.group_id`, titleFr: sql`excluded.title_fr`, titleEn: sql`excluded.title_en`, level: sql`excluded.level`, catalogVersion: sql`excluded.catalog_version` },
        })
        .run();
    }
    audit({
      action: 'catalog.sync',
      entity: 'catalog',
      entityId: 'all',
      after: {
        inserted,
        updated: changed.length - inserted,
        versions: Object.fromEntries(listFrameworks().map((f) => [f.id, catalogVersion(f.id)])),
      },
    });
  });
  return { inserted, updated: changed.length - inserted };
}
