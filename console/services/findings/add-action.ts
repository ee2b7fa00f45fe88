import type { AddCorrectiveActionInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { correctiveActions, evidence } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { assertDueDate } from './raise.js';
import { actionSnapshot, assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, updateFinding } from './write.js';

export function assertEvidenceExists(tx: Tx, evidenceId: string | null | undefined): void {
  if (!evidenceId) return;
  if (!tx.select({ id: evidence.id }).from(evidence).where(eq(evidence.id, evidenceId)).get()) {
    throw new InvalidInput([{ pointer: '/evidenceId', field: 'evidenceId', message: 'no evidence item has this id' }]);
  }
}

/**
 * A corrective action on a finding: what, who, by when, and the evidence that shows it done.
 * The first one moves an open finding to `action_planned`.
 */
export function addCorrectiveAction({ ctx, input }: { ctx: ServiceContext; input: AddCorrectiveActionInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  assertDueDate(input.dueDate, todayOf(now));
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'add-action');
    assertEvidenceExists(tx, input.evidenceId);
    const row = {
      id: newId(),
      findingId: before.id,
      description: input.description,
      owner: input.owner,
      dueDate: input.dueDate,
      status: 'planned' as const,
      evidenceId: input.evidenceId ?? null,
      createdAt: at,
      updatedAt: at,
      completedAt: null,
      version: 1,
    };
    tx.insert(correctiveActions).values(row).run();
    const after = updateFinding(tx, before, before.status === 'open' ? { status: 'action_planned' } : {}, at);
    audit({ at, action: 'finding.action.add', entity: 'finding', entityId: before.id, before: { status: before.status }, after: { status: after.status, action: actionSnapshot(row) } });
    return findingView(tx, after, todayOf(now));
  });
}
