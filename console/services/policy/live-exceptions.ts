import { and, eq, gt } from 'drizzle-orm';
import type { PolicyException } from '../../../compliance/index.js';
import type { Db } from '../../db/open.js';
import { policyExceptions } from '../../db/schema/index.js';

/** Approved, unexpired exceptions in the policy engine's shape (expiry is re-checked there too). */
export function liveExceptions(db: Db, now: Date): PolicyException[] {
  return db
    .select()
    .from(policyExceptions)
    .where(and(eq(policyExceptions.status, 'approved'), gt(policyExceptions.expiresAt, now.toISOString())))
    .all()
    .map((e) => ({
      id: e.id,
      ruleId: e.ruleId,
      resource: e.resource,
      reason: e.reason,
      requestedBy: e.requestedBy,
      approvedBy: e.approvedBy ?? '',
      expiresAt: e.expiresAt,
      createdAt: e.createdAt,
    }));
}
