/**
 * Evidence a finding's work can point to: the items linked to its controls or to its actions,
 * each with its accepted versions (the only ones a closure may rest on).
 */
import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { correctiveActions, evidence, evidenceControls, evidenceVersions, findingControls } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { loadFinding } from './read-model.js';

export function findingEvidenceOptions({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const f = loadFinding(ctx.db, input.id);
  const controls = ctx.db.select().from(findingControls).where(eq(findingControls.findingId, f.id)).all();
  const byControl =
    controls.length === 0
      ? []
      : ctx.db
          .selectDistinct({ id: evidenceControls.evidenceId })
          .from(evidenceControls)
          .where(or(...controls.map((c) => and(eq(evidenceControls.frameworkId, c.frameworkId), eq(evidenceControls.controlId, c.controlId)))))
          .all()
          .map((r) => r.id);
  const byAction = ctx.db
    .select({ id: correctiveActions.evidenceId })
    .from(correctiveActions)
    .where(eq(correctiveActions.findingId, f.id))
    .all()
    .flatMap((r) => (r.id ? [r.id] : []));
  const ids = [...new Set([...byControl, ...byAction])];
  if (ids.length === 0) return [];
  const items = ctx.db.select({ id: evidence.id, title: evidence.title, titleEn: evidence.titleEn }).from(evidence).where(inArray(evidence.id, ids)).all();
  const accepted = ctx.db
    .select({ id: evidenceVersions.id, evidenceId: evidenceVersions.evidenceId, version: evidenceVersions.version })
    .from(evidenceVersions)
    .where(and(inArray(evidenceVersions.evidenceId, ids), eq(evidenceVersions.reviewStatus, 'accepted')))
    .orderBy(desc(evidenceVersions.version))
    .all();
  return items
    .map((i) => ({ id: i.id, title: i.title, titleEn: i.titleEn, acceptedVersions: accepted.filter((v) => v.evidenceId === i.id).map((v) => ({ id: v.id, version: v.version })) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}
export type FindingEvidenceOption = ReturnType<typeof findingEvidenceOptions>[number];
