import { and, eq } from 'drizzle-orm';
import type { ReviewInput } from '../../api/evidence-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { evidence, evidenceVersions } from '../../db/schema/index.js';
import { Conflict, InvalidInput } from '../../errors.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { requireRole } from '../access.js';
import { AlreadyReviewed, EvidenceCorrupted } from './errors.js';
import { evidenceDetail, loadVersion, loadVisibleEvidence } from './read-model.js';

export type ReviewDecision = 'accept' | 'reject';

export interface ReviewVersionInput extends ReviewInput {
  id: string;
  version: number;
  decision: ReviewDecision;
}

/**
 * An auditor accepts or rejects one pending version (a rejection says why). The decision is
 * final: there is no verb to edit a version, and a reviewed one is never reviewed again.
 * A file is re-hashed before it is accepted, so nothing damaged on disk gets accepted.
 */
export async function reviewEvidenceVersion({ ctx, store, input }: { ctx: ServiceContext; store: EvidenceStore; input: ReviewVersionInput }) {
  requireRole(ctx.actor, 'auditor');
  if (input.decision === 'reject' && !input.comment) {
    throw new InvalidInput([{ pointer: '/comment', field: 'comment', message: 'say why the version is rejected', code: 'required' }]);
  }
  const item = loadVisibleEvidence(ctx.db, ctx.actor, input.id);
  const target = loadVersion(ctx.db, item, input.version);
  if (target.reviewStatus !== 'pending') throw new AlreadyReviewed(target.version, target.reviewStatus);
  if (input.decision === 'accept' && target.fileSha256 !== null) {
    const check = await store.verify(target.fileSha256);
    if (!check.ok) throw new EvidenceCorrupted(check.expected, check.found);
  }

  const at = ctx.clock.now().toISOString();
  const status = input.decision === 'accept' ? 'accepted' : 'rejected';
  return writeTransaction(ctx, (tx, audit) => {
    const v = loadVersion(tx, item, input.version);
    if (v.reviewStatus !== 'pending') throw new AlreadyReviewed(v.version, v.reviewStatus);
    // The status guard makes two concurrent reviews impossible even across connections.
    const updated = tx
      .update(evidenceVersions)
      .set({ reviewStatus: status, reviewedById: ctx.actor.userId, reviewedAt: at, reviewComment: input.comment ?? null })
      .where(and(eq(evidenceVersions.id, v.id), eq(evidenceVersions.reviewStatus, 'pending')))
      .run();
    if (updated.changes !== 1) throw new Conflict('the version changed while it was being reviewed; read it again');
    tx.update(evidence).set({ updatedAt: at }).where(eq(evidence.id, item.id)).run();
    audit({
      at,
      action: `evidence.version.${input.decision}`,
      entity: 'evidence',
      entityId: item.id,
      ministryId: item.ministryId,
      before: { versionId: v.id, version: v.version, reviewStatus: v.reviewStatus },
      after: { versionId: v.id, version: v.version, reviewStatus: status, comment: input.comment ?? null, sha256: v.fileSha256 },
    });
    return evidenceDetail(tx, loadVisibleEvidence(tx, ctx.actor, item.id), ctx.clock.now());
  });
}
