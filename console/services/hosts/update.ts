import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateHostInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hosts, placements } from '../../db/schema/index.js';
import { Conflict, NotFound, type FieldError } from '../../errors.js';
import { requireRole } from '../access.js';
import { hostAllocations, hostView } from './list.js';

/** Changes a host; its capacity never drops below what is placed on it, and a host with placements keeps its feed. */
export function updateHost({ ctx, input }: { ctx: ServiceContext; input: { name: string; patch: z.output<typeof updateHostInput> } }) {
  requireRole(ctx.actor, 'admin', 'operator');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const h = tx.select().from(hosts).where(eq(hosts.name, input.name)).get();
    if (!h) throw new NotFound('host', input.name);
    const used = hostAllocations(tx).get(h.id) ?? { vcpu: 0, memoryMb: 0, storageGb: 0, replicas: 0 };
    const next = { ...h, ...input.patch, updatedAt: at };
    const errors: FieldError[] = (['vcpu', 'memoryMb', 'storageGb'] as const)
      .filter((k) => next[k] < used[k])
      .map((k) => ({ pointer: `/${k}`, field: k, message: `must be at least ${used[k]} (placed on this host)` }));
    if (input.patch.powerFeed && input.patch.powerFeed !== h.powerFeed) {
      const any = tx.select({ r: placements.requestId }).from(placements).where(eq(placements.hostId, h.id)).limit(1).get();
      if (any) errors.push({ pointer: '/powerFeed', field: 'powerFeed', message: 'cannot change while replicas are placed on this host (anti-affinity relies on it)' });
    }
    if (errors.length > 0) throw new Conflict(`host ${h.name} cannot change that way`, { errors });
    tx.update(hosts).set(next).where(eq(hosts.id, h.id)).run();
    const { id: _id, createdAt: _c, updatedAt: _u, ...beforeFields } = h;
    const { id: _id2, createdAt: _c2, updatedAt: _u2, ...afterFields } = next;
    audit({ action: 'host.update', entity: 'host', entityId: h.id, before: beforeFields, after: afterFields });
    return hostView(next, used);
  });
}
