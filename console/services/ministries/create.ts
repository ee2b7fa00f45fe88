import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createMinistryInput } from '../../api/schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { ministries } from '../../db/schema/index.js';
import { Conflict } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { ministryView } from './list.js';

export function createMinistry({ ctx, input }: { ctx: ServiceContext; input: z.output<typeof createMinistryInput> }) {
  requireRole(ctx.actor, 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    if (tx.select({ id: ministries.id }).from(ministries).where(eq(ministries.code, input.code)).get()) {
      throw new Conflict(`a ministry with code ${input.code} exists already`, {
        errors: [{ pointer: '/code', field: 'code', message: 'already in use' }],
      });
    }
    const row = {
      id: newId(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      quotaVcpu: input.quotas.vcpu,
      quotaMemoryMb: input.quotas.memoryMb,
      quotaStorageGb: input.quotas.storageGb,
      quotaEnvironments: input.quotas.environments,
      createdAt: at,
      updatedAt: at,
    };
    tx.insert(ministries).values(row).run();
    const view = ministryView(row, undefined);
    audit({ action: 'ministry.create', entity: 'ministry', entityId: row.id, ministryId: row.id, after: { code: row.code, name: row.name, kind: row.kind, quotas: view.quotas } });
    return view;
  });
}
