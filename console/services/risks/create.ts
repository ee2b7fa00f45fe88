import { like, sql } from 'drizzle-orm';
import type { CreateRiskInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { risks } from '../../db/schema/index.js';
import { Forbidden, InvalidInput, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { readMatrix, type Matrix } from './matrix.js';
import { resolveOwner } from './owners.js';
import { loadAsset, NO_ACCEPTANCE, riskSnapshot, riskView } from './read-model.js';

function nextReference(tx: Tx): string {
  const n = tx.select({ n: sql<number | null>`max(cast(substr(${risks.reference}, 3) as integer))` }).from(risks).where(like(risks.reference, 'R-%')).get()?.n ?? 0;
  return `R-${String(n + 1).padStart(3, '0')}`;
}

/** Scores outside the matrix's scales, as field errors. */
export function scaleErrors(matrix: Matrix, values: { field: string; value: number; axis: 'likelihood' | 'impact' }[]): FieldError[] {
  return values.flatMap(({ field, value, axis }) => {
    const size = matrix[axis].length;
    return value > size ? [{ pointer: `/${field}`, field, message: `the ${axis} scale goes from 1 to ${size}` }] : [];
  });
}

/** Identifies a risk scenario on an asset and scores it before any treatment (inherent risk). */
export function createRisk({ ctx, input }: { ctx: ServiceContext; input: CreateRiskInput }) {
  requireRole(ctx.actor, 'operator', 'admin');
  if (ctx.actor.userId === null) throw new Forbidden('a risk is identified by a named person');
  const authorId = ctx.actor.userId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const matrix = readMatrix(tx);
    const errors = scaleErrors(matrix, [
      { field: 'likelihood', value: input.likelihood, axis: 'likelihood' },
      { field: 'impact', value: input.impact, axis: 'impact' },
    ]);
    if (errors.length > 0) throw new InvalidInput(errors);
    try {
      loadAsset(tx, input.assetId);
    } catch {
      throw new InvalidInput([{ pointer: '/assetId', field: 'assetId', message: `no asset has the id ${input.assetId}` }]);
    }
    const owner = resolveOwner(tx, input.ownerEmail);
    const id = newId();
    const row = {
      id,
      reference: nextReference(tx),
      title: input.title,
      assetId: input.assetId,
      threat: input.threat,
      vulnerability: input.vulnerability,
      consequence: input.consequence,
      inherentLikelihood: input.likelihood,
      inherentImpact: input.impact,
      residualLikelihood: null,
      residualImpact: null,
      treatment: null,
      treatmentPlan: null,
      treatmentDueDate: null,
      ownerId: owner.id,
      createdById: authorId,
      ...NO_ACCEPTANCE,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    tx.insert(risks).values(row).run();
    audit({ at, action: 'risk.create', entity: 'risk', entityId: id, after: riskSnapshot(row, []) });
    return riskView(tx, row, now);
  });
}
