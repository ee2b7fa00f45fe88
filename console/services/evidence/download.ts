import type { Readable } from 'node:stream';
import type { ServiceContext } from '../../context.js';
import { NotFound } from '../../errors.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { EvidenceCorrupted } from './errors.js';
import { assertReader, loadVersion, loadVisibleEvidence } from './read-model.js';

export interface EvidenceDownload {
  stream: Readable;
  sha256: string;
  size: number;
  fileName: string;
  contentType: string;
}

/**
 * The file of one version, checked before a byte is served. Headers (status, length) leave
 * before the body, so a mismatch found while streaming could only cut the response short; the
 * whole file is therefore hashed first and a damaged one answered with a 409 problem. The
 * stream handed back re-hashes again and withholds its last chunk on a mismatch, which covers
 * damage in the moment between the check and the read.
 */
export async function downloadEvidenceVersion({ ctx, store, input }: { ctx: ServiceContext; store: EvidenceStore; input: { id: string; version: number } }): Promise<EvidenceDownload> {
  assertReader(ctx.actor);
  const item = loadVisibleEvidence(ctx.db, ctx.actor, input.id);
  const v = loadVersion(ctx.db, item, input.version);
  if (v.fileSha256 === null) throw new NotFound('evidence file', `${item.id}/${v.version}`);
  const check = await store.verify(v.fileSha256);
  if (!check.ok) throw new EvidenceCorrupted(check.expected, check.found);
  return {
    stream: store.open(v.fileSha256),
    sha256: v.fileSha256,
    size: check.size ?? v.fileSize ?? 0,
    fileName: v.fileName ?? `${v.fileSha256}.bin`,
    contentType: v.contentType ?? 'application/octet-stream',
  };
}
