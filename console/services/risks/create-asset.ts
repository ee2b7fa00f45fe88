import { eq } from 'drizzle-orm';
import type { CreateAssetInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hostingRequests, riskAssets } from '../../db/schema/index.js';
import { Conflict, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { resolveOwner } from './owners.js';
import { assetViews } from './read-model.js';

/** Registers an asset: a ministry environment, a platform component, or a facility element. */
export function createAsset({ ctx, input }: { ctx: ServiceContext; input: CreateAssetInput }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const owner = resolveOwner(tx, input.ownerEmail);
    if (tx.select({ id: riskAssets.id }).from(riskAssets).where(eq(riskAssets.code, input.code)).get()) {
      throw new InvalidInput([{ pointer: '/code', field: 'code', message: `an asset already has the code ${input.code}` }]);
    }
    if (input.kind === 'environment') {
      if (!tx.select({ id: hostingRequests.id }).from(hostingRequests).where(eq(hostingRequests.id, input.requestId)).get()) {
        throw new InvalidInput([{ pointer: '/requestId', field: 'requestId', message: `no hosting request has the id ${input.requestId}` }]);
      }
      if (tx.select({ id: riskAssets.id }).from(riskAssets).where(eq(riskAssets.requestId, input.requestId)).get()) throw new Conflict('this environment is already an asset of the register');
    }
    if (input.kind === 'platform-component' && tx.select({ id: riskAssets.id }).from(riskAssets).where(eq(riskAssets.component, input.component)).get()) {
      throw new Conflict('this platform component is already an asset of the register');
    }
    const id = newId();
    const row = {
      id,
      code: input.code,
      kind: input.kind,
      name: input.name,
      description: input.description,
      ownerId: owner.id,
      requestId: input.kind === 'environment' ? input.requestId : null,
      component: input.kind === 'platform-component' ? input.component : null,
      facilityRef: 'facilityRef' in input ? (input.facilityRef ?? null) : null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    tx.insert(riskAssets).values(row).run();
    audit({ at, action: 'risk.asset.create', entity: 'risk_asset', entityId: id, after: row });
    return assetViews(tx, [id]).get(id)!;
  });
}
