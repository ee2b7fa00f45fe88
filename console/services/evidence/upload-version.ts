import type { Readable } from 'node:stream';
import { uploadFieldsInput } from '../../api/evidence-schemas.js';
import { parseInput } from '../../api/validation.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { InvalidInput, UnsupportedMediaType } from '../../errors.js';
import { receiveUpload } from '../../evidence/multipart.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { assertMayAddVersion, evidenceDetail, loadVisibleEvidence, versionSnapshot } from './read-model.js';
import { assertDates, insertVersion } from './versions.js';

/** Largest evidence file accepted unless the caller says otherwise. */
export const DEFAULT_MAX_EVIDENCE_BYTES = 1024 ** 3;

export interface UploadVersionInput {
  id: string;
  /** The raw `multipart/form-data` body and its Content-Type header (with the boundary). */
  body: Readable;
  contentType: string;
  maxBytes?: number;
}

/**
 * Adds a file version. The body is streamed to a staged file in the store first (the
 * transaction cannot wait on the network); only once the file is complete, its fields valid
 * and the file moved into the store is the version row written, with its audit entry.
 * Who may upload is checked before a byte is read, so a refused caller writes nothing.
 */
export async function uploadEvidenceVersion({ ctx, store, input }: { ctx: ServiceContext; store: EvidenceStore; input: UploadVersionInput }) {
  const item = loadVisibleEvidence(ctx.db, ctx.actor, input.id);
  assertMayAddVersion(ctx.actor, item);
  if (item.kind !== 'file') throw new UnsupportedMediaType(`a ${item.kind} item takes its versions as application/json`);

  const upload = await receiveUpload(input.body, input.contentType, store, { maxBytes: input.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES });
  const { file } = upload;
  try {
    const fields = parseInput(uploadFieldsInput, upload.fields);
    assertDates(fields.effectiveAt, fields.expiresAt);
    if (file.size === 0) throw new InvalidInput([{ pointer: '/file', field: 'file', message: 'the file is empty', code: 'too_small' }]);
    await file.commit();
    const at = ctx.clock.now().toISOString();
    return writeTransaction(ctx, (tx, audit) => {
      // Checked again under the write lock: rights may have changed during a long upload.
      const current = loadVisibleEvidence(tx, ctx.actor, item.id);
      assertMayAddVersion(ctx.actor, current);
      const row = insertVersion(tx, current, {
        fileSha256: file.sha256,
        fileSize: file.size,
        fileName: file.fileName,
        contentType: file.contentType,
        effectiveAt: fields.effectiveAt,
        expiresAt: fields.expiresAt ?? null,
        uploadedBy: ctx.actor.email,
        uploadedById: ctx.actor.userId,
        uploadedAt: at,
      });
      audit({ at, action: 'evidence.version.add', entity: 'evidence', entityId: item.id, ministryId: item.ministryId, after: versionSnapshot(row) });
      return evidenceDetail(tx, loadVisibleEvidence(tx, ctx.actor, item.id), ctx.clock.now());
    });
  } finally {
    // A no-op after the commit; otherwise the staged file goes with the refusal.
    await file.discard();
  }
}
