import { and, eq } from 'drizzle-orm';
import type { TreatRiskInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { catalogControls, riskControls } from '../../db/schema/index.js';
import { InvalidInput, VersionMismatch, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { scaleErrors } from './create.js';
import { readMatrix } from './matrix.js';
import { loadRisk, NO_ACCEPTANCE, riskSnapshot, riskView, writeRisk } from './read-model.js';

/**
 * Chooses how a risk is treated (reduce with controls, accept, avoid, transfer), the plan and
 * the residual it aims at. A new treatment voids any acceptance: the owner accepts what is
 * decided now, not what was decided before.
 */
export function treatRisk({ ctx, input }: { ctx: ServiceContext; input: TreatRiskInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadRisk(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    const matrix = readMatrix(tx);
    const errors: FieldError[] = scaleErrors(matrix, [
      { field: 'residualLikelihood', value: input.residualLikelihood, axis: 'likelihood' },
      { field: 'residualImpact', value: input.residualImpact, axis: 'impact' },
    ]);
    if (input.residualLikelihood > before.inherentLikelihood) errors.push({ pointer: '/residualLikelihood', field: 'residualLikelihood', message: `a treatment does not raise the likelihood above its inherent ${before.inherentLikelihood}` });
    if (input.residualImpact > before.inherentImpact) errors.push({ pointer: '/residualImpact', field: 'residualImpact', message: `a treatment does not raise the impact above its inherent ${before.inherentImpact}` });
    if (input.treatment === 'accept' && (input.residualLikelihood !== before.inherentLikelihood || input.residualImpact !== before.inherentImpact)) {
      errors.push({ pointer: '/residualLikelihood', field: 'residualLikelihood', message: 'a risk retained as it is keeps its inherent score' });
    }
    if (input.dueDate && input.dueDate < at.slice(0, 10)) errors.push({ pointer: '/dueDate', field: 'dueDate', message: 'the due date cannot be in the past' });
    const seen = new Set<string>();
    input.controls.forEach((c, i) => {
      const key = `${c.frameworkId}:${c.controlId}`;
      if (seen.has(key)) errors.push({ pointer: `/controls/${i}`, field: `controls.${i}`, message: `${key} is listed twice` });
      seen.add(key);
      const exists = tx.select({ id: catalogControls.controlId }).from(catalogControls).where(and(eq(catalogControls.frameworkId, c.frameworkId), eq(catalogControls.controlId, c.controlId))).get();
      if (!exists) errors.push({ pointer: `/controls/${i}/controlId`, field: `controls.${i}.controlId`, message: `${c.frameworkId} has no control "${c.controlId}"` });
    });
    if (errors.length > 0) throw new InvalidInput(errors);
    const after = writeRisk(
      tx,
      before,
      {
        treatment: input.treatment,
        treatmentPlan: input.plan,
        treatmentDueDate: input.dueDate ?? null,
        residualLikelihood: input.residualLikelihood,
        residualImpact: input.residualImpact,
        ...NO_ACCEPTANCE,
      },
      at,
    );
    const previous = tx.select().from(riskControls).where(eq(riskControls.riskId, before.id)).all();
    tx.delete(riskControls).where(eq(riskControls.riskId, before.id)).run();
    if (input.controls.length > 0) tx.insert(riskControls).values(input.controls.map((c) => ({ riskId: before.id, frameworkId: c.frameworkId, controlId: c.controlId }))).run();
    audit({ at, action: 'risk.treat', entity: 'risk', entityId: before.id, before: riskSnapshot(before, previous), after: riskSnapshot(after, input.controls) });
    return riskView(tx, after, now);
  });
}
