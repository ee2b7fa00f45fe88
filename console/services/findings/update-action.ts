import { and, eq } from 'drizzle-orm';
import type { UpdateCorrectiveActionInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { correctiveActions } from '../../db/schema/index.js';
import { Conflict, NotFound, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertEvidenceExists } from './add-action.js';
import { assertDueDate } from './raise.js';
import { actionSnapshot, findingView, loadFinding, todayOf } from './read-model.js';
import { updateFinding } from './write.js';

/** Moves a corrective action along (planned → in progress → done, or cancelled), re-assigns it, links its evidence. */
export function updateCorrectiveAction({ ctx, input }: { ctx: ServiceContext; input: UpdateCorrectiveActionInput & { id: string; actionId: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  if (input.dueDate !== undefined) assertDueDate(input.dueDate, todayOf(now));
  return writeTransaction(ctx, (tx, audit) => {
    const finding = loadFinding(tx, input.id);
    const before = tx.select().from(correctiveActions).where(and(eq(correctiveActions.id, input.actionId), eq(correctiveActions.findingId, finding.id))).get();
    if (!before) throw new NotFound('corrective action', input.actionId);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    if (finding.status === 'closed') throw new Conflict(`finding ${finding.reference} is closed; reopen it to change its actions`, { state: finding.status });
    assertEvidenceExists(tx, input.evidenceId);
    const status = input.status ?? before.status;
    const next = {
      status,
      owner: input.owner ?? before.owner,
      dueDate: input.dueDate ?? before.dueDate,
      evidenceId: input.evidenceId === undefined ? before.evidenceId : input.evidenceId,
      completedAt: status === 'done' ? (before.completedAt ?? at) : null,
      updatedAt: at,
      version: before.version + 1,
    };
    const updated = tx
      .update(correctiveActions)
      .set(next)
      .where(and(eq(correctiveActions.id, before.id), eq(correctiveActions.version, before.version)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the action changed while it was being updated; read it again');
    const after = { ...before, ...next };
    // The finding's version moves too: a closure proposed on a stale view of its actions is refused.
    const findingAfter = updateFinding(tx, finding, {}, at);
    audit({ at, action: 'finding.action.update', entity: 'finding', entityId: finding.id, before: { action: actionSnapshot(before) }, after: { action: actionSnapshot(after) } });
    return findingView(tx, findingAfter, todayOf(now));
  });
}
