import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceIntegrityError, EvidenceStore, EvidenceTooLarge } from '../../console/evidence/store.js';

let dir: string;
let store: EvidenceStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-store-'));
  store = new EvidenceStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const tmpFiles = () => (existsSync(store.tmpDir) ? readdirSync(store.tmpDir) : []);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('evidence store', () => {
  it('files content under sha256/<2 hex>/<sha256>, once per content', () => {
    const a = store.put('rapport');
    expect(a).toEqual({ sha256: sha('rapport'), size: 7 });
    expect(store.pathOf(a.sha256)).toBe(join(dir, 'evidence', 'sha256', a.sha256.slice(0, 2), a.sha256));
    expect(readFileSync(store.pathOf(a.sha256), 'utf8')).toBe('rapport');
    expect(store.put(Buffer.from('rapport'))).toEqual(a);
    expect(tmpFiles()).toEqual([]);
    expect(() => store.pathOf('../../etc/passwd')).toThrow(RangeError);
  });

  it('puts back a damaged copy when the same content is filed again', () => {
    const a = store.put('journal');
    writeFileSync(store.pathOf(a.sha256), 'journaL');
    expect(store.verifySync(a.sha256).ok).toBe(false);
    store.put('journal');
    expect(store.verifySync(a.sha256)).toEqual({ ok: true, expected: a.sha256, found: a.sha256, size: 7 });
  });

  it('streams with a size limit, removing the temp file when it is exceeded', async () => {
    const data = Buffer.alloc(300_000, 7);
    const stored = await store.putStream(Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), { maxBytes: 300_000 });
    expect(stored).toEqual({ sha256: sha(data), size: 300_000 });
    await expect(store.putStream(Readable.from([data, Buffer.from([1])]), { maxBytes: 300_000 })).rejects.toBeInstanceOf(EvidenceTooLarge);
    expect(tmpFiles()).toEqual([]);
  });

  it('checks the leading bytes once, even when they arrive one by one', async () => {
    const seen: Buffer[] = [];
    const bytes = [...Buffer.from('%PDF-1.7 and more')].map((b) => Buffer.from([b]));
    await store.putStream(Readable.from(bytes), { maxBytes: 100, head: (h) => void seen.push(h) });
    expect(seen).toEqual([Buffer.from('%PDF-1.7 and mor')]);
    const short: Buffer[] = [];
    await store.putStream(Readable.from([Buffer.from('ab')]), { maxBytes: 100, head: (h) => void short.push(h) });
    expect(short).toEqual([Buffer.from('ab')]);
    await expect(store.putStream(Readable.from([Buffer.from('nope')]), { maxBytes: 100, head: () => { throw new Error('refused'); } })).rejects.toThrow('refused');
    expect(tmpFiles()).toEqual([]);
  });

  it('keeps a staged file invisible until it is committed', async () => {
    const staged = await store.stageStream(Readable.from([Buffer.from('en attente')]), { maxBytes: 100 });
    expect(store.has(staged.sha256)).toBe(false);
    expect(tmpFiles()).toHaveLength(1);
    await staged.commit();
    expect(store.has(staged.sha256)).toBe(true);
    expect(tmpFiles()).toEqual([]);
    const dropped = await store.stageStream(Readable.from([Buffer.from('abandonné')]), { maxBytes: 100 });
    await dropped.discard();
    await dropped.discard();
    expect(store.has(dropped.sha256)).toBe(false);
    expect(tmpFiles()).toEqual([]);
  });

  it('serves a file while re-hashing it, and withholds the end of a damaged one', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 5, 1);
    const { sha256 } = await store.putStream(Readable.from([data]), { maxBytes: 10 * 1024 * 1024 });
    expect((await readAll(store.open(sha256))).equals(data)).toBe(true);
    expect(await store.verify(sha256)).toEqual({ ok: true, expected: sha256, found: sha256, size: data.length });

    const damaged = Buffer.from(data);
    damaged[10] = 2;
    writeFileSync(store.pathOf(sha256), damaged);
    expect(await store.verify(sha256)).toMatchObject({ ok: false, found: sha(damaged) });
    const received: Buffer[] = [];
    const stream = store.open(sha256);
    const failure = await new Promise<unknown>((resolve) => {
      stream.on('data', (c: Buffer) => received.push(c));
      stream.on('error', resolve);
      stream.on('end', () => resolve(null));
    });
    expect(failure).toBeInstanceOf(EvidenceIntegrityError);
    expect(Buffer.concat(received).length).toBeLessThan(damaged.length);

    rmSync(store.pathOf(sha256));
    expect(await store.verify(sha256)).toEqual({ ok: false, expected: sha256, found: null, size: null });
  });
});
