/**
 * Shared by the evidence tests: multipart bodies, uploads through the app, and the evidence
 * routes mounted alone (no API body limit, a chosen upload limit) for real-server tests.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { loginLimiters } from '../../../console/auth/rate-limit.js';
import { ServiceError } from '../../../console/errors.js';
import { createLogger } from '../../../console/logger.js';
import { authenticate } from '../../../console/http/auth.js';
import { internalProblem, problemResponse } from '../../../console/http/problem.js';
import type { AppDeps, AppEnv } from '../../../console/http/types.js';
import { evidenceRoutes } from '../../../console/routes/evidence.js';
import type { Harness, Reply } from '../../helpers/harness.js';

export const PDF_BYTES = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);

export type Part = { name: string; value: string } | { name: string; filename: string; contentType: string; data: Buffer; rawDisposition?: string };

export const BOUNDARY = '----dcops-test-boundary-7f3a';

export function multipartHead(part: Extract<Part, { filename: string }>): Buffer {
  const disposition = part.rawDisposition ?? `form-data; name="${part.name}"; filename="${part.filename}"`;
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${part.contentType}\r\n\r\n`, 'utf8');
}

export const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

export function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) chunks.push(Buffer.from('\r\n'));
    if ('filename' in p) chunks.push(multipartHead(p), p.data);
    else chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}`, 'utf8'));
  });
  chunks.push(multipartTail);
  return Buffer.concat(chunks);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}

/** Uploads one file version through the full app. */
export async function upload(
  h: Harness,
  who: string,
  id: string,
  file: { filename?: string; contentType?: string; data?: Buffer; rawDisposition?: string },
  fields: Record<string, string> = { effectiveAt: '2026-11-01' },
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> } = h.app,
): Promise<Reply> {
  const body = multipart([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    { name: 'file', filename: file.filename ?? 'rapport.pdf', contentType: file.contentType ?? 'application/pdf', data: file.data ?? PDF_BYTES, ...(file.rawDisposition ? { rawDisposition: file.rawDisposition } : {}) },
  ]);
  const res = await app.request(`/api/v1/evidence/${id}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.callers[who]!.token}`, 'content-type': MULTIPART_TYPE },
    body,
  });
  return reply(res);
}

export async function download(h: Harness, who: string, id: string, version: number): Promise<{ status: number; headers: Headers; bytes: Buffer; body: unknown }> {
  const res = await h.app.request(`/api/v1/evidence/${id}/versions/${version}/download`, { headers: { authorization: `Bearer ${h.callers[who]!.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, bytes, body };
}

/** Creates an item as `who` and returns its id. */
export async function createItem(h: Harness, who: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call(who, 'POST', '/api/v1/evidence', {
    title: 'Procès-verbal de revue des accès',
    description: 'Revue trimestrielle',
    kind: 'file',
    controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The evidence routes alone, as the app mounts them, with a chosen upload limit. */
export function evidenceOnlyApp(h: Harness, maxUploadBytes?: number) {
  const deps: AppDeps = { db: h.db, clock: h.clock, config: h.config, logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(h.clock) };
  const app = new Hono<AppEnv>();
  app.use('*', authenticate(deps));
  app.route('/api/v1/evidence', evidenceRoutes(deps, maxUploadBytes === undefined ? {} : { maxUploadBytes }));
  app.onError((err, c) => (err instanceof ServiceError ? problemResponse(c, err) : internalProblem(c)));
  return app;
}

export function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}

export function tempFiles(h: Harness): string[] {
  try {
    return readdirSync(join(h.dir, 'evidence', 'tmp'));
  } catch {
    return [];
  }
}

export function storedPath(h: Harness, sha256: string): string {
  return join(h.dir, 'evidence', 'sha256', sha256.slice(0, 2), sha256);
}
