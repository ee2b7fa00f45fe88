import type { CloseFindingInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { Conflict, Forbidden } from '../../errors.js';
import { requireRole } from '../access.js';
import { acceptedVersion } from './propose-closure.js';
import { assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, snapshots, updateFinding } from './write.js';

/**
 * An auditor verifies a proposed closure and closes the finding, on the evidence proposed (still
 * accepted). Never whoever proposed it: four eyes on every closure.
 */
export function closeFinding({ ctx, input }: { ctx: ServiceContext; input: CloseFindingInput & { id: string } }) {
  requireRole(ctx.actor, 'auditor');
  if (ctx.actor.userId === null) throw new Forbidden('a finding is closed by a named auditor');
  const verifier = ctx.actor.userId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'close');
    if (before.closureProposedById === verifier) throw new Forbidden('the closure is verified by an auditor other than whoever proposed it');
    if (input.closingEvidenceVersionId !== undefined && input.closingEvidenceVersionId !== before.closureEvidenceVersionId) {
      throw new Conflict('this is not the evidence the closure was proposed on', {
        errors: [{ pointer: '/closingEvidenceVersionId', field: 'closingEvidenceVersionId', message: 'must be the evidence version the closure was proposed on' }],
      });
    }
    const version = acceptedVersion(tx, before.closureEvidenceVersionId ?? '');
    const after = updateFinding(tx, before, { status: 'closed', closedById: verifier, closedAt: at, closingEvidenceVersionId: version.id }, at);
    const snap = snapshots(tx, before, after);
    audit({ at, action: 'finding.close', entity: 'finding', entityId: before.id, before: snap.before, after: { ...snap.after, closingEvidenceSha256: version.fileSha256, comment: input.comment ?? null } });
    return findingView(tx, after, todayOf(now));
  });
}
