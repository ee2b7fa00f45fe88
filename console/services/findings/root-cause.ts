import type { RootCauseInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';
import { assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, snapshots, updateFinding } from './write.js';

/** The datacenter team records why the nonconformity happened (ISO/IEC 27001 10.2 b). */
export function setRootCause({ ctx, input }: { ctx: ServiceContext; input: RootCauseInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'root-cause');
    const after = updateFinding(tx, before, { rootCause: input.rootCause }, at);
    audit({ at, action: 'finding.root-cause', entity: 'finding', entityId: before.id, ...snapshots(tx, before, after) });
    return findingView(tx, after, todayOf(now));
  });
}
