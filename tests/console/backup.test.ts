/**
 * Backups and restores on a real console database: what a backup holds, that a restore gives
 * back exactly that (row counts, files, a verifying chain), and that any alteration of the
 * backup — one byte in the manifest or in a file, a missing or added file, a path leaving the
 * directory, a broken chain behind a re-signed manifest — is refused with nothing changed.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../console/audit/chain.js';
import { BackupError } from '../../console/backup/errors.js';
import { MANIFEST_FILE, SIDECAR_FILE, type Manifest } from '../../console/backup/manifest.js';
import { restoreBackup } from '../../console/backup/restore.js';
import { listDefaultBackups, pruneBackups } from '../../console/backup/retention.js';
import { takeBackup } from '../../console/backup/take.js';
import { cleanTempFiles } from '../../console/backup/temp-files.js';
import { systemActor, type ServiceContext } from '../../console/context.js';
import { closeDatabase, openDatabase } from '../../console/db/open.js';
import { EvidenceStore } from '../../console/evidence/store.js';
import { createLogger } from '../../console/logger.js';
import { SnapshotStore, snapshotDir } from '../../console/runs/snapshots.js';
import { createBackup } from '../../console/services/backup/create.js';
import { lastSuccessfulBackupAt } from '../../console/services/backup/last-success.js';
import { startBackupSchedule } from '../../console/services/backup/schedule.js';
import { makeHarness, requestBody, type Harness } from '../helpers/harness.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('contrat de sauvegarde — '.repeat(200)), Buffer.from('\n%%EOF\n')]);
const BOUNDARY = 'dcops-backup-test-boundary';

const scratch: string[] = [];
function tempDir(prefix = 'dcops-backup-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
}
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

let h: Harness;
let sys: ServiceContext;
beforeEach(async () => {
  h = await makeHarness();
  sys = { db: h.db, clock: h.clock, actor: systemActor };
});
afterEach(() => h.close());

async function uploadEvidence(data: Buffer, who = 'operator'): Promise<string> {
  const created = await h.call(who, 'POST', '/api/v1/evidence', { title: 'Contrat', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.13' }] });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="effectiveAt"\r\n\r\n2026-11-01\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="contrat.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const res = await h.app.request(`/api/v1/evidence/${created.body.id}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.callers[who]!.token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  });
  if (res.status !== 201) throw new Error(await res.text());
  return created.body.id as string;
}

/** A data directory with something in every part a backup covers, and leftovers it must skip. */
async function populate(): Promise<{ snapshot: string }> {
  await h.requestIn('mef', 'portail', ['submit', 'approve']);
  await h.requestIn('mnd', 'brouillon', []);
  await uploadEvidence(PDF);
  const snapshot = new SnapshotStore(snapshotDir(h.dir)).put({ resource: { terraform_data: { x: { input: 1 } } } });
  mkdirSync(join(h.dir, 'state'), { recursive: true });
  writeFileSync(join(h.dir, 'state', 'platform.tfstate'), '{"version":4}\n');
  mkdirSync(join(h.dir, 'evidence', 'tmp'), { recursive: true });
  writeFileSync(join(h.dir, 'evidence', 'tmp', '999999-half-written.part'), 'half');
  writeFileSync(join(h.dir, 'snapshots', '.tmp-0123abcd'), 'half');
  return { snapshot };
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
}

/** Rewrites a manifest and its sidecar consistently: what a forger who knows the format would do. */
function resign(dir: string, manifest: Manifest): void {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(dir, MANIFEST_FILE), text);
  writeFileSync(join(dir, SIDECAR_FILE), `${sha(text)}  ${MANIFEST_FILE}\n`);
}

function flipByte(file: string, at: (size: number) => number): void {
  const bytes = readFileSync(file);
  const i = at(bytes.length);
  bytes[i] = bytes[i]! ^ 0x01;
  writeFileSync(file, bytes);
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
}

function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

