/**
 * Crash safety of the real server: concurrent writers record every write the server
 * acknowledged, the server is killed with SIGKILL at a random moment, restarted on the same data
 * directory, and must still hold every acknowledged write, show no half-written evidence file,
 * and have an audit chain `dcops audit verify` accepts. Three kills at different moments.
 *
 * Then a backup taken with `dcops backup` while the console serves writes restores (with
 * `dcops restore`) to a verifying chain and the row counts its manifest promises, and a backup
 * with one altered byte is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, run } from '../helpers/process.js';
import { TEST_SETTINGS } from '../helpers/test-settings.js';

const ADMIN = { email: 'admin@crash.dcops.bj', password: 'crash-admin-password-1' };
const PASSWORD = 'crash-user-password-1';
const BOUNDARY = 'dcops-crash-boundary';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  // A failed assertion can leave a server running: its whole process group goes.
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null || !c.pid) continue;
    try {
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/**
 * Starts the console in its own process group: tsx runs the server in a child process, and a
 * SIGKILL must reach that one, not only the wrapper.
 */
function boot(dataDir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['console/main.ts'], {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DCOPS_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DCOPS_ADMIN_EMAIL: ADMIN.email, DCOPS_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn',
        // What is under test is durability: the administrator signs in without a second factor and
        // writes as fast as the server takes them, never shed (a busy test machine would otherwise
        // turn writers away with 503, which is load shedding's test, not this one's).
        ...TEST_SETTINGS, DCOPS_SHED_EVENT_LOOP_DELAY_MS: '0', DCOPS_SHED_MAX_IN_FLIGHT: '0' },
    });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const port = /Console : http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port}`, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
}

function killHard(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    process.kill(-server.child.pid!, 'SIGKILL');
  });
}

function stopGracefully(server: Server): Promise<number | null> {
  return new Promise((resolve) => {
    server.child.once('exit', (code) => resolve(code));
    server.child.kill('SIGTERM');
  });
}

async function api(base: string, method: string, path: string, auth: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: { [key: string]: unknown } }> {
  const h: Record<string, string> = { ...headers };
  if (auth) h.authorization = `Bearer ${auth}`;
  let payload: string | Buffer | undefined;
  if (Buffer.isBuffer(body)) payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { [key: string]: unknown }) : {} };
}

/** A bearer token for an account, through the same login a person uses. */
async function tokenFor(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const login = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${base}/api/v1/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': login.csrfToken }, body: JSON.stringify({ name: 'crash-test' }) });
  if (created.status !== 201) throw new Error(await created.text());
  return ((await created.json()) as { token: string }).token;
}

interface Tokens {
  mef: string;
  mnd: string;
  operator: string;
  evidenceId: string;
}

async function setUp(base: string): Promise<Tokens> {
  const admin = await tokenFor(base, ADMIN.email, ADMIN.password);
  const quotas = { vcpu: 1000, memoryMb: 10_000_000, storageGb: 1_000_000, environments: 10_000 };
  for (const code of ['MEF', 'MND']) expect((await api(base, 'POST', '/api/v1/ministries', admin, { code, name: `Ministère ${code}`, quotas })).status).toBe(201);
  const users = [
    { email: 'dsi@mef.bj', role: 'requester', ministry: 'MEF' },
    { email: 'dsi@mnd.bj', role: 'requester', ministry: 'MND' },
    { email: 'ops@asin.bj', role: 'operator' },
  ];
  for (const u of users) expect((await api(base, 'POST', '/api/v1/users', admin, { ...u, name: u.email, password: PASSWORD })).status).toBe(201);
  const operator = await tokenFor(base, 'ops@asin.bj', PASSWORD);
  const item = await api(base, 'POST', '/api/v1/evidence', operator, { title: 'Journaux de sauvegarde', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.13' }] });
  expect(item.status).toBe(201);
  return { mef: await tokenFor(base, 'dsi@mef.bj', PASSWORD), mnd: await tokenFor(base, 'dsi@mnd.bj', PASSWORD), operator, evidenceId: item.body.id as string };
}

/** Every write the server answered with success, by kind. */
interface Acked {
  created: Set<string>;
  submitted: Set<string>;
  hosts: Set<string>;
  versions: Map<number, string>;
}

function pdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024 + Math.floor(Math.random() * 448 * 1024)), Buffer.from('\n%%EOF\n')]);
}

function multipart(file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="effectiveAt"\r\n\r\n2026-11-01\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="journal.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/**
 * Writers that keep going until told to stop or until the server stops answering. Only a
 * response with a success status counts as acknowledged; one cut by the kill does not.
 */
function startWriters(base: string, t: Tokens, acked: Acked, tag: string) {
  let stop = false;
  const guard = async (loop: () => Promise<void>) => {
    try {
      while (!stop) await loop();
    } catch (err) {
      // The connection dies with the server; anything else is a real failure.
      if (!(err instanceof TypeError)) throw err;
    }
  };
  let n = 0;
  const requester = (token: string) => async () => {
    const i = n++;
    const created = await api(base, 'POST', '/api/v1/requests', token, {
      environmentName: `env-${tag}-${i}`,
      purpose: 'Écriture sous arrêt brutal',
      classification: 'internal',
      exposure: 'government',
      availability: 'standard',
      backup: { policy: 'daily', retentionDays: 7 },
      services: [{ name: 'api', image: 'registry.asin.bj/crash/app:1.0@sha256:' + 'c'.repeat(64), vcpu: 0.25, memoryMb: 256, storageGb: 1, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 }],
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    acked.created.add(id);
    const submitted = await api(base, 'POST', `/api/v1/requests/${id}/submit`, token);
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    acked.submitted.add(id);
  };
  const uploads = async () => {
    const file = pdf();
    const body = multipart(file);
    // Sent in slices with pauses, as over a slow link: a kill then most often lands mid-upload.
    let offset = 0;
    const slices = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= body.length) return controller.close();
        controller.enqueue(body.subarray(offset, offset + 32 * 1024));
        offset += 32 * 1024;
        await sleep(10);
      },
    });
    const init = { method: 'POST', headers: { authorization: `Bearer ${t.operator}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, body: slices, duplex: 'half' };
    const response = await fetch(`${base}/api/v1/evidence/${t.evidenceId}/versions`, init as RequestInit);
    const res = { status: response.status, body: (await response.json()) as { [key: string]: unknown } };
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    const latest = res.body.latestVersion as { version: number; file: { sha256: string } };
    expect(latest.file.sha256).toBe(sha(file));
    acked.versions.set(latest.version, latest.file.sha256);
  };
  const hosts = async () => {
    const name = `h-${tag}-${n++}`;
    const res = await api(base, 'POST', '/api/v1/site/hosts', t.operator, { name, dockerHost: 'tcp://10.1.0.1:2376', vcpu: 32, memoryMb: 65536, storageGb: 2000, powerFeed: 'A', zone: 'salle-2' });
    if (res.status !== 201) throw new Error(`host: ${res.status} ${JSON.stringify(res.body)}`);
    acked.hosts.add(name);
  };
  const running = Promise.all([guard(requester(t.mef)), guard(requester(t.mnd)), guard(uploads), guard(hosts)]);
  return {
    stop: async () => {
      stop = true;
      await running;
    },
    done: running,
  };
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Reads the data directory as it is on disk (WAL included) while the restarted server runs. */
function checkDataDir(dataDir: string, t: Tokens, acked: Acked): void {
  const db = new Database(join(dataDir, 'dcops.db'), { readonly: true });
  try {
    const states = new Map((db.prepare('SELECT id, state FROM hosting_requests').all() as { id: string; state: string }[]).map((r) => [r.id, r.state]));
    const missing = [...acked.created].filter((id) => !states.has(id));
    expect(missing, 'acknowledged request creations lost').toEqual([]);
    const unsubmitted = [...acked.submitted].filter((id) => states.get(id) !== 'submitted');
    expect(unsubmitted, 'acknowledged submissions lost').toEqual([]);
    const hostNames = new Set(db.prepare('SELECT name FROM hosts').pluck().all() as string[]);
    expect([...acked.hosts].filter((n) => !hostNames.has(n)), 'acknowledged hosts lost').toEqual([]);
    const versions = new Map((db.prepare('SELECT version, file_sha256 FROM evidence_versions WHERE evidence_id = ?').all(t.evidenceId) as { version: number; file_sha256: string }[]).map((v) => [v.version, v.file_sha256]));
    for (const [version, digest] of acked.versions) expect(versions.get(version), `evidence version ${version}`).toBe(digest);
    // Every version the database names has its whole file in the store.
    for (const digest of versions.values()) {
      const file = join(dataDir, 'evidence', 'sha256', digest.slice(0, 2), digest);
      expect(sha(readFileSync(file)), file).toBe(digest);
    }
  } finally {
    db.close();
  }
  // Nothing half-written is visible under a final name, and no temp file survived the start-up.
  for (const file of filesBelow(join(dataDir, 'evidence', 'sha256'))) expect(sha(readFileSync(file)), file).toBe(file.split('/').pop());
  expect(filesBelow(join(dataDir, 'evidence', 'tmp'))).toEqual([]);
  expect([...readdirSync(dataDir), ...(existsSync(join(dataDir, 'snapshots')) ? readdirSync(join(dataDir, 'snapshots')) : [])].filter((n) => n.startsWith('.tmp-'))).toEqual([]);
}

