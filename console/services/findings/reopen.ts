import type { ReopenFindingInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, snapshots, updateFinding } from './write.js';

/** An auditor reopens a closed finding (the correction did not hold, or a check cleared it wrongly). */
export function reopenFinding({ ctx, input }: { ctx: ServiceContext; input: ReopenFindingInput & { id: string } }) {
  requireRole(ctx.actor, 'auditor');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'reopen');
    const after = updateFinding(
      tx,
      before,
      { status: 'open', closedAt: null, closedById: null, closedByCheck: null, closingEvidenceVersionId: null, closureProposedAt: null, closureProposedById: null, closureEvidenceVersionId: null, reopenedCount: before.reopenedCount + 1 },
      at,
    );
    const snap = snapshots(tx, before, after);
    audit({ at, action: 'finding.reopen', entity: 'finding', entityId: before.id, before: snap.before, after: { ...snap.after, comment: input.comment } });
    return findingView(tx, after, todayOf(now));
  });
}