describe('backup', () => {
  it('copies the database, evidence store, snapshots and terraform state, with a sha256sum-compatible manifest', async () => {
    const { snapshot } = await populate();
    const before = h.snapshot({ securityEvents: true });
    const r = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });

    expect(r.dir.startsWith(join(h.dir, 'backups') + '/')).toBe(true);
    expect(r.ok).toBe(true);
    const manifest = readManifest(r.dir);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('dcops.db');
    expect(paths).toContain(`evidence/sha256/${sha(PDF).slice(0, 2)}/${sha(PDF)}`);
    expect(paths).toContain(`snapshots/${snapshot}.json`);
    expect(paths).toContain('state/platform.tfstate');
    // Leftovers of interrupted writes are not data.
    expect(paths.some((p) => p.startsWith('evidence/tmp') || p.includes('/.'))).toBe(false);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(r.dir, f.path));
      expect([bytes.length, sha(bytes)]).toEqual([f.size, f.sha256]);
    }
    expect(manifest.totals).toEqual({ files: paths.length, bytes: manifest.files.reduce((n, f) => n + f.size, 0) });
    expect(manifest.warnings).toEqual([]);
    // The copy is the database as it was: same rows, same audit head.
    expect(manifest.database.tables).toEqual(before.counts);
    expect(manifest.database.auditHead).toBe(before.head);
    expect(rowCounts(join(r.dir, 'dcops.db'))).toEqual(before.counts);
    expect(readdirSync(r.dir).sort()).toEqual(['dcops.db', 'evidence', 'manifest.json', 'manifest.sha256', 'snapshots', 'state']);
    expect(readFileSync(join(r.dir, SIDECAR_FILE), 'utf8')).toBe(`${r.manifestSha256}  manifest.json\n`);
    const sum = spawnSync('sha256sum', ['-c', SIDECAR_FILE], { cwd: r.dir, encoding: 'utf8' });
    if (!sum.error) expect(sum.status, sum.stdout + sum.stderr).toBe(0);

    // Registered and audited in the live database, after the copy.
    const audit = await h.call('auditor', 'GET', '/api/v1/audit?entity=backup');
    expect(audit.body.items[0]).toMatchObject({ action: 'backup.create', id: r.id });
    expect(JSON.stringify(audit.body.items[0])).toContain(r.manifestSha256!);
    expect(lastSuccessfulBackupAt(h.db)?.toISOString()).toBe(r.finishedAt);
    expect(h.db.$client.prepare('SELECT ok, files, bytes, audit_head FROM backups').get()).toEqual({ ok: 1, files: manifest.totals.files, bytes: manifest.totals.bytes, audit_head: before.head });
  });

  it('registers a failure with its reason, and it does not count as a success', async () => {
    const taken = join(tempDir(), 'occupied');
    mkdirSync(taken);
    writeFileSync(join(taken, 'something'), 'x');
    const err = await refusal(createBackup({ ctx: sys, input: { dataDir: h.dir, dir: taken, trigger: 'schedule' } }));
    expect(err.message).toMatch(/not an empty directory/);
    expect(lastSuccessfulBackupAt(h.db)).toBeNull();
    const row = h.db.$client.prepare('SELECT ok, reason, trigger FROM backups').get() as { ok: number; reason: string; trigger: string };
    expect(row).toMatchObject({ ok: 0, trigger: 'schedule' });
    expect(row.reason).toMatch(/not an empty directory/);
    const audit = await h.call('auditor', 'GET', '/api/v1/audit?entity=backup');
    expect(audit.body.items[0]).toMatchObject({ action: 'backup.fail' });
    expect(readdirSync(taken)).toEqual(['something']);
  });

  it('refuses a destination inside what it copies', async () => {
    for (const dir of [h.dir, join(h.dir, 'evidence', 'b'), join(h.dir, 'snapshots'), join(h.dir, 'state', 'x')]) {
      const err = await refusal(takeBackup({ client: h.db.$client, dataDir: h.dir, dir, createdAt: h.clock.now() }));
      expect(err.message).toMatch(/cannot go/);
    }
  });

  it('names default backups by time, and retention removes only the oldest default-named ones', async () => {
    const own = join(h.dir, 'backups', 'avant-migration');
    await createBackup({ ctx: sys, input: { dataDir: h.dir, dir: own, trigger: 'cli' } });
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      made.push((await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'schedule' } })).dir);
      h.clock.advance(i === 1 ? 0 : 3_600_000);
    }
    expect(listDefaultBackups(join(h.dir, 'backups'))).toEqual(made);
    expect(pruneBackups(join(h.dir, 'backups'), 2)).toEqual(made.slice(0, 2));
    expect(listDefaultBackups(join(h.dir, 'backups'))).toEqual(made.slice(2));
    expect(existsSync(own)).toBe(true);
  });
});

