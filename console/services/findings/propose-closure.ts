import { eq } from 'drizzle-orm';
import type { ProposeClosureInput } from '../../api/finding-schemas.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { correctiveActions, evidenceVersions } from '../../db/schema/index.js';
import { Conflict, Forbidden, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertFindingAction, findingView, todayOf } from './read-model.js';
import { loadForUpdate, snapshots, updateFinding } from './write.js';

const FIELD = 'closingEvidenceVersionId';

/** The evidence a closure rests on: an accepted version (a pending or rejected one proves nothing yet). */
export function acceptedVersion(tx: Tx, id: string) {
  const version = tx.select().from(evidenceVersions).where(eq(evidenceVersions.id, id)).get();
  if (!version) throw new InvalidInput([{ pointer: `/${FIELD}`, field: FIELD, message: 'no evidence version has this id' }]);
  if (version.reviewStatus !== 'accepted') {
    throw new Conflict(`evidence version ${version.id} is ${version.reviewStatus}: a finding closes only on accepted evidence`, {
      errors: [{ pointer: `/${FIELD}`, field: FIELD, message: `the evidence version must be accepted (it is ${version.reviewStatus})` }],
    });
  }
  return version;
}

/**
 * Someone on the team (operator, admin, or an auditor) proposes to close a finding raised by a
 * person, on accepted evidence of the correction, once no corrective action is still open. An
 * auditor other than them verifies it.
 */
export function proposeClosure({ ctx, input }: { ctx: ServiceContext; input: ProposeClosureInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin', 'auditor');
  if (ctx.actor.userId === null) throw new Forbidden('a closure is proposed by a named person');
  const proposer = ctx.actor.userId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadForUpdate(tx, input.id, input.version);
    assertFindingAction(before, 'propose-closure');
    const open = tx
      .select()
      .from(correctiveActions)
      .where(eq(correctiveActions.findingId, before.id))
      .all()
      .filter((a) => a.status === 'planned' || a.status === 'in_progress');
    if (open.length > 0) throw new Conflict(`finding ${before.reference} still has ${open.length} corrective action(s) not done`, { openActions: open.map((a) => a.id) });
    const version = acceptedVersion(tx, input.closingEvidenceVersionId);
    const after = updateFinding(tx, before, { status: 'closure_proposed', closureProposedById: proposer, closureProposedAt: at, closureEvidenceVersionId: version.id }, at);
    const snap = snapshots(tx, before, after);
    audit({ at, action: 'finding.closure.propose', entity: 'finding', entityId: before.id, before: snap.before, after: { ...snap.after, closingEvidenceSha256: version.fileSha256, comment: input.comment ?? null } });
    return findingView(tx, after, todayOf(now));
  });
}
