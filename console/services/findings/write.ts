/** The one way a finding's row changes: guarded by the version read, bumped by one. */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import { findingControls, findings } from '../../db/schema/index.js';
import { Conflict, VersionMismatch } from '../../errors.js';
import { findingSnapshot, loadFinding, type FindingRow } from './read-model.js';

export function loadForUpdate(tx: Tx, id: string, version: number): FindingRow {
  const before = loadFinding(tx, id);
  if (version !== before.version) throw new VersionMismatch(version, before.version);
  return before;
}

export function updateFinding(tx: Tx, before: FindingRow, patch: Partial<typeof findings.$inferInsert>, at: string): FindingRow {
  const updated = tx
    .update(findings)
    .set({ ...patch, updatedAt: at, version: before.version + 1 })
    .where(and(eq(findings.id, before.id), eq(findings.version, before.version)))
    .run();
  if (updated.changes !== 1) throw new Conflict('the finding changed while it was being updated; read it again');
  return loadFinding(tx, before.id);
}

export function snapshots(tx: Tx, before: FindingRow, after: FindingRow) {
  const controls = tx.select().from(findingControls).where(eq(findingControls.findingId, before.id)).all();
  return { before: findingSnapshot(before, controls), after: findingSnapshot(after, controls) };
}