describe('restore', () => {
  it('gives back the same rows, files and audit chain, in a directory the console opens', async () => {
    await populate();
    const before = h.snapshot({ securityEvents: true });
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const target = join(tempDir(), 'restored');
    const r = await restoreBackup({ from: dir, to: target });
    expect(r.previous).toBeNull();
    expect(r.audit).toMatchObject({ ok: true, headHash: before.head });
    expect(rowCounts(join(target, 'dcops.db'))).toEqual(before.counts);
    const manifest = readManifest(dir);
    for (const f of manifest.files) expect(sha(readFileSync(join(target, f.path)))).toBe(f.sha256);
    expect(existsSync(join(target, 'evidence', 'tmp'))).toBe(false);
    expect(new EvidenceStore(target).verifySync(sha(PDF)).ok).toBe(true);
    // The console opens it as its own (migrations already applied, chain intact).
    const db = openDatabase(join(target, 'dcops.db'));
    try {
      expect(verifyAuditChain(db.$client)).toMatchObject({ ok: true, entries: before.counts.audit_log });
    } finally {
      closeDatabase(db);
    }
    expect(readdirSync(join(target, '..')).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a manifest with one altered byte', async () => {
    await populate();
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const target = join(tempDir(), 'restored');
    const text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
    // One digit of a size, so the JSON stays valid and only the hash can tell.
    const i = text.indexOf('"size": ') + 8;
    writeFileSync(join(dir, MANIFEST_FILE), text.slice(0, i) + String((Number(text[i]) + 1) % 10) + text.slice(i + 1));
    const err = await refusal(restoreBackup({ from: dir, to: target }));
    expect(err.message).toMatch(/manifest\.json was altered/);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(target, '..'))).toEqual([]);
  });

  it('refuses a sidecar that is not a sha256sum line', async () => {
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    writeFileSync(join(dir, SIDECAR_FILE), 'abc  manifest.json\n');
    expect((await refusal(restoreBackup({ from: dir, to: join(tempDir(), 't') }))).message).toMatch(/manifest\.sha256 is not/);
    rmSync(join(dir, SIDECAR_FILE));
    expect((await refusal(restoreBackup({ from: dir, to: join(tempDir(), 't') }))).message).toMatch(/manifest\.sha256 .* is missing/);
  });

  it.each([
    ['the database copy', 'dcops.db'],
    ['an evidence file', 'evidence/'],
    ['a run snapshot', 'snapshots/'],
  ])('refuses %s with one altered byte, naming it', async (_what, prefix) => {
    await populate();
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const file = readManifest(dir).files.find((f) => f.path.startsWith(prefix))!;
    flipByte(join(dir, file.path), (n) => Math.floor(n / 2));
    const target = join(tempDir(), 'restored');
    const err = await refusal(restoreBackup({ from: dir, to: target }));
    expect(err.problems).toEqual([`${file.path} was altered: its sha256 is ${sha(readFileSync(join(dir, file.path)))}, the manifest says ${file.sha256}`]);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a missing file, an added file and a link', async () => {
    await populate();
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    rmSync(join(dir, 'state', 'platform.tfstate'));
    writeFileSync(join(dir, 'evidence', 'added.txt'), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    symlinkSync('/etc/passwd', join(dir, 'evidence', 'lien'));
    const err = await refusal(restoreBackup({ from: dir, to: join(tempDir(), 't') }));
    expect(err.problems).toEqual([
      'evidence/lien is not a regular file (a link or a special file has no place in a backup)',
      'state/platform.tfstate is listed in the manifest but missing',
      'evidence/added.txt is in the backup but not in the manifest',
      'notes.txt is in the backup but not in the manifest',
    ]);
  });

  it.each(['../outside', '/etc/passwd', 'evidence/../../outside', 'evidence/./x', 'evidence//x', 'evidence\\..\\x', 'config/x', 'evidence/.hidden', 'evidence/a\u0000b', '..'])(
    'refuses a re-signed manifest listing %j',
    async (path) => {
      const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
      const m = readManifest(dir);
      m.files.push({ path, size: 1, sha256: sha('x') });
      m.totals = { files: m.files.length, bytes: m.totals.bytes + 1 };
      resign(dir, m);
      const parent = tempDir();
      const err = await refusal(restoreBackup({ from: dir, to: join(parent, 'restored') }));
      expect(err.problems.join('\n')).toMatch(/not a safe relative path/);
      expect(readdirSync(parent)).toEqual([]);
    },
  );

  it('refuses a database whose audit chain is broken, even behind a consistent manifest', async () => {
    await populate();
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const file = join(dir, 'dcops.db');
    const db = new Database(file);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
    db.prepare("UPDATE audit_log SET actor = 'quelqu-un@ailleurs.bj' WHERE seq = 3").run();
    db.close();
    const m = readManifest(dir);
    const entry = m.files.find((f) => f.path === 'dcops.db')!;
    const bytes = readFileSync(file);
    m.totals.bytes += bytes.length - entry.size;
    Object.assign(entry, { size: bytes.length, sha256: sha(bytes) });
    resign(dir, m);
    const parent = tempDir();
    const err = await refusal(restoreBackup({ from: dir, to: join(parent, 'restored') }));
    expect(err.message).toMatch(/audit chain of the restored database is broken at entry 3/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses to replace a live data directory without --force, and while the console has it open', async () => {
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const before = h.snapshot();
    expect((await refusal(restoreBackup({ from: dir, to: h.dir }))).message).toMatch(/holds a database.*--force/);
    expect((await refusal(restoreBackup({ from: dir, to: h.dir, force: true }))).message).toMatch(/in use by another process/);
    expect(h.snapshot()).toEqual(before);
  });

  it('with --force replaces a stopped data directory, keeps the previous one aside and carries the backups over', async () => {
    await populate();
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const backedUp = rowCounts(join(dir, 'dcops.db'));
    // Changes after the backup, which the restore rolls back.
    await h.requestIn('mef', 'apres-sauvegarde', ['submit']);
    const dataDir = join(tempDir(), 'data');
    cpSync(h.dir, dataDir, { recursive: true });
    const backupsCopy = join(dataDir, 'backups', dir.split('/').pop()!);
    const r = await restoreBackup({ from: backupsCopy, to: dataDir, force: true, now: new Date('2026-11-21T10:00:00Z') });
    expect(r.previous).toBe(`${dataDir}.pre-restore-2026-11-21T10-00-00-000Z`);
    expect(rowCounts(join(dataDir, 'dcops.db'))).toEqual(backedUp);
    expect(existsSync(join(r.previous!, 'dcops.db'))).toBe(true);
    expect(existsSync(join(r.previous!, 'backups'))).toBe(false);
    expect(listDefaultBackups(join(dataDir, 'backups'))).toEqual([backupsCopy]);
  });

  it('--check verifies a staged restore and leaves the target alone', async () => {
    const { dir } = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const before = h.snapshot();
    const r = await restoreBackup({ from: dir, to: h.dir, checkOnly: true });
    expect(r.audit.ok).toBe(true);
    expect(h.snapshot()).toEqual(before);
    expect(readdirSync(join(h.dir, '..')).filter((n) => n.includes('.restore-'))).toEqual([]);
    expect(readdirSync(join(dir, '..')).filter((n) => n.includes('.restore-'))).toEqual([]);
  });
});

describe('backup during load', () => {
  it('is a consistent snapshot: a verifying prefix of the live chain, rows matching its own audit trail', async () => {
    let stop = false;
    let created = 0;
    const writer = async (who: string, n: number) => {
      for (let i = 0; !stop && i < 2000; i++) {
        // In-process requests settle on microtasks alone: yield a turn, as network I/O would.
        await new Promise((r) => setImmediate(r));
        const res = await h.call(who, 'POST', '/api/v1/requests', requestBody(`charge-${n}-${i}`));
        if (res.status !== 201) throw new Error(JSON.stringify(res.body));
        created++;
        const sub = await h.call(who, 'POST', `/api/v1/requests/${res.body.id}/submit`);
        if (sub.status !== 200) throw new Error(JSON.stringify(sub.body));
      }
    };
    let failed: unknown;
    const writers = [writer('mef', 1), writer('mef2', 2), writer('mnd', 3)].map((w) => w.catch((err: unknown) => void (failed = err)));
    const until = async (cond: () => boolean) => {
      while (!cond()) {
        if (failed) throw failed;
        await new Promise((r) => setImmediate(r));
      }
    };
    await until(() => created >= 20);
    const createdBeforeCopy = created;
    // A few pages per step, so the copy spans many turns of the event loop while the writers run.
    const taken = await takeBackup({ client: h.db.$client, dataDir: h.dir, dir: join(tempDir(), 'during-load'), createdAt: h.clock.now(), pagesPerStep: 4 });
    const createdDuringCopy = created;
    expect(createdDuringCopy, 'writes went on while the copy ran').toBeGreaterThan(createdBeforeCopy + 5);
    await until(() => created >= createdDuringCopy + 10);
    stop = true;
    await Promise.all(writers);
    if (failed) throw failed;

    const target = join(tempDir(), 'restored');
    const r = await restoreBackup({ from: taken.dir, to: target });
    const restored = new Database(join(target, 'dcops.db'), { readonly: true });
    try {
      const n = taken.manifest.database.auditEntries;
      expect(r.audit).toMatchObject({ ok: true, entries: n });
      // Every entry of the copy is the live entry of the same number: a prefix of the trail.
      const live = h.db.$client.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(n);
      expect(live).toBe(taken.manifest.database.auditHead);
      // Every write commits with its audit entry: a torn copy would disagree with its own trail.
      const actions = Object.fromEntries(
        (restored.prepare('SELECT action, count(*) AS n FROM audit_log GROUP BY action').all() as { action: string; n: number }[]).map((a) => [a.action, a.n]),
      );
      const counts = rowCounts(join(target, 'dcops.db'));
      expect(counts.hosting_requests).toBe(actions['hosting-request.create']);
      expect(restored.prepare("SELECT count(*) FROM hosting_requests WHERE state = 'submitted'").pluck().get()).toBe(actions['hosting-request.submit']);
      expect(counts.request_events).toBe((actions['hosting-request.create'] ?? 0) + (actions['hosting-request.submit'] ?? 0));
      expect(counts).toEqual(taken.manifest.database.tables);
      expect(counts.hosting_requests).toBeGreaterThan(0);
      expect(counts.hosting_requests).toBeLessThan(h.snapshot().counts.hosting_requests!);
    } finally {
      restored.close();
    }

    // Quiet again: a backup now restores to exactly the live row counts.
    const quiet = h.snapshot({ securityEvents: true });
    const again = await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const target2 = join(tempDir(), 'restored-quiet');
    await restoreBackup({ from: again.dir, to: target2 });
    expect(rowCounts(join(target2, 'dcops.db'))).toEqual(quiet.counts);
  });
});

describe('start-up cleaning', () => {
  it('removes what a crash left half-written and nothing else', async () => {
    const { snapshot } = await populate();
    const partial = join(h.dir, 'backups', '.2026-11-21T08-00-00-000Z.partial-999999-abcd');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'dcops.db'), 'half');
    writeFileSync(join(h.dir, '.tmp-00ff'), 'half');
    const restoring = join(h.dir, '..', `.${basename(h.dir)}.restore-999999-beef`);
    mkdirSync(restoring);
    const liveRestore = join(h.dir, '..', `.${basename(h.dir)}.restore-${process.ppid}-beef`);
    mkdirSync(liveRestore);
    const cleaned = cleanTempFiles(h.dir);
    expect(cleaned).toEqual({ evidence: 1, atomic: 2, partialBackups: 1, partialRestores: 1 });
    expect(existsSync(restoring)).toBe(false);
    // A restore another live process is running is left alone.
    expect(existsSync(liveRestore)).toBe(true);
    rmSync(liveRestore, { recursive: true });
    expect(readdirSync(join(h.dir, 'evidence', 'tmp'))).toEqual([]);
    expect(readdirSync(join(h.dir, 'snapshots'))).toEqual([`${snapshot}.json`]);
    expect(existsSync(partial)).toBe(false);
    expect(new EvidenceStore(h.dir).verifySync(sha(PDF)).ok).toBe(true);
  });
});