async function auditVerifies(dataDir: string): Promise<void> {
  const verify = await run(process.execPath, ['bin/dcops.js', 'audit', 'verify'], { DCOPS_DATA_DIR: dataDir });
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/audit chain OK/);
}

describe('crash safety', () => {
  it('keeps every acknowledged write across three kill -9 at random moments', async () => {
    const dataDir = tempDir('dcops-crash-');
    const acked: Acked = { created: new Set(), submitted: new Set(), hosts: new Set(), versions: new Map() };
    let server = await boot(dataDir);
    const tokens = await setUp(server.base);
    const kills: number[] = [];
    /** Temp files found after each kill, before the restart cleaned them. */
    const leftovers: number[] = [];
    for (let round = 0; round < 3; round++) {
      const writers = startWriters(server.base, tokens, acked, `r${round}`);
      const delay = 250 + Math.floor(Math.random() * 1000);
      kills.push(delay);
      await Promise.race([sleep(delay), writers.done]);
      await killHard(server);
      await writers.stop();
      leftovers.push(filesBelow(join(dataDir, 'evidence', 'tmp')).length);
      server = await boot(dataDir);
      checkDataDir(dataDir, tokens, acked);
      await auditVerifies(dataDir);
      // The restarted console serves what was acknowledged.
      const last = [...acked.submitted].pop()!;
      const got = await api(server.base, 'GET', `/api/v1/requests/${last}`, tokens.operator);
      expect(got.body.state, `after kills at ${kills.join(', ')} ms`).toBe('submitted');
    }
    expect(acked.created.size).toBeGreaterThan(30);
    expect(acked.versions.size).toBeGreaterThan(3);
    // The kills did catch uploads half-way: the start-up cleaning was really exercised.
    expect(leftovers.some((n) => n > 0), `temp files after each kill: ${leftovers.join(', ')}`).toBe(true);
    expect(await stopGracefully(server)).toBe(0);
    await auditVerifies(dataDir);
  }, 180_000);
});

