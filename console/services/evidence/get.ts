import type { ServiceContext } from '../../context.js';
import { assertReader, evidenceDetail, loadVisibleEvidence } from './read-model.js';

/** One item with its controls and every version, newest first. */
export function getEvidence({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  assertReader(ctx.actor);
  return evidenceDetail(ctx.db, loadVisibleEvidence(ctx.db, ctx.actor, input.id), ctx.clock.now());
}
