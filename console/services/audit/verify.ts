import { verifyAnchoredChain, type CheckpointPlace } from '../../audit/checkpoints.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';

/** The chain walked, then compared with every signed checkpoint (see audit/checkpoints.ts). */
export function verifyAudit({ ctx, input }: { ctx: ServiceContext; input: { checkpoints: CheckpointPlace } }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const started = performance.now();
  const result = verifyAnchoredChain(ctx.db.$client, input.checkpoints);
  return { ...result, checkedAt: ctx.clock.now().toISOString(), durationMs: Math.round(performance.now() - started) };
}
