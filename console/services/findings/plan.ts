import { and, eq } from 'drizzle-orm';
import type { PlanFindingInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { findingControls, findings } from '../../db/schema/index.js';
import { Conflict, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertDueDate } from './raise.js';
import { assertFindingAction, findingSnapshot, findingView, loadFinding, todayOf } from './read-model.js';

/**
 * The datacenter team answers a finding with a corrective action, an owner and a due date.
 * Planning again (a revised plan) is allowed until the finding is closed.
 */
export function planFinding({ ctx, input }: { ctx: ServiceContext; input: PlanFindingInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadFinding(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    assertFindingAction(before, 'plan');
    assertDueDate(input.dueDate, todayOf(now));
    const updated = tx
      .update(findings)
      .set({ status: 'action_planned', correctiveAction: input.correctiveAction, owner: input.owner, dueDate: input.dueDate, updatedAt: at, version: before.version + 1 })
      .where(and(eq(findings.id, before.id), eq(findings.version, before.version)))
      .run();
    if (updated.changes !== 1) throw new Conflict('the finding changed while it was being updated; read it again');
    const after = loadFinding(tx, before.id);
    const controls = tx.select().from(findingControls).where(eq(findingControls.findingId, before.id)).all();
    audit({ at, action: 'finding.plan', entity: 'finding', entityId: before.id, before: findingSnapshot(before, controls), after: findingSnapshot(after, controls) });
    return findingView(tx, after, todayOf(now));
  });
}
