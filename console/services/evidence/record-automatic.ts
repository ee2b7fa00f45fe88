import { and, eq } from 'drizzle-orm';
import type { AuditFn, Tx } from '../../context.js';
import { evidence } from '../../db/schema/index.js';
import { checkFileName, normaliseContentType } from '../../evidence/files.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { newId } from '../ids.js';
import { assertControlsExist, linkControls, type ControlLink } from './controls.js';
import type { EvidenceRow } from './read-model.js';
import { assertDates, insertVersion } from './versions.js';

export type AutomaticSource = 'policy-run' | 'access-review' | 'change-management' | 'logging' | 'capacity' | 'network-segregation' | 'backups' | 'drift-check' | 'facility-sweep';

export interface AutomaticEvidenceInput {
  source: AutomaticSource;
  /** Stable: one evidence item per (source, key); each call adds a version. */
  key: string;
  title: string;
  description: string;
  controls: { frameworkId: string; controlId: string }[];
  content: Buffer | string;
  fileName: string;
  contentType: string;
  effectiveAt: string;
  expiresAt: string | null;
  metadata: Record<string, unknown>;
  at: string;
  /** The person behind the run when there is one; the version then names them instead of `system`. */
  actor?: { userId: string | null; email: string };
}

function uniqueControls(controls: readonly ControlLink[]): ControlLink[] {
  const seen = new Map<string, ControlLink>();
  for (const c of controls) seen.set(`${c.frameworkId}\u0000${c.controlId}`, { frameworkId: c.frameworkId, controlId: c.controlId });
  return [...seen.values()];
}

/**
 * Files evidence the console produces itself (a policy run, a snapshot of its own records) as a
 * new version of the item for (source, key), creating the item on first use. Synchronous so it
 * runs inside the caller's write transaction: the file is written (fsynced, renamed) before the
 * row that points to it, and a rolled-back transaction leaves at most an unreferenced file.
 */
export function recordAutomaticEvidence(
  tx: Tx,
  audit: AuditFn,
  store: EvidenceStore,
  input: AutomaticEvidenceInput,
): { evidenceId: string; versionId: string; version: number; sha256: string } {
  const controls = uniqueControls(input.controls);
  assertControlsExist(controls);
  assertDates(input.effectiveAt, input.expiresAt);
  // Same rules as uploads, so a download never depends on who filed the file.
  const name = checkFileName(input.fileName);
  if (!name.ok) throw new RangeError(`automatic evidence file name ${JSON.stringify(input.fileName)}: ${name.reason}`);
  const contentType = normaliseContentType(input.contentType);
  if (contentType === null) throw new RangeError(`automatic evidence content type ${input.contentType} is not on the evidence allow-list`);
  const stored = store.put(input.content);

  let item: EvidenceRow | undefined = tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.source, input.source), eq(evidence.sourceKey, input.key)))
    .get();
  let created = false;
  if (!item) {
    item = {
      id: newId(),
      title: input.title,
      description: input.description,
      kind: 'automatic',
      source: input.source,
      sourceKey: input.key,
      ministryId: null,
      ownerId: null,
      createdAt: input.at,
      updatedAt: input.at,
    };
    tx.insert(evidence).values(item).run();
    created = true;
  } else if (item.title !== input.title || item.description !== input.description) {
    // The wording follows the code that files it; the history stays in the versions.
    tx.update(evidence).set({ title: input.title, description: input.description }).where(eq(evidence.id, item.id)).run();
  }
  const linked = linkControls(tx, item.id, controls);
  const row = insertVersion(tx, item, {
    fileSha256: stored.sha256,
    fileSize: stored.size,
    fileName: name.name,
    contentType,
    effectiveAt: input.effectiveAt,
    expiresAt: input.expiresAt,
    uploadedBy: input.actor?.email ?? 'system',
    uploadedById: input.actor?.userId ?? null,
    uploadedAt: input.at,
    metadata: input.metadata,
  });
  audit({
    at: input.at,
    action: 'evidence.automatic.file',
    entity: 'evidence',
    entityId: item.id,
    ministryId: null,
    after: {
      source: input.source,
      key: input.key,
      created,
      controlsAdded: linked,
      versionId: row.id,
      version: row.version,
      sha256: stored.sha256,
      size: stored.size,
      fileName: name.name,
      effectiveAt: input.effectiveAt,
      expiresAt: input.expiresAt,
    },
  });
  return { evidenceId: item.id, versionId: row.id, version: row.version, sha256: stored.sha256 };
}
