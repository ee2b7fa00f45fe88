import { verifyAuditChain } from '../../audit/chain.js';
import type { ServiceContext } from '../../context.js';
import { requireRole } from '../access.js';

export function verifyAudit({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const started = performance.now();
  const result = verifyAuditChain(ctx.db.$client);
  return { ...result, checkedAt: ctx.clock.now().toISOString(), durationMs: Math.round(performance.now() - started) };
}
