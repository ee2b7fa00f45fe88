import { like, sql } from 'drizzle-orm';
import { getControl } from '../../../compliance/index.js';
import type { RaiseFindingInput } from '../../api/compliance-schemas.js';
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import { findingControls, findings } from '../../db/schema/index.js';
import { Forbidden, InvalidInput, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { findingSnapshot, findingView, loadFinding, todayOf } from './read-model.js';

export function assertDueDate(dueDate: string | undefined, today: string): void {
  if (dueDate !== undefined && dueDate < today) {
    throw new InvalidInput([{ pointer: '/dueDate', field: 'dueDate', message: `the due date cannot be in the past (today is ${today})` }]);
  }
}

/** `NC-2026-001`: numbered per calendar year, in the order findings are raised. */
export function nextReference(tx: Tx, year: string): string {
  const prefix = `NC-${year}-`;
  const n =
    tx
      .select({ n: sql<number | null>`max(cast(substr(${findings.reference}, ${prefix.length + 1}) as integer))` })
      .from(findings)
      .where(like(findings.reference, `${prefix}%`))
      .get()?.n ?? 0;
  return prefix + String(n + 1).padStart(3, '0');
}

/** An auditor records a finding against one or more catalogue controls. */
export function raiseFinding({ ctx, input }: { ctx: ServiceContext; input: RaiseFindingInput }) {
  requireRole(ctx.actor, 'auditor');
  if (ctx.actor.userId === null) throw new Forbidden('a finding is raised by a named auditor');
  const raisedById = ctx.actor.userId;
  const unknown: FieldError[] = input.controls.flatMap((c, i) =>
    getControl(c.frameworkId, c.controlId)
      ? []
      : [{ pointer: `/controls/${i}/controlId`, field: `controls.${i}.controlId`, message: `${c.frameworkId} has no control "${c.controlId}"` }],
  );
  if (unknown.length > 0) throw new InvalidInput(unknown);
  const now = ctx.clock.now();
  assertDueDate(input.dueDate, todayOf(now));
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const id = newId();
    tx.insert(findings)
      .values({
        id,
        reference: nextReference(tx, at.slice(0, 4)),
        grade: input.grade,
        title: input.title,
        description: input.description,
        status: 'open',
        owner: input.owner ?? null,
        dueDate: input.dueDate ?? null,
        raisedById,
        raisedAt: at,
        updatedAt: at,
        version: 1,
      })
      .run();
    tx.insert(findingControls)
      .values(input.controls.map((c) => ({ findingId: id, frameworkId: c.frameworkId, controlId: c.controlId })))
      .run();
    const row = loadFinding(tx, id);
    audit({ at, action: 'finding.raise', entity: 'finding', entityId: id, after: findingSnapshot(row, input.controls) });
    return findingView(tx, row, todayOf(now));
  });
}
