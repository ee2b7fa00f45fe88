import { eq, sql } from 'drizzle-orm';
import type { Component } from '../../../facility/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { dcimComponents } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { assertValidFacility } from './model-errors.js';
import { componentOf, loadFacility, rowOf } from './read-model.js';
import { recordSweepTx, type SweepReport } from './sweep.js';

/** Adds a component or replaces the one with that id; the whole model must still hold together. The sweep reruns. */
export function saveComponent({ ctx, input }: { ctx: ServiceContext; input: Component }): { component: Component; created: boolean; sweep: SweepReport | null } {
  requireRole(ctx.actor, 'admin', 'operator');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const existing = tx.select().from(dcimComponents).where(eq(dcimComponents.id, input.id)).get();
    const facility = loadFacility(tx);
    const index = existing ? facility.components.findIndex((c) => c.id === input.id) : facility.components.length;
    const components = [...facility.components];
    components[index] = input;
    assertValidFacility({ components }, { index });
    if (existing) {
      tx.update(dcimComponents).set(rowOf(input, existing.position, at, existing.createdAt)).where(eq(dcimComponents.id, input.id)).run();
    } else {
      const next = (tx.select({ n: sql<number | null>`max(${dcimComponents.position})` }).from(dcimComponents).get()?.n ?? -1) + 1;
      tx.insert(dcimComponents).values(rowOf(input, next, at)).run();
    }
    audit({ at, action: existing ? 'dcim.component.update' : 'dcim.component.create', entity: 'dcim-component', entityId: input.id, ...(existing ? { before: componentOf(existing) } : {}), after: input });
    return { component: input, created: !existing, sweep: recordSweepTx(tx, audit, ctx, `component ${input.id}`) };
  });
}

/** Removes a component nothing else refers to. The sweep reruns. */
export function deleteComponent({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): { sweep: SweepReport | null } {
  requireRole(ctx.actor, 'admin', 'operator');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const existing = tx.select().from(dcimComponents).where(eq(dcimComponents.id, input.id)).get();
    if (!existing) throw new NotFound('component', input.id);
    const facility = loadFacility(tx);
    assertValidFacility({ components: facility.components.filter((c) => c.id !== input.id) });
    tx.delete(dcimComponents).where(eq(dcimComponents.id, input.id)).run();
    audit({ at, action: 'dcim.component.delete', entity: 'dcim-component', entityId: input.id, before: componentOf(existing) });
    return { sweep: recordSweepTx(tx, audit, ctx, `component ${input.id} removed`) };
  });
}
