import { and, eq } from 'drizzle-orm';
import type { UpdateAssetInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { riskAssets } from '../../db/schema/index.js';
import { Conflict, InvalidInput, VersionMismatch } from '../../errors.js';
import { requireRole } from '../access.js';
import { resolveOwner } from './owners.js';
import { assetViews, loadAsset } from './read-model.js';

/**
 * Changes an asset's description, owner or facility reference. Any change is a new version, and
 * every acceptance given on a risk to this asset goes back to review.
 */
export function updateAsset({ ctx, input }: { ctx: ServiceContext; input: UpdateAssetInput & { id: string } }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadAsset(tx, input.id);
    if (input.version !== before.version) throw new VersionMismatch(input.version, before.version);
    if (input.facilityRef !== undefined && !['room', 'power', 'cooling', 'network-link'].includes(before.kind)) {
      throw new InvalidInput([{ pointer: '/facilityRef', field: 'facilityRef', message: 'only a facility asset carries a facility reference' }]);
    }
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.ownerEmail !== undefined ? { ownerId: resolveOwner(tx, input.ownerEmail).id } : {}),
      ...(input.facilityRef !== undefined ? { facilityRef: input.facilityRef } : {}),
      updatedAt: at,
      version: before.version + 1,
    };
    const done = tx.update(riskAssets).set(set).where(and(eq(riskAssets.id, before.id), eq(riskAssets.version, before.version))).run();
    if (done.changes !== 1) throw new Conflict('the asset changed while it was being updated; read it again');
    audit({ at, action: 'risk.asset.update', entity: 'risk_asset', entityId: before.id, before, after: loadAsset(tx, before.id) });
    return assetViews(tx, [before.id]).get(before.id)!;
  });
}
