import { and, eq } from 'drizzle-orm';
import type { CloseFindingInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { evidenceVersions, findingControls, findings } from '../../db/schema/index.js';
import { Conflict, Forbidden, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertFindingAction, findingSnapshot, findingView, loadFinding, todayOf } from './read-model.js';

const FIELD = 'closingEvidenceVersionId';

/**
 * An auditor closes a finding on evidence of the correction: a version of an evidence item
 * whose review was accepted. A pending or rejected version proves nothing yet.
 */
export function closeFinding({ ctx, input }: { ctx: ServiceContext; input: CloseFindingInput & { id: string } }) {
  requireRole(ctx.actor, 'auditor');
  if (ctx.actor.userId === null) throw new Forbidden('a finding is closed by a named auditor');
  const closedById = ctx.actor.userId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadFinding(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    assertFindingAction(before, 'close');
    const version = tx.select().from(evidenceVersions).where(eq(evidenceVersions.id, input.closingEvidenceVersionId)).get();
    if (!version) {
      throw new InvalidInput([{ pointer: `/${FIELD}`, field: FIELD, message: 'no evidence version has this id' }]);
    }
    if (version.reviewStatus !== 'accepted') {
      throw new Conflict(`evidence version ${version.id} is ${version.reviewStatus}: a finding closes only on accepted evidence`, {
        errors: [{ pointer: `/${FIELD}`, field: FIELD, message: `the evidence version must be accepted (it is ${version.reviewStatus})` }],
      });
    }
    const updated = tx
      .update(findings)
      .set({ status: 'closed', closedById, closedAt: at, closingEvidenceVersionId: version.id, updatedAt: at, version: before.version + 1 })
      .where(and(eq(findings.id, before.id), eq(findings.version, before.version)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the finding changed while it was being updated; read it again');
    const after = loadFinding(tx, before.id);
    const controls = tx.select().from(findingControls).where(eq(findingControls.findingId, before.id)).all();
    audit({
      at,
      action: 'finding.close',
      entity: 'finding',
      entityId: before.id,
      before: findingSnapshot(before, controls),
      after: { ...findingSnapshot(after, controls), closingEvidenceSha256: version.fileSha256, comment: input.comment ?? null },
    });
    return findingView(tx, after, todayOf(now));
  });
}
