import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createHostInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hosts } from '../../db/schema/index.js';
import { Conflict } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { hostView } from './list.js';

export function createHost({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof createHostInput> }) {
  requireRole(ctx.actor, 'admin', 'operator');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    if (tx.select({ id: hosts.id }).from(hosts).where(eq(hosts.name, input.name)).get()) {
      throw new Conflict(`a host named ${input.name} exists already`, { errors: [{ pointer: '/name', field: 'name', message: 'already in use' }] });
    }
    const row = { id: newId(), ...input, schedulable: true, createdAt: at, updatedAt: at };
    tx.insert(hosts).values(row).run();
    const view = hostView(row, undefined);
    audit({ action: 'host.create', entity: 'host', entityId: row.id, after: { ...input, schedulable: true } });
    return view;
  });
}
