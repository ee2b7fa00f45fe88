/** Shared by every export: who may export, and which state of the console an export shows. */
import { desc } from 'drizzle-orm';
import type { ServiceContext, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { auditLog } from '../../db/schema/index.js';
import { requireRole } from '../access.js';

export interface AuditHead {
  seq: number;
  at: string;
  hash: string;
}

/**
 * Every write appends an audit entry in its own transaction, so the head of the chain names
 * the state an export was taken from: two exports with the same head show the same data, and
 * the hash ties the document to the tamper-evident trail.
 */
export function auditHead(tx: Db | Tx): AuditHead | null {
  return tx.select({ seq: auditLog.seq, at: auditLog.at, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get() ?? null;
}

/** Exports gather certification evidence in bulk: the datacenter team and auditors only. */
export function requireExporter(ctx: ServiceContext): void {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
}

/**
 * Reads everything an export needs in one read transaction: a write committing halfway
 * through cannot leave a document mixing two states.
 */
export function readSnapshot<T>(db: Db, read: () => T): T {
  return db.transaction(() => read(), { behavior: 'deferred' });
}
