import { eq } from 'drizzle-orm';
import type { CreateEvidenceInput } from '../../api/evidence-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { evidence, ministries } from '../../db/schema/index.js';
import { Forbidden, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { assertControlsExist, linkControls } from './controls.js';
import { evidenceDetail, loadVisibleEvidence } from './read-model.js';

/**
 * Files a new evidence item (without a version yet). Operators file it for the datacenter or
 * for any ministry; a requester files it for their own ministry only.
 */
export function createEvidence({ ctx, input }: { ctx: ServiceContext; input: CreateEvidenceInput }) {
  requireRole(ctx.actor, 'operator', 'requester');
  assertControlsExist(input.controls);
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    let ministryId: string | null = null;
    let ministryCode: string | null = null;
    if (input.ministry !== undefined) {
      const m = tx.select({ id: ministries.id, code: ministries.code }).from(ministries).where(eq(ministries.code, input.ministry)).get();
      if (ctx.actor.role === 'requester' && m?.id !== ctx.actor.ministryId) throw new Forbidden('a requester files evidence for their own ministry only');
      if (!m) throw new InvalidInput([{ pointer: '/ministry', field: 'ministry', message: `no ministry with code "${input.ministry}"` }]);
      ministryId = m.id;
      ministryCode = m.code;
    } else if (ctx.actor.role === 'requester') {
      ministryId = ctx.actor.ministryId;
      if (!ministryId) throw new Forbidden('a requester without a ministry cannot file evidence');
      ministryCode = tx.select({ code: ministries.code }).from(ministries).where(eq(ministries.id, ministryId)).get()?.code ?? null;
    }
    const id = newId();
    tx.insert(evidence)
      .values({
        id,
        title: input.title,
        description: input.description,
        kind: input.kind,
        source: 'upload',
        sourceKey: null,
        ministryId,
        ownerId: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
      })
      .run();
    linkControls(tx, id, input.controls);
    audit({
      at,
      action: 'evidence.create',
      entity: 'evidence',
      entityId: id,
      ministryId,
      after: { title: input.title, kind: input.kind, source: 'upload', ministry: ministryCode, controls: input.controls },
    });
    return evidenceDetail(tx, loadVisibleEvidence(tx, ctx.actor, id), ctx.clock.now());
  });
}
