import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { addVersionInput, createEvidenceInput, listEvidenceQuery, reviewInput } from '../api/evidence-schemas.js';
import { contentDisposition } from '../evidence/files.js';
import { EvidenceStore } from '../evidence/store.js';
import { evidenceOps } from '../api/operations/evidence.js';
import { serviceContext } from '../http/auth.js';
import { operationRoutes, param } from '../http/operation.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { addEvidenceVersion } from '../services/evidence/add-version.js';
import { createEvidence } from '../services/evidence/create.js';
import { downloadEvidenceVersion } from '../services/evidence/download.js';
import { noteSecurityEvent } from '../http/security-log.js';
import { getEvidence } from '../services/evidence/get.js';
import { listEvidence } from '../services/evidence/list.js';
import { reviewEvidenceVersion, type ReviewDecision } from '../services/evidence/review.js';
import { DEFAULT_MAX_EVIDENCE_BYTES, uploadEvidenceVersion } from '../services/evidence/upload-version.js';

const UPLOAD_PATH = /^\/api\/v1\/evidence\/[^/]+\/versions\/?$/;

function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data';
}

/**
 * The one request whose body may exceed the API body limit: a file upload, which the upload
 * verb streams to disk under its own size limit. The app skips its buffering body limit for it.
 */
export function isEvidenceUpload(method: string, path: string, contentType: string | undefined): boolean {
  return method === 'POST' && UPLOAD_PATH.test(path) && isMultipart(contentType);
}

export interface EvidenceRouteOptions {
  /** Largest file accepted (default 1 GiB). */
  maxUploadBytes?: number;
}

/** The request body as a Node stream, read as it arrives (never buffered whole). */
function bodyStream(req: Request): Readable {
  return req.body ? Readable.fromWeb(req.body) : Readable.from([]);
}

function versionParam(value: string): number {
  return /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : Number.NaN;
}

export function evidenceRoutes(deps: AppDeps, options: EvidenceRouteOptions = {}) {
  const store = new EvidenceStore(deps.config.dataDir);
  // Created once per server start: the moment to drop what a crash left half-written.
  store.cleanTemp();
  const maxBytes = options.maxUploadBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/evidence');

  on(evidenceOps.listEvidence, (c) => listEvidence({ ctx: serviceContext(c, deps), input: readQuery(c, listEvidenceQuery) }));

  on(evidenceOps.createEvidence, async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createEvidence({ ctx, input: await readJson(c, createEvidenceInput) });
    c.header('Location', `/api/v1/evidence/${created.id}`);
    return created;
  });

  on(evidenceOps.getEvidence, (c) => getEvidence({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));

  on(evidenceOps.addEvidenceVersion, async (c) => {
    const ctx = serviceContext(c, deps);
    const id = param(c, 'id');
    const contentType = c.req.header('content-type');
    const multipartType = isMultipart(contentType) ? contentType! : null;
    const item =
      multipartType !== null
        ? await uploadEvidenceVersion({ ctx, store, input: { id, body: bodyStream(c.req.raw), contentType: multipartType, maxBytes } })
        : addEvidenceVersion({ ctx, input: { id, body: await readJson(c, addVersionInput) } });
    c.header('Location', `/api/v1/evidence/${item.id}`);
    return item;
  });

  on(evidenceOps.downloadEvidenceVersion, async (c) => {
    const ctx = serviceContext(c, deps);
    const file = await downloadEvidenceVersion({ ctx, store, input: { id: param(c, 'id'), version: versionParam(param(c, 'version')) } });
    noteSecurityEvent(deps, c, 'evidence_download', `evidence:${param(c, 'id')}/v${param(c, 'version')}`, { sha256: file.sha256 });
    return c.body(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, 200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.size),
      'Content-Disposition': contentDisposition(file.fileName),
      ETag: `"${file.sha256}"`,
      'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
      'Cache-Control': 'private, no-store',
    });
  });

  for (const [decision, op] of [
    ['accept', evidenceOps.acceptEvidenceVersion],
    ['reject', evidenceOps.rejectEvidenceVersion],
  ] as const satisfies readonly (readonly [ReviewDecision, unknown])[]) {
    on(op, async (c) => {
      const ctx = serviceContext(c, deps);
      const body = await readOptionalJson(c, reviewInput);
      const version = versionParam(param(c, 'version'));
      return reviewEvidenceVersion({ ctx, store, input: { id: param(c, 'id'), version, decision, ...body } });
    });
  }

  return app;
}
