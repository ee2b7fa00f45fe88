import type { AcceptRiskInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { Conflict, Forbidden, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { readMatrix } from './matrix.js';
import { acceptanceBasis, loadRisk, riskSnapshot, riskView, writeRisk } from './read-model.js';

const DAY = 86_400_000;

/**
 * The risk owner accepts the residual risk of a treated risk, until a date. Only the owner may,
 * and never the person who identified the risk (ISO/IEC 27001 6.1.3: the owner approves, the
 * assessor does not approve their own assessment). The acceptance records what it was given
 * on; a change of the asset or of a linked control sends the risk back to review.
 */
export function acceptRisk({ ctx, input }: { ctx: ServiceContext; input: AcceptRiskInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadRisk(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    if (ctx.actor.userId !== before.ownerId) throw new Forbidden('only the owner of the risk may accept it');
    if (ctx.actor.userId === before.createdById) throw new Forbidden('the person who identified a risk cannot accept it (separation of duties); the risk needs another owner');
    if (before.treatment === null) throw new Conflict(`risk ${before.reference} has no treatment yet: decide one before accepting what remains`, { state: 'identified' });
    const matrix = readMatrix(tx);
    const today = at.slice(0, 10);
    const latest = new Date(now.getTime() + matrix.maxAcceptanceDays * DAY).toISOString().slice(0, 10);
    if (input.expiresOn <= today || input.expiresOn > latest) {
      throw new InvalidInput([{ pointer: '/expiresOn', field: 'expiresOn', message: `an acceptance ends after today (${today}) and at the latest on ${latest} (${matrix.maxAcceptanceDays} days)` }]);
    }
    const view = riskView(tx, before, now);
    const after = writeRisk(
      tx,
      before,
      {
        acceptedById: ctx.actor.userId,
        acceptedAt: at,
        // Ends at the start of the day after the last day accepted, in UTC.
        acceptanceExpiresAt: new Date(Date.parse(`${input.expiresOn}T00:00:00.000Z`) + DAY).toISOString(),
        acceptanceComment: input.comment,
        acceptanceBasis: acceptanceBasis(view.asset, view.controls),
      },
      at,
    );
    const controls = view.controls;
    audit({ at, action: 'risk.accept', entity: 'risk', entityId: before.id, before: riskSnapshot(before, controls), after: riskSnapshot(after, controls) });
    return riskView(tx, after, now);
  });
}