describe('backup while serving', () => {
  it('restores to the row counts its manifest promises and a verifying chain; an altered byte is refused', async () => {
    const root = tempDir('dcops-crash-backup-');
    const dataDir = join(root, 'data');
    const backup = join(root, 'backup');
    const server = await boot(dataDir);
    const tokens = await setUp(server.base);
    const acked: Acked = { created: new Set(), submitted: new Set(), hosts: new Set(), versions: new Map() };
    const writers = startWriters(server.base, tokens, acked, 'b');
    await sleep(400);
    const before = acked.created.size;
    // Another process copies the database while the server keeps writing to it.
    const taken = await run(process.execPath, ['bin/dcops.js', 'backup', backup], { DCOPS_DATA_DIR: dataDir });
    expect(taken.code, taken.stdout + taken.stderr).toBe(0);
    await sleep(200);
    await writers.stop();
    expect(acked.created.size, 'writes went on during the backup').toBeGreaterThan(before);

    const refusedLive = await run(process.execPath, ['bin/dcops.js', 'restore', backup], { DCOPS_DATA_DIR: dataDir });
    expect(refusedLive.code).toBe(1);
    expect(refusedLive.stderr).toMatch(/holds a database.*--force/);
    const refusedRunning = await run(process.execPath, ['bin/dcops.js', 'restore', backup, '--force'], { DCOPS_DATA_DIR: dataDir });
    expect(refusedRunning.code).toBe(1);
    expect(refusedRunning.stderr).toMatch(/in use by another process/);
    expect(await stopGracefully(server)).toBe(0);

    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as { database: { tables: Record<string, number>; auditHead: string; auditEntries: number }; files: { path: string }[] };
    const restored = join(root, 'restored');
    const restore = await run(process.execPath, ['bin/dcops.js', 'restore', backup, '--to', restored], {});
    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    await auditVerifies(restored);
    const db = new Database(join(restored, 'dcops.db'), { readonly: true });
    const live = new Database(join(dataDir, 'dcops.db'), { readonly: true });
    try {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      const counts = Object.fromEntries(names.map((n) => [n, db.prepare(`SELECT count(*) FROM "${n}"`).pluck().get() as number]));
      // `dcops audit verify` above added its own verification record.
      expect({ ...counts, audit_log: counts.audit_log! - 1, audit_verifications: counts.audit_verifications! - 1 }).toEqual(manifest.database.tables);
      expect(live.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(manifest.database.auditEntries)).toBe(manifest.database.auditHead);
      const creates = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'hosting-request.create'").pluck().get();
      expect(manifest.database.tables.hosting_requests).toBe(creates);
      expect(manifest.files.some((f) => f.path.startsWith('evidence/sha256/'))).toBe(true);
    } finally {
      db.close();
      live.close();
    }

    // One byte changed, in the manifest or in a file: refused, nothing written.
    for (const alter of [
      (dir: string) => {
        const file = join(dir, 'manifest.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('"formatVersion": 1', '"formatVersion": 2'));
      },
      (dir: string) => {
        const file = join(dir, manifest.files.find((f) => f.path.startsWith('evidence/'))!.path);
        const bytes = readFileSync(file);
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
        writeFileSync(file, bytes);
      },
    ]) {
      const copy = join(root, `altered-${randomBytes(3).toString('hex')}`);
      cpSync(backup, copy, { recursive: true });
      alter(copy);
      const target = join(root, `never-${randomBytes(3).toString('hex')}`);
      const refused = await run(process.execPath, ['bin/dcops.js', 'restore', copy, '--to', target], {});
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/altered/);
      expect(existsSync(target)).toBe(false);
    }

    // Stopped, the live directory can be replaced with --force; what it held is kept aside.
    const forced = await run(process.execPath, ['bin/dcops.js', 'restore', backup, '--force'], { DCOPS_DATA_DIR: dataDir });
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    const aside = /kept in (\S+)/.exec(forced.stdout)?.[1];
    expect(aside && statSync(join(aside, 'dcops.db')).isFile()).toBe(true);
    await auditVerifies(dataDir);
  }, 180_000);
});
