import { verifyAuditChain } from '../../audit/chain.js';
import { verifyAnchoredChain, type CheckpointPlace } from '../../audit/checkpoints.js';
import { systemActor, writeTransaction, type ServiceContext } from '../../context.js';
import { auditVerifications } from '../../db/schema/index.js';

/**
 * Verifies the whole chain and keeps the outcome (monitoring alerts on a broken or stale
 * verification). The verification reads outside the write transaction: it can take seconds on
 * a large trail and must not hold the write lock meanwhile.
 */
export function recordAuditVerification({ ctx, input }: { ctx: Omit<ServiceContext, 'actor'> & { actor?: ServiceContext['actor'] }; input?: { checkpoints?: CheckpointPlace } }) {
  const started = performance.now();
  // With checkpoints, a rewritten or truncated tail is a broken verification too.
  const result = input?.checkpoints ? verifyAnchoredChain(ctx.db.$client, input.checkpoints) : verifyAuditChain(ctx.db.$client);
  const durationMs = Math.round(performance.now() - started);
  const at = ctx.clock.now().toISOString();
  const row = {
    at,
    ok: result.ok,
    entries: result.entries,
    headHash: result.headHash,
    firstBrokenSeq: result.firstBroken?.seq ?? null,
    reason: result.firstBroken?.reason ?? null,
    durationMs,
  };
  writeTransaction({ ...ctx, actor: ctx.actor ?? systemActor }, (tx, audit) => {
    const id = tx.insert(auditVerifications).values(row).run().lastInsertRowid;
    audit({ action: 'audit.verify', entity: 'audit-verification', entityId: String(id), after: row });
  });
  return { ...result, checkedAt: at, durationMs };
}