describe('scheduled backups', () => {
  it('runs on its interval, registers each outcome, keeps the retention count, and stops cleanly', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
    const clock = { now: () => new Date() };
    const schedule = startBackupSchedule({ db: h.db, clock, logger, dataDir: h.dir, intervalMs: 150, retention: 2, startDelayMs: 0 });
    const deadline = Date.now() + 10_000;
    while ((h.db.$client.prepare('SELECT count(*) FROM backups WHERE ok = 1').pluck().get() as number) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();
    const done = h.db.$client.prepare('SELECT count(*) FROM backups WHERE ok = 1').pluck().get() as number;
    expect(done).toBeGreaterThanOrEqual(4);
    expect(listDefaultBackups(join(h.dir, 'backups'))).toHaveLength(2);
    expect(lastSuccessfulBackupAt(h.db)).not.toBeNull();
    expect(lines.filter((l) => l.includes('"backup taken"')).length).toBe(done);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.db.$client.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(done);
  });

  it('waits for the interval since the last success before the first one', async () => {
    h.clock.set(new Date());
    await createBackup({ ctx: sys, input: { dataDir: h.dir, trigger: 'cli' } });
    const logger = createLogger('silent');
    const schedule = startBackupSchedule({ db: h.db, clock: { now: () => new Date() }, logger, dataDir: h.dir, intervalMs: 3_600_000, retention: 2, startDelayMs: 0 });
    await new Promise((r) => setTimeout(r, 200));
    await schedule.stop();
    expect(h.db.$client.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(1);
  });

  it('is off with an interval of 0', async () => {
    const schedule = startBackupSchedule({ db: h.db, clock: h.clock, logger: createLogger('silent'), dataDir: h.dir, intervalMs: 0, retention: 1 });
    await schedule.stop();
    expect(h.db.$client.prepare('SELECT count(*) FROM backups').pluck().get()).toBe(0);
  });
});
