/**
 * API throughput: `GET /api/v1/requests` (authenticated, 50 per page, 10k requests in the
 * database) against a bare Hono hello-world, both served by their own process on 127.0.0.1 and
 * measured in alternating rounds: throughput and tail latency, each as a ratio to the bare server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequestInput } from '../console/api/schemas.js';
import { manualClock, systemClock } from '../console/clock.js';
import type { Actor } from '../console/context.js';
import { closeDatabase, openDatabase } from '../console/db/open.js';
import { demoImage, seedDemo } from '../console/demo/seed.js';
import { createApiToken } from '../console/services/auth/tokens.js';
import { createHostingRequest } from '../console/services/hosting-requests/create.js';
import { exited, start } from '../tests/helpers/process.js';
import type { ChildProcess } from 'node:child_process';
import { closedLoop, type LoadResult } from './load.js';
import { atMostTimes, type BenchResult } from './types.js';

const CONNECTIONS = 50;
const ROUNDS = 5;
const ROUND_MS = 3_000;
const WARMUP_MS = 2_000;
/** The authenticated, paginated list may add at most this much to the tail latency of a bare server under the same load. */
const P99_GOAL_RATIO = 3;

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

interface Target {
  url: string;
  headers: Record<string, string>;
}

async function serve(cmd: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const { child, output } = await start(cmd, args, env, ready);
  return { child, port: Number(ready.exec(output())![1]) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Both servers run side by side and are measured in alternating rounds, each round in the other
 * order, so a slow patch of the machine (another tenant, a frequency change) weighs on both
 * sides alike; the ratio is the median of the rounds' ratios.
 */
async function alternate(hello: Target, api: Target) {
  const load = (t: Target, durationMs: number) => closedLoop({ url: t.url, connections: CONNECTIONS, durationMs, headers: t.headers });
  await load(hello, WARMUP_MS);
  await load(api, WARMUP_MS);
  const rounds: { hello: LoadResult; api: LoadResult }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      const h = await load(hello, ROUND_MS);
      rounds.push({ hello: h, api: await load(api, ROUND_MS) });
    } else {
      const a = await load(api, ROUND_MS);
      rounds.push({ api: a, hello: await load(hello, ROUND_MS) });
    }
  }
  return rounds;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-api-'));
  const children: ChildProcess[] = [];
  try {
    const token = await seedDatabase(dir);
    const tsx = join('node_modules', '.bin', 'tsx');
    const helloServer = await serve(tsx, ['bench/hello-server.ts'], {}, /listening (\d+)/);
    children.push(helloServer.child);
    const console_ = await serve(tsx, ['console/main.ts'], { DCOPS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' }, /Console : http:\/\/127\.0\.0\.1:(\d+)/);
    children.push(console_.child);
    const api: Target = { url: `http://127.0.0.1:${console_.port}/api/v1/requests?limit=50`, headers: { authorization: `Bearer ${token}` } };
    // A setup mistake must fail loudly instead of benchmarking 401s.
    const probe = await fetch(api.url, { headers: api.headers });
    const page = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || page.items?.length !== 50) throw new Error(`the authenticated list answered ${probe.status} with ${page.items?.length} items, not 200 with 50`);
    const rounds = await alternate({ url: `http://127.0.0.1:${helloServer.port}/`, headers: {} }, api);
    const ratios = rounds.map((r) => r.api.rps / r.hello.rps);
    const ratio = median(ratios);
    const apiRps = median(rounds.map((r) => r.api.rps));
    const helloRps = median(rounds.map((r) => r.hello.rps));
    const errors = rounds.reduce((n, r) => n + r.api.errors, 0);
    const requests = rounds.reduce((n, r) => n + r.api.requests, 0);
    const p99 = Math.max(...rounds.map((r) => r.api.p99Ms));
    const helloP99 = Math.max(...rounds.map((r) => r.hello.p99Ms));
    return [
      {
        id: 'api.requests.list.rps',
        title: 'GET /api/v1/requests (50 per page, 10k requests, bearer auth), 50 connections',
        unit: 'req/s',
        value: Math.round(apiRps),
        baseline: { title: 'bare Hono hello-world, same adapter, same load', value: Math.round(helloRps) },
        ratio: round(ratio),
        better: 'higher',
        goal: 'ratio ≥ 0.5',
        met: ratio >= 0.5 && errors === 0,
        notes: `median of ${ROUNDS} alternating ${ROUND_MS / 1000} s rounds (ratios ${ratios.map(round).join(', ')}); ${requests} requests, ${errors} errors; hello-world p99 ${round(Math.max(...rounds.map((r) => r.hello.p99Ms)))} ms`,
      },
      atMostTimes({
        id: 'api.requests.list.p99',
        title: 'GET /api/v1/requests p99 latency at 50 connections (worst round)',
        unit: 'ms',
        value: p99,
        baseline: { title: 'bare Hono hello-world p99 (worst round), same load', value: helloP99 },
        maxTimes: P99_GOAL_RATIO,
        notes: `p50 ${round(median(rounds.map((r) => r.api.p50Ms)))} ms, max ${round(Math.max(...rounds.map((r) => r.api.maxMs)))} ms`,
      }),
    ];
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
