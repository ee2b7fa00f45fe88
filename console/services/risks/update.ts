import { eq } from 'drizzle-orm';
import type { UpdateRiskInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { riskControls } from '../../db/schema/index.js';
import { InvalidInput, VersionMismatch, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { scaleErrors } from './create.js';
import { readMatrix } from './matrix.js';
import { resolveOwner } from './owners.js';
import { loadRisk, NO_ACCEPTANCE, riskSnapshot, riskView, writeRisk } from './read-model.js';

/**
 * Changes a risk's title, scenario, inherent score or owner. Any change voids an acceptance: the
 * owner accepted the risk as it was. A decided treatment keeps its target, which may not end above
 * the new inherent score; a risk retained as it is follows its inherent score.
 */
export function updateRisk({ ctx, input }: { ctx: ServiceContext; input: UpdateRiskInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadRisk(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    const likelihood = input.likelihood ?? before.inherentLikelihood;
    const impact = input.impact ?? before.inherentImpact;
    const errors: FieldError[] = scaleErrors(readMatrix(tx), [
      { field: 'likelihood', value: likelihood, axis: 'likelihood' },
      { field: 'impact', value: impact, axis: 'impact' },
    ]);
    const retained = before.treatment === 'accept';
    if (!retained && before.residualLikelihood !== null && likelihood < before.residualLikelihood) {
      errors.push({ pointer: '/likelihood', field: 'likelihood', message: `the treatment aims at a residual likelihood of ${before.residualLikelihood}: revise the treatment first` });
    }
    if (!retained && before.residualImpact !== null && impact < before.residualImpact) {
      errors.push({ pointer: '/impact', field: 'impact', message: `the treatment aims at a residual impact of ${before.residualImpact}: revise the treatment first` });
    }
    if (errors.length > 0) throw new InvalidInput(errors);
    const owner = input.ownerEmail !== undefined ? resolveOwner(tx, input.ownerEmail) : null;
    const after = writeRisk(
      tx,
      before,
      {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.threat !== undefined ? { threat: input.threat } : {}),
        ...(input.vulnerability !== undefined ? { vulnerability: input.vulnerability } : {}),
        ...(input.consequence !== undefined ? { consequence: input.consequence } : {}),
        inherentLikelihood: likelihood,
        inherentImpact: impact,
        ...(retained ? { residualLikelihood: likelihood, residualImpact: impact } : {}),
        ...(owner ? { ownerId: owner.id } : {}),
        ...NO_ACCEPTANCE,
      },
      at,
    );
    const controls = tx.select().from(riskControls).where(eq(riskControls.riskId, before.id)).all();
    audit({ at, action: 'risk.update', entity: 'risk', entityId: before.id, before: riskSnapshot(before, controls), after: riskSnapshot(after, controls) });
    return riskView(tx, after, now);
  });
}
