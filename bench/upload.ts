/**
 * Evidence upload: a 1 GiB file POSTed as multipart/form-data, streamed from disk to the
 * console served by its own process on 127.0.0.1, against `sha256sum` reading the same file.
 * The server hashes and writes as it receives, so hashing speed is the bar it is held to; its
 * resident memory must stay flat whatever the file size.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { prepareDatabase } from '../console/bootstrap.js';
import { manualClock } from '../console/clock.js';
import { systemActor, type Actor } from '../console/context.js';
import { closeDatabase } from '../console/db/open.js';
import { createApiToken } from '../console/services/auth/tokens.js';
import { createEvidence } from '../console/services/evidence/create.js';
import { createUser } from '../console/services/users/create.js';
import { exited, start } from '../tests/helpers/process.js';
import type { BenchResult } from './types.js';

const MiB = 1024 * 1024;
const FILE_BYTES = 1024 * MiB;
const BOUNDARY = '----dcops-bench-upload';
const GOAL_RATIO = 0.8;
const GOAL_RSS_MIB = 64;

async function generateFile(path: string): Promise<void> {
  async function* chunks() {
    // A ZIP signature first: the console checks declared types against the leading bytes.
    yield Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(MiB - 4)]);
    for (let written = MiB; written < FILE_BYTES; written += MiB) yield randomBytes(MiB);
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path));
}

async function sha256sum(path: string): Promise<{ sha256: string; seconds: number }> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)('sha256sum', [path]);
  return { sha256: stdout.split(/\s+/)[0]!, seconds: (performance.now() - started) / 1000 };
}

async function seed(dataDir: string): Promise<{ token: string; evidenceId: string }> {
  const clock = manualClock(new Date());
  const db = prepareDatabase(join(dataDir, 'dcops.db'), clock);
  try {
    const sys = { db, clock, actor: systemActor };
    const { user } = await createUser({ ctx: sys, input: { email: 'bench@asin.bj', name: 'Bench', role: 'operator', password: 'bench-password-123' }, scryptN: 1024 });
    const actor: Actor = { userId: user.id, email: user.email, role: 'operator', ministryId: null, via: 'cli' };
    const { token } = createApiToken({ ctx: { db, clock, actor }, input: { name: 'bench' }, defaultTtlDays: 1 });
    const item = createEvidence({
      ctx: { db, clock, actor },
      input: { title: 'Sauvegarde complète (banc d’essai)', description: '', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.13' }] },
    });
    return { token, evidenceId: item.id };
  } finally {
    closeDatabase(db);
  }
}

/** `tsx` runs the console in a child of its own: the server is the deepest process of the tree. */
function serverPid(pid: number): number {
  for (;;) {
    const path = `/proc/${pid}/task/${pid}/children`;
    const children = existsSync(path) ? readFileSync(path, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
    if (children.length === 0) return pid;
    pid = children[0]!;
  }
}

function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) * 1024;
}

function upload(port: number, token: string, evidenceId: string, file: string, size: number): Promise<{ status: number; body: string }> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="effectiveAt"\r\n\r\n${new Date().toISOString()}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="sauvegarde.zip"\r\nContent-Type: application/zip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  async function* body() {
    yield head;
    yield* createReadStream(file, { highWaterMark: MiB });
    yield tail;
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/evidence/${evidenceId}/versions`,
        headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': String(head.length + size + tail.length) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    pipeline(Readable.from(body()), req).catch(reject);
  });
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-upload-'));
  try {
    const file = join(dir, 'sauvegarde.zip');
    await generateFile(file);
    const size = statSync(file).size;
    // Warm the page cache so neither side pays for the first read from disk.
    await sha256sum(file);
    const baseline = await sha256sum(file);

    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    const { token, evidenceId } = await seed(dataDir);
    const ready = /Console : http:\/\/127\.0\.0\.1:(\d+)/;
    const { child, output } = await start(
      join('node_modules', '.bin', 'tsx'),
      ['console/main.ts'],
      { DCOPS_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DCOPS_ADMIN_PASSWORD: 'bench-admin-password', DCOPS_SCRYPT_N: '1024' },
      ready,
    );
    try {
      const port = Number(ready.exec(output())![1]);
      const pid = serverPid(child.pid!);
      // A first small upload loads every module on the path before anything is measured.
      const warm = join(dir, 'warm.zip');
      await pipeline(Readable.from([Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(MiB)])]), createWriteStream(warm));
      const warmed = await upload(port, token, evidenceId, warm, statSync(warm).size);
      if (warmed.status !== 201) throw new Error(`warm-up upload answered ${warmed.status}: ${warmed.body}`);

      const before = rssBytes(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 25);
      const started = performance.now();
      const res = await upload(port, token, evidenceId, file, size);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const after = rssBytes(pid);
      peak = Math.max(peak, after);
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${res.body}`);
      const stored = (JSON.parse(res.body) as { latestVersion: { file: { sha256: string } } }).latestVersion.file.sha256;
      if (stored !== baseline.sha256) throw new Error(`stored sha256 ${stored} differs from sha256sum ${baseline.sha256}`);

      const mbps = (bytes: number, s: number) => Math.round((bytes / 1e6 / s) * 10) / 10;
      const value = mbps(size, seconds);
      const base = mbps(size, baseline.seconds);
      const ratio = Math.round((value / base) * 100) / 100;
      const growthMiB = Math.round(((peak - before) / MiB) * 10) / 10;
      return [
        {
          id: 'evidence.upload.throughput',
          title: 'Evidence upload of a 1 GiB file (multipart, streamed, hashed and fsynced)',
          unit: 'MB/s',
          value,
          baseline: { title: 'sha256sum on the same file (page cache warm)', value: base },
          ratio,
          better: 'higher',
          goal: `≥ ${GOAL_RATIO * 100} % of sha256sum`,
          met: ratio >= GOAL_RATIO,
          notes: `stored sha256 equals sha256sum's; ${seconds.toFixed(2)} s against ${baseline.seconds.toFixed(2)} s`,
        },
        {
          id: 'evidence.upload.rss-growth',
          title: 'Server RSS growth during the 1 GiB upload',
          unit: 'MiB',
          value: growthMiB,
          better: 'lower',
          goal: `≤ ${GOAL_RSS_MIB} MiB`,
          met: growthMiB <= GOAL_RSS_MIB,
          notes: `VmRSS of the server process: ${Math.round(before / MiB)} MiB before, ${Math.round(peak / MiB)} MiB at peak, ${Math.round(after / MiB)} MiB after`,
        },
      ];
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
