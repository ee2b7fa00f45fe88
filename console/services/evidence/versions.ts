/** Writing a version row: shared by uploads, links and notes, and evidence the console files. */
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import { evidence, evidenceVersions } from '../../db/schema/index.js';
import { InvalidInput } from '../../errors.js';
import { newId } from '../ids.js';
import type { EvidenceRow, VersionRow } from './read-model.js';

export type VersionContent = Pick<
  typeof evidenceVersions.$inferInsert,
  'fileSha256' | 'fileSize' | 'fileName' | 'contentType' | 'url' | 'note' | 'effectiveAt' | 'expiresAt' | 'uploadedBy' | 'uploadedById' | 'uploadedAt' | 'metadata' | 'contentSha256' | 'producedBy'
>;

/** Expiry must come after the date the evidence holds from. */
export function assertDates(effectiveAt: string, expiresAt: string | null | undefined): void {
  if (expiresAt != null && Date.parse(expiresAt) <= Date.parse(effectiveAt)) {
    throw new InvalidInput([{ pointer: '/expiresAt', field: 'expiresAt', message: 'must be after effectiveAt', code: 'too_small' }]);
  }
}

/**
 * Appends the next version of an item, always as `pending`: a version is never edited, only
 * reviewed once. Runs inside the write transaction, so the number cannot be taken twice.
 */
export function insertVersion(tx: Tx, item: EvidenceRow, content: VersionContent): VersionRow {
  const last = tx
    .select({ n: sql<number | null>`max(${evidenceVersions.version})` })
    .from(evidenceVersions)
    .where(eq(evidenceVersions.evidenceId, item.id))
    .get();
  const row = {
    fileSha256: null,
    fileSize: null,
    fileName: null,
    contentType: null,
    url: null,
    note: null,
    expiresAt: null,
    uploadedById: null,
    metadata: null,
    contentSha256: null,
    producedBy: null,
    ...content,
    lastCheckedAt: null,
    lastCheckedBy: null,
    checkCount: 0,
    id: newId(),
    evidenceId: item.id,
    version: (last?.n ?? 0) + 1,
    reviewStatus: 'pending' as const,
    reviewedById: null,
    reviewedAt: null,
    reviewComment: null,
  } satisfies VersionRow;
  tx.insert(evidenceVersions).values(row).run();
  tx.update(evidence).set({ updatedAt: content.uploadedAt }).where(eq(evidence.id, item.id)).run();
  return row;
}
