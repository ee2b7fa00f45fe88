import type { RejectClosureInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { Forbidden } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, snapshots, updateFinding } from './write.js';

/** The verifying auditor refuses a proposed closure, saying what is missing; the work resumes. */
export function rejectClosure({ ctx, input }: { ctx: ServiceContext; input: RejectClosureInput & { id: string } }) {
  requireRole(ctx.actor, 'auditor');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'reject-closure');
    if (before.closureProposedById !== null && before.closureProposedById === ctx.actor.userId) throw new Forbidden('the closure is verified by an auditor other than whoever proposed it');
    const after = updateFinding(tx, before, { status: 'action_planned', closureProposedById: null, closureProposedAt: null, closureEvidenceVersionId: null }, at);
    const snap = snapshots(tx, before, after);
    audit({ at, action: 'finding.closure.reject', entity: 'finding', entityId: before.id, before: snap.before, after: { ...snap.after, comment: input.comment } });
    return findingView(tx, after, todayOf(now));
  });
}
