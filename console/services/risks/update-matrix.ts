import { sql } from 'drizzle-orm';
import type { UpdateMatrixInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { riskMatrix, risks } from '../../db/schema/index.js';
import { InvalidInput, VersionMismatch, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { MATRIX_ID, readMatrix } from './matrix.js';

/** Sets the scales and level thresholds. A scale cannot shrink below a score the register uses. */
export function updateMatrix({ ctx, input }: { ctx: ServiceContext; input: UpdateMatrixInput }) {
  requireRole(ctx.actor, 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = readMatrix(tx);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    const used = tx
      .select({
        likelihood: sql<number | null>`max(max(${risks.inherentLikelihood}), coalesce(max(${risks.residualLikelihood}), 0))`,
        impact: sql<number | null>`max(max(${risks.inherentImpact}), coalesce(max(${risks.residualImpact}), 0))`,
      })
      .from(risks)
      .get();
    const errors: FieldError[] = [];
    if ((used?.likelihood ?? 0) > input.likelihood.length) errors.push({ pointer: '/likelihood', field: 'likelihood', message: `risks are scored up to ${used?.likelihood} on this scale` });
    if ((used?.impact ?? 0) > input.impact.length) errors.push({ pointer: '/impact', field: 'impact', message: `risks are scored up to ${used?.impact} on this scale` });
    if (errors.length > 0) throw new InvalidInput(errors);
    const row = { id: MATRIX_ID, likelihood: input.likelihood, impact: input.impact, thresholds: input.thresholds, maxAcceptanceDays: input.maxAcceptanceDays, updatedAt: at, version: before.version + 1 };
    tx.insert(riskMatrix)
      .values(row)
      .onConflictDoUpdate({ target: riskMatrix.id, set: { likelihood: row.likelihood, impact: row.impact, thresholds: row.thresholds, maxAcceptanceDays: row.maxAcceptanceDays, updatedAt: at, version: row.version } })
      .run();
    audit({ at, action: 'risk.matrix.update', entity: 'risk_matrix', entityId: MATRIX_ID, before, after: row });
    return readMatrix(tx);
  });
}
