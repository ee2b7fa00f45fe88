import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { createItem, download, evidenceOnlyApp, MULTIPART_TYPE, multipart, PDF_BYTES, PNG_BYTES, storedPath, tempFiles, upload } from './evidence/helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function storedFiles(): string[] {
  const root = join(h.dir, 'evidence', 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => readdirSync(join(root, d)));
}

type Refusal = { errors?: { field: string }[] };

/** A refused upload leaves no row, no audit entry, no stored file and no temp file. */
async function expectRefused(res: { status: number; body: Refusal }, status: number, field: string, before: ReturnType<Harness['snapshot']>, filesBefore: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.errors?.map((e) => e.field), JSON.stringify(res.body)).toContain(field);
  expect(h.snapshot()).toEqual(before);
  expect(storedFiles()).toEqual(filesBefore);
  expect(tempFiles(h)).toEqual([]);
}

describe('file versions', () => {
  it('stores an upload by its sha256 and serves it back intact', async () => {
    const id = await createItem(h, 'operator');
    const res = await upload(h, 'operator', id, { filename: 'Procès-verbal été 2026.pdf' }, { effectiveAt: '2026-11-01', expiresAt: '2027-11-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.latestVersion).toMatchObject({
      version: 1,
      file: { sha256: sha(PDF_BYTES), size: PDF_BYTES.length, name: 'Procès-verbal été 2026.pdf', contentType: 'application/pdf', downloadUrl: `/api/v1/evidence/${id}/versions/1/download` },
      effectiveAt: '2026-10-31T23:00:00.000Z',
      expiresAt: '2027-10-31T23:00:00.000Z',
      reviewStatus: 'pending',
    });
    expect(readFileSync(storedPath(h, sha(PDF_BYTES)))).toEqual(PDF_BYTES);
    expect(tempFiles(h)).toEqual([]);

    const got = await download(h, 'auditor', id, 1);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF_BYTES)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-length')).toBe(String(PDF_BYTES.length));
    expect(got.headers.get('etag')).toBe(`"${sha(PDF_BYTES)}"`);
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(PDF_BYTES).digest('base64')}:`);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="Proces-verbal ete 2026.pdf"; filename*=UTF-8''Proc%C3%A8s-verbal%20%C3%A9t%C3%A9%202026.pdf`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');

    // The same content twice is one file on disk, two versions.
    const again = await upload(h, 'operator', id, { filename: 'copie.pdf' });
    expect(again.body.latestVersion.version).toBe(2);
    expect(storedFiles()).toEqual([sha(PDF_BYTES)]);
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=evidence&entityId=${id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'evidence.version.add' });
    expect(JSON.stringify(audit.body.items[0])).toContain(sha(PDF_BYTES));
  });

  it('accepts the allowed types whose content matches, and requesters on their own items', async () => {
    const id = await createItem(h, 'mef');
    const files: [string, string, Buffer][] = [
      ['scan.png', 'image/png', PNG_BYTES],
      ['photo.jpg', 'image/jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)])],
      ['export.csv', 'text/csv; charset=utf-8', Buffer.from('hôte;vcpu\nh1;16\n')],
      ['journal.txt', 'text/plain', Buffer.from('ligne\n')],
      ['rapport.json', 'application/json', Buffer.from('{"ok":true}')],
      ['archive.zip', 'application/x-zip-compressed', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(50)])],
      ['registre.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(50)])],
      ['ancien.doc', 'application/msword', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(50)])],
    ];
    for (const [filename, contentType, data] of files) {
      const res = await upload(h, 'mef2', id, { filename, contentType, data });
      expect(res.status, `${filename}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body.latestVersion.file.name).toBe(filename);
    }
    const versions = (await h.call('mef', 'GET', `/api/v1/evidence/${id}`)).body.versions;
    expect(versions.map((v: { file: { contentType: string } }) => v.file.contentType).reverse()).toEqual([
      'image/png',
      'image/jpeg',
      'text/csv',
      'text/plain',
      'application/json',
      'application/zip',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/msword',
    ]);
  });

  it('refuses types off the allow-list and content that does not match its declared type with 415', async () => {
    const id = await createItem(h, 'operator');
    const before = h.snapshot();
    const files = storedFiles();
    const cases: [string, string, Buffer][] = [
      ['page.html', 'text/html', Buffer.from('<script>alert(1)</script>')],
      ['outil.exe', 'application/x-msdownload', Buffer.from('MZ\x90\x00')],
      ['image.svg', 'image/svg+xml', Buffer.from('<svg/>')],
      ['sans-type.bin', 'application/octet-stream', PDF_BYTES],
      ['faux.pdf', 'application/pdf', PNG_BYTES],
      ['faux.png', 'image/png', PDF_BYTES],
      ['faux.jpg', 'image/jpeg', Buffer.from('pas une image')],
      ['faux.zip', 'application/zip', Buffer.from('MZ-not-a-zip')],
      ['faux.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', PDF_BYTES],
      ['court.pdf', 'application/pdf', Buffer.from('%PD')],
    ];
    for (const [filename, contentType, data] of cases) {
      const res = await upload(h, 'operator', id, { filename, contentType, data });
      expect(res.headers.get('content-type'), filename).toContain('application/problem+json');
      await expectRefused(res, 415, 'file', before, files);
    }
  });

  it('refuses file names that carry a path or hidden characters, and shortens long ones', async () => {
    const id = await createItem(h, 'operator');
    const before = h.snapshot();
    const files = storedFiles();
    for (const filename of ['../../etc/passwd', '..\\\\x', 'dossier/rapport.pdf', 'C:\\\\Users\\\\a\\\\rapport.pdf', '.htaccess', '..', 'fdp\u202Efdp.exe', 'con.pdf', '   ']) {
      const res = await upload(h, 'operator', id, { filename });
      await expectRefused(res, 422, 'file', before, files);
    }
    // Control characters arrive percent-encoded in RFC 5987 form (raw ones break the part header).
    for (const encoded of ["rapport%00.pdf", "rap%0Aport.pdf", "rapport%07.pdf"]) {
      const res = await upload(h, 'operator', id, { rawDisposition: `form-data; name="file"; filename*=UTF-8''${encoded}` });
      await expectRefused(res, 422, 'file', before, files);
    }
    const raw = await upload(h, 'operator', id, { filename: 'rap\u0000port.pdf' });
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(raw.status).toBeLessThan(500);
    expect(h.snapshot()).toEqual(before);
    expect(tempFiles(h)).toEqual([]);

    const long = `${'é'.repeat(300)}.pdf`;
    const res = await upload(h, 'operator', id, { rawDisposition: `form-data; name="file"; filename*=UTF-8''${encodeURIComponent(long)}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect([...res.body.latestVersion.file.name].length).toBe(150);
    expect(res.body.latestVersion.file.name.endsWith('é.pdf')).toBe(true);
    const odd = await upload(h, 'operator', id, { rawDisposition: `form-data; name="file"; filename*=UTF-8''${encodeURIComponent('rapport: "final" <v2>?.pdf')}` });
    expect(odd.body.latestVersion.file.name).toBe('rapport_ _final_ _v2__.pdf');
  });

  it('names the form field at fault: missing file, missing or bad dates, unknown fields', async () => {
    const id = await createItem(h, 'operator');
    const before = h.snapshot();
    const files = storedFiles();
    const noFile = await h.app.request(`/api/v1/evidence/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.callers.operator!.token}`, 'content-type': MULTIPART_TYPE },
      body: multipart([{ name: 'effectiveAt', value: '2026-11-01' }]),
    });
    await expectRefused({ status: noFile.status, body: (await noFile.json()) as Refusal }, 422, 'file', before, files);
    await expectRefused(await upload(h, 'operator', id, {}, {}), 422, 'effectiveAt', before, files);
    await expectRefused(await upload(h, 'operator', id, {}, { effectiveAt: 'hier' }), 422, 'effectiveAt', before, files);
    await expectRefused(await upload(h, 'operator', id, {}, { effectiveAt: '2026-11-01', expiresAt: '2026-10-01' }), 422, 'expiresAt', before, files);
    await expectRefused(await upload(h, 'operator', id, {}, { effectiveAt: '2026-11-01', reviewStatus: 'accepted' }), 422, 'reviewStatus', before, files);
    await expectRefused(await upload(h, 'operator', id, { data: Buffer.alloc(0), contentType: 'text/plain' }), 422, 'file', before, files);
    const twoFiles = await h.app.request(`/api/v1/evidence/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.callers.operator!.token}`, 'content-type': MULTIPART_TYPE },
      body: multipart([
        { name: 'effectiveAt', value: '2026-11-01' },
        { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: PDF_BYTES },
        { name: 'file', filename: 'b.pdf', contentType: 'application/pdf', data: PDF_BYTES },
      ]),
    });
    await expectRefused({ status: twoFiles.status, body: (await twoFiles.json()) as Refusal }, 422, 'file', before, files);
    const broken = await h.app.request(`/api/v1/evidence/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.callers.operator!.token}`, 'content-type': MULTIPART_TYPE },
      body: multipart([{ name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: PDF_BYTES }]).subarray(0, 300),
    });
    expect(broken.status).toBe(400);
    const noBoundary = await h.app.request(`/api/v1/evidence/${id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.callers.operator!.token}`, 'content-type': 'multipart/form-data' },
      body: 'x',
    });
    expect(noBoundary.status).toBe(400);
    expect(h.snapshot()).toEqual(before);
    expect(tempFiles(h)).toEqual([]);
  });

  it('refuses uploads from auditors, admins and other ministries before storing anything', async () => {
    const mef = await createItem(h, 'mef');
    const before = h.snapshot();
    const files = storedFiles();
    for (const [who, status] of [['auditor', 403], ['admin', 403], ['mnd', 404]] as const) {
      const res = await upload(h, who, mef, { data: Buffer.concat([PDF_BYTES, Buffer.from(who)]) });
      expect(res.status, who).toBe(status);
      expect(h.snapshot()).toEqual(before);
      expect(storedFiles()).toEqual(files);
      expect(tempFiles(h)).toEqual([]);
    }
    expect((await upload(h, 'operator', mef, {})).status).toBe(201);
  });

  it('stops a file over the size limit with 413, keeping nothing', async () => {
    const app = evidenceOnlyApp(h, 4096);
    const id = await createItem(h, 'operator');
    const before = h.snapshot();
    const files = storedFiles();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10_000, 0x41)]);
    const res = await upload(h, 'operator', id, { data: big }, undefined, app);
    await expectRefused(res, 413, 'file', before, files);
    expect(res.body.maxBytes).toBe(4096);
    const exact = await upload(h, 'operator', id, { data: big.subarray(0, 4096) }, undefined, app);
    expect(exact.status).toBe(201);
  });

  it('is not capped by the API body limit (the app lets uploads through to their own limit)', async () => {
    const id = await createItem(h, 'operator');
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(h.config.bodyLimitBytes * 2, 0x20)]);
    const res = await upload(h, 'operator', id, { data });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.latestVersion.file.size).toBe(data.length);
    // Every other body still is.
    const json = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'x'.repeat(h.config.bodyLimitBytes + 1), kind: 'note', controls: [] });
    expect(json.status).toBe(413);
  });
});

