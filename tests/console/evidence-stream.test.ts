import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { BOUNDARY, createItem, evidenceOnlyApp, listen, MULTIPART_TYPE, multipartHead, multipartTail, storedPath, tempFiles } from './evidence/helpers.js';

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;

let h: Harness;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  h = await makeHarness();
  // The evidence routes as the app mounts them, on a real socket, under the default 1 GiB limit.
  server = await listen(evidenceOnlyApp(h).fetch);
});
afterAll(async () => {
  await server.close();
  h.close();
});

/** Posts a multipart body whose file part is produced chunk by chunk, never held whole. */
function postStreamed(id: string, token: string, file: AsyncIterable<Buffer>, fields: Record<string, string>): Promise<{ status: number; body: { latestVersion?: { file: { sha256: string; size: number } } } }> {
  async function* body() {
    for (const [name, value] of Object.entries(fields)) yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    yield multipartHead({ name: 'file', filename: 'sauvegarde.zip', contentType: 'application/zip', data: Buffer.alloc(0) });
    yield* file;
    yield multipartTail;
  }
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method: 'POST', path: `/api/v1/evidence/${id}/versions`, headers: { authorization: `Bearer ${token}`, 'content-type': MULTIPART_TYPE } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    pipeline(Readable.from(body()), req).catch(reject);
  });
}

describe('streamed upload', () => {
  it('writes 200 MB with flat memory, and the stored hash is what sha256sum says', async () => {
    const id = await createItem(h, 'operator');
    const token = h.callers.operator!.token;
    const hash = createHash('sha256');
    async function* generate() {
      yield Buffer.from([0x50, 0x4b, 0x03, 0x04]);
      hash.update(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      for (let sent = 4; sent < SIZE; ) {
        const chunk = randomBytes(Math.min(MiB, SIZE - sent));
        hash.update(chunk);
        sent += chunk.length;
        yield chunk;
      }
    }
    // Warm-up: load every module on the path before measuring.
    expect((await postStreamed(id, token, (async function* () { yield Buffer.from('PK\x03\x04warm-up'); })(), { effectiveAt: '2026-11-01' })).status).toBe(201);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const res = await postStreamed(id, token, generate(), { effectiveAt: '2026-11-01', expiresAt: '2027-11-01' });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const expected = hash.digest('hex');
    expect(res.body.latestVersion!.file).toMatchObject({ sha256: expected, size: SIZE });
    const growth = peak - baseline;
    expect(growth, `RSS grew by ${Math.round(growth / MiB)} MiB`).toBeLessThan(64 * MiB);

    const { stdout } = await promisify(execFile)('sha256sum', [storedPath(h, expected)]);
    expect(stdout.split(/\s+/)[0]).toBe(expected);
    expect(tempFiles(h)).toEqual([]);
  }, 120_000);

  it('refuses an upload whose start does not match its declared type without reading it all into the store', async () => {
    const id = await createItem(h, 'operator');
    async function* notAZip() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(MiB, 0x41);
    }
    const res = await postStreamed(id, h.callers.operator!.token, notAZip(), { effectiveAt: '2026-11-01' });
    expect(res.status).toBe(415);
    expect(tempFiles(h)).toEqual([]);
  }, 60_000);
});
