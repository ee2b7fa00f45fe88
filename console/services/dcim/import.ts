import type { Facility } from '../../../facility/index.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { dcimComponents } from '../../db/schema/index.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { requireRole } from '../access.js';
import { assertValidFacility } from './model-errors.js';
import { loadFacility, rowOf } from './read-model.js';
import { recordSweepTx, type SweepReport } from './sweep.js';

/**
 * Loads a whole facility model (from JSON or CSV), replacing the one stored: an inventory is
 * loaded as a whole, so a half-loaded model never exists. All or nothing; the sweep reruns.
 */
export function importFacility({ ctx, input }: { ctx: ServiceContext; input: { facility: Facility; format: 'json' | 'csv' } }): { components: number; sweep: SweepReport | null } {
  requireRole(ctx.actor, 'admin', 'operator');
  assertValidFacility(input.facility);
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = loadFacility(tx);
    tx.delete(dcimComponents).run();
    input.facility.components.forEach((c, i) => tx.insert(dcimComponents).values(rowOf(c, i, at)).run());
    audit({
      at,
      action: 'dcim.import',
      entity: 'dcim-facility',
      entityId: 'facility',
      before: { components: before.components.length, sha256: sha256Hex(canonicalJson(before)) },
      after: { components: input.facility.components.length, sha256: sha256Hex(canonicalJson(input.facility)), format: input.format },
    });
    return { components: input.facility.components.length, sweep: recordSweepTx(tx, audit, ctx, `import (${input.format})`) };
  });
}
