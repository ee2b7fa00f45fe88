/**
 * API throughput: `GET /api/v1/requests` (authenticated, 50 per page, 10k requests in the
 * database) against a bare Hono hello-world, both served by their own process on 127.0.0.1,
 * and the audit-chain verification rate on a million entries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequestInput } from '../console/api/schemas.js';
import { appendAudit, verifyAuditChain } from '../console/audit/chain.js';
import { manualClock, systemClock } from '../console/clock.js';
import { systemActor, type Actor } from '../console/context.js';
import { closeDatabase, openDatabase } from '../console/db/open.js';
import { demoImage, seedDemo } from '../console/demo/seed.js';
import { createApiToken } from '../console/services/auth/tokens.js';
import { createHostingRequest } from '../console/services/hosting-requests/create.js';
import { exited, start } from '../tests/helpers/process.js';
import { closedLoop } from './load.js';
import type { BenchResult } from './types.js';

const CONNECTIONS = 50;
const DURATION_MS = 8_000;
const WARMUP_MS = 1_500;

function seedDatabase(dir: string): Promise<string> {
  const db = openDatabase(join(dir, 'dcops.db'));
  const clock = manualClock(new Date('2026-01-01T00:00:00Z'));
  return seedDemo({ db, clock, password: 'bench-password-123', scryptN: 1024 }).then(({ accounts }) => {
    const users = db.$client.prepare('SELECT id, email, role, ministry_id FROM users').all() as { id: string; email: string; role: Actor['role']; ministry_id: string | null }[];
    const requesters = users.filter((u) => u.role === 'requester');
    const input = (i: number) =>
      createRequestInput.parse({
        environmentName: `bench-${i}`,
        purpose: 'Charge de test',
        classification: 'internal',
        exposure: 'government',
        availability: 'standard',
        backup: { policy: 'daily', retentionDays: 7 },
        services: [{ name: 'api', image: demoImage('bench/api', '1.0'), vcpu: 1, memoryMb: 512, storageGb: 1, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 }],
      });
    const existing = (db.$client.prepare('SELECT count(*) AS n FROM hosting_requests').get() as { n: number }).n;
    for (let i = existing; i < 10_000; i++) {
      const u = requesters[i % requesters.length]!;
      clock.advance(1000);
      createHostingRequest({ ctx: { db, clock, actor: { userId: u.id, email: u.email, role: 'requester', ministryId: u.ministry_id, via: 'cli' } }, input: input(i) });
    }
    const operator = users.find((u) => u.email === accounts.find((a) => a.role === 'operator')!.email)!;
    // The server runs on the real clock: the token must be valid now, not at the seed's dates.
    const { token } = createApiToken({ ctx: { db, clock: systemClock, actor: { userId: operator.id, email: operator.email, role: 'operator', ministryId: null, via: 'cli' } }, input: { name: 'bench' }, defaultTtlDays: 1 });
    closeDatabase(db);
    return token;
  });
}

async function measure(cmd: string, args: string[], env: Record<string, string>, ready: RegExp, path: (port: number) => string, headers: Record<string, string> = {}) {
  const { child, output } = await start(cmd, args, env, ready);
  try {
    const port = Number(ready.exec(output())![1]);
    const url = `http://127.0.0.1:${port}${path(port)}`;
    await closedLoop({ url, connections: CONNECTIONS, durationMs: WARMUP_MS, headers });
    return await closedLoop({ url, connections: CONNECTIONS, durationMs: DURATION_MS, headers });
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-api-'));
  try {
    const token = await seedDatabase(dir);
    const tsx = join('node_modules', '.bin', 'tsx');
    const probe = await measureOnce(dir, token);
    if (probe !== 200) throw new Error(`the authenticated list answered ${probe}, not 200: the benchmark would measure errors`);
    const hello = await measure(tsx, ['bench/hello-server.ts'], {}, /listening (\d+)/, () => '/');
    const api = await measure(
      tsx,
      ['console/main.ts'],
      { DCOPS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' },
      /Console : http:\/\/127\.0\.0\.1:(\d+)/,
      () => '/api/v1/requests?limit=50',
      { authorization: `Bearer ${token}` },
    );
    const audit = auditVerification();
    return [
      {
        id: 'api.requests.list.rps',
        title: 'GET /api/v1/requests (50 per page, 10k requests, bearer auth), 50 connections',
        unit: 'req/s',
        value: Math.round(api.rps),
        baseline: { title: 'bare Hono hello-world, same adapter, same load', value: Math.round(hello.rps) },
        ratio: round(api.rps / hello.rps),
        better: 'higher',
        goal: 'ratio ≥ 0.5',
        met: api.rps / hello.rps >= 0.5 && api.errors === 0,
        notes: `${api.requests} requests, ${api.errors} errors; hello-world p99 ${round(hello.p99Ms)} ms`,
      },
      {
        id: 'api.requests.list.p99',
        title: 'GET /api/v1/requests p99 latency at 50 connections',
        unit: 'ms',
        value: round(api.p99Ms),
        baseline: { title: 'bare Hono hello-world p99', value: round(hello.p99Ms) },
        better: 'lower',
        goal: '≤ 25 ms',
        met: api.p99Ms <= 25,
        notes: `p50 ${round(api.p50Ms)} ms, max ${round(api.maxMs)} ms`,
      },
      audit,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function auditVerification(): BenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-audit-'));
  const db = openDatabase(join(dir, 'dcops.db'));
  try {
    const entries = 1_000_000;
    const insert = db.$client.transaction(() => {
      for (let i = 0; i < entries; i++) {
        appendAudit(db.$client, {
          at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
          actor: systemActor,
          action: 'hosting-request.submit',
          entity: 'hosting-request',
          entityId: `req-${i % 10_000}`,
          ministryId: 'ministry-id',
          before: { state: 'draft', version: 1 },
          after: { state: 'submitted', version: 2 },
        });
      }
    });
    insert();
    const started = performance.now();
    const result = verifyAuditChain(db.$client);
    const seconds = (performance.now() - started) / 1000;
    if (!result.ok || result.entries !== entries) throw new Error('audit chain did not verify');
    return {
      id: 'audit.verify.1m',
      title: 'Audit chain verification of 1,000,000 entries',
      unit: 's',
      value: round(seconds),
      better: 'lower',
      goal: '≤ 3 s',
      met: seconds <= 3,
      notes: `${Math.round(entries / seconds).toLocaleString('en')} entries/s`,
    };
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One authenticated request on a fresh server, so a setup mistake fails loudly instead of benchmarking 401s. */
async function measureOnce(dir: string, token: string): Promise<number> {
  const ready = /Console : http:\/\/127\.0\.0\.1:(\d+)/;
  const { child, output } = await start(join('node_modules', '.bin', 'tsx'), ['console/main.ts'], { DCOPS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' }, ready);
  try {
    const port = Number(ready.exec(output())![1]);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/requests?limit=50`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    return res.status;
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
