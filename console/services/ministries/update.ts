import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { updateMinistryInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { ministries } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import { ministryUsage } from '../hosting-requests/booking.js';
import { ministryView } from './list.js';

/** Changes a ministry's name or quotas; a quota never drops below what is already booked. */
export function updateMinistry({ ctx, input }: { ctx: ServiceContext; input: { code: string; patch: z.output<typeof updateMinistryInput> } }) {
  requireRole(ctx.actor, 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const m = tx.select().from(ministries).where(eq(ministries.code, input.code)).get();
    if (!m) throw new NotFound('ministry', input.code);
    const { patch } = input;
    const next = {
      name: patch.name ?? m.name,
      kind: patch.kind ?? m.kind,
      quotaVcpu: patch.quotas?.vcpu ?? m.quotaVcpu,
      quotaMemoryMb: patch.quotas?.memoryMb ?? m.quotaMemoryMb,
      quotaStorageGb: patch.quotas?.storageGb ?? m.quotaStorageGb,
      quotaEnvironments: patch.quotas?.environments ?? m.quotaEnvironments,
      updatedAt: at,
    };
    const used = ministryUsage(tx, m.id);
    const below = (
      [
        ['vcpu', next.quotaVcpu, used.vcpu],
        ['memoryMb', next.quotaMemoryMb, used.memoryMb],
        ['storageGb', next.quotaStorageGb, used.storageGb],
        ['environments', next.quotaEnvironments, used.environments],
      ] as const
    ).filter(([, quota, booked]) => quota < booked);
    if (below.length > 0) {
      throw new Conflict(`quota below what is already booked: ${below.map(([r, q, b]) => `${r} ${q} < ${b}`).join(', ')}`, {
        errors: below.map(([r, , b]) => ({ pointer: `/quotas/${r}`, field: `quotas.${r}`, message: `must be at least ${b} (already booked)` })),
      });
    }
    tx.update(ministries).set(next).where(eq(ministries.id, m.id)).run();
    const updated = { ...m, ...next };
    const before = ministryView(m, used);
    const after = ministryView(updated, used);
    audit({
      action: 'ministry.update',
      entity: 'ministry',
      entityId: m.id,
      ministryId: m.id,
      before: { name: m.name, kind: m.kind, quotas: before.quotas },
      after: { name: updated.name, kind: updated.kind, quotas: after.quotas },
    });
    return after;
  });
}