describe('integrity', () => {
  it('detects a byte flipped on disk: 409 naming both hashes, nothing served, nothing accepted', async () => {
    const id = await createItem(h, 'operator');
    await upload(h, 'operator', id, {});
    const path = storedPath(h, sha(PDF_BYTES));
    const damaged = Buffer.from(PDF_BYTES);
    damaged[1000] = damaged[1000]! ^ 0x01;
    writeFileSync(path, damaged);

    const got = await download(h, 'auditor', id, 1);
    expect(got.status).toBe(409);
    expect(got.headers.get('content-type')).toContain('application/problem+json');
    expect(got.body).toMatchObject({ type: expect.stringMatching(/evidence-corrupted$/), sha256Expected: sha(PDF_BYTES), sha256Found: sha(damaged) });
    expect(got.bytes.includes(damaged.subarray(100, 200))).toBe(false);

    const before = h.snapshot();
    const accept = await h.call('auditor', 'POST', `/api/v1/evidence/${id}/versions/1/accept`);
    expect(accept.status).toBe(409);
    expect(accept.body.type).toMatch(/evidence-corrupted$/);
    expect(h.snapshot()).toEqual(before);

    rmSync(path);
    const missing = await download(h, 'auditor', id, 1);
    expect(missing.status).toBe(409);
    expect(missing.body).toMatchObject({ sha256Expected: sha(PDF_BYTES), sha256Found: null });

    // Uploading the same content again puts the intact file back.
    await upload(h, 'operator', id, {});
    expect((await download(h, 'auditor', id, 1)).bytes.equals(PDF_BYTES)).toBe(true);
  });

  it('answers 404 for a version without a file, another ministry, or no such version', async () => {
    const mef = await createItem(h, 'mef');
    await upload(h, 'mef', mef, {});
    expect((await download(h, 'mnd', mef, 1)).status).toBe(404);
    expect((await download(h, 'mef2', mef, 1)).status).toBe(200);
    expect((await download(h, 'auditor', mef, 2)).status).toBe(404);
    const note = await createItem(h, 'operator', { kind: 'note' });
    await h.call('operator', 'POST', `/api/v1/evidence/${note}/versions`, { note: 'x', effectiveAt: '2026-11-01' });
    expect((await download(h, 'auditor', note, 1)).status).toBe(404);
  });

  it('removes temp files a crash left behind when the routes start, sparing live writers', () => {
    const tmp = join(h.dir, 'evidence', 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(join(tmp, '999999999-dead.part'), 'half');
    writeFileSync(join(tmp, `${process.pid}-own-leftover.part`), 'half');
    writeFileSync(join(tmp, `${process.ppid}-live-writer.part`), 'half');
    evidenceOnlyApp(h);
    expect(readdirSync(tmp)).toEqual([`${process.ppid}-live-writer.part`]);
  });
});
