/**
 * `npm run load`: the highest rate the console holds on a mixed workload (0 errors, p99 ≤ 100 ms),
 * as a ratio to bare Hono's capacity measured in the same run (see findCapacity).
 * `npm run load -- --rate N [--duration S]`: one fixed-rate run of the same workload.
 *
 * The server is a child process on 127.0.0.1 with the Benin demo data in a temp directory. The
 * generator is open-loop: request i is due at start + i / rate whether or not earlier answers
 * came back, and its latency is measured from that due time, not from when it left. A closed
 * loop (send the next one when the previous answers) slows down with the server and hides the
 * queueing a stalled server causes (coordinated omission); this one does not.
 *
 * Mix: reads (request lists and details, ministries, the audit trail), request creation,
 * transitions (submit, approve, request changes, reject), evidence uploads and /metrics scrapes.
 * Reports errors and p50/p90/p99/max per operation and overall, writes bench/load-results.json
 * (bench/load-capacity.json for the search). Bounded: at most MAX_RATE requests/s for
 * MAX_DURATION_S seconds, then a drain time limit; the search takes at most SEARCH.maxSteps steps.
 * Past its capacity the console refuses requests with 503 (load shedding): they count as errors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { exited, start as startProcess } from '../tests/helpers/process.js';
import { closedLoop, percentile } from './load.js';
import type { BenchResult } from './types.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const MAX_RATE = 5_000;
const MAX_DURATION_S = 600;
const REQUEST_TIMEOUT_MS = 30_000;
const DRAIN_LIMIT_MS = 35_000;
const DEMO_PASSWORD = 'load-demo-password';
const BOUNDARY = 'dcops-load-boundary';
const TARGET = { rate: 500, p99Ms: 100 };
const EVIDENCE_ITEMS = 100;

export interface LoadRunOptions {
  /** Requests per second, all operations together. */
  rate: number;
  /** Measured seconds, after the warm-up. */
  durationS: number;
  /** Seconds of the same load before measuring (not counted). */
  warmupS: number;
  /** The server's LOG_LEVEL: `info` is what production writes (one line per request). */
  logLevel: string;
  /** Seconds into the measured window at which `dcops backup` copies the data directory (none by default). */
  backupAtS?: number | undefined;
  /** Where the JSON result goes; null to write nothing. */
  out: string | null;
  quiet?: boolean;
}

type Op = 'requests.list' | 'requests.get' | 'ministries.list' | 'audit.list' | 'requests.create' | 'requests.submit' | 'requests.decide' | 'evidence.upload' | 'metrics';

/** Share of each operation in the schedule (sums to 100). */
const MIX: Record<Op, number> = {
  'requests.list': 25,
  'requests.get': 20,
  'ministries.list': 11,
  'audit.list': 9,
  'requests.create': 12,
  'requests.submit': 8,
  'requests.decide': 8,
  'evidence.upload': 5,
  metrics: 2,
};

interface Sample {
  op: Op;
  /** Seconds from the start of the measured window to the due time. */
  at: number;
  ms: number;
  status: number;
  error: string | null;
}

export interface OpStats {
  op: string;
  count: number;
  errors: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** p99 of the answers that were as expected: what load shedding keeps bounded past capacity. */
  servedP99Ms: number;
}

export interface LoadRunResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  options: Omit<LoadRunOptions, 'out' | 'quiet'>;
  scheduled: number;
  /** Requests per second actually sent during the measured window. */
  achievedRate: number;
  /** Most requests in flight at once: grows when the server falls behind. */
  maxInFlight: number;
  overall: OpStats;
  operations: OpStats[];
  firstErrors: string[];
  /** The slowest answers and when they were due: a stall shows as several at the same moment. */
  slowest: { op: string; atS: number; ms: number }[];
  /** p99 per second of the measured window. */
  p99BySecond: number[];
  /** The online backup taken during the run, when asked for. */
  backup?: { atS: number; ms: number; ok: boolean; output: string };
  target: { rate: number; p99Ms: number; errors: 0; met: boolean };
}

interface Server {
  child: ChildProcess;
  port: number;
  tail: () => string;
}

/** Starts the demo console; its output is drained (a full pipe would stall it) and only a tail kept. */
function startServer(dataDir: string, logLevel: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['console/main.ts', '--demo'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        DCOPS_DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: logLevel,
        DCOPS_DEMO_PASSWORD: DEMO_PASSWORD,
        DCOPS_SCRYPT_N: '1024',
        // A scheduled backup landing inside the measured window would make runs incomparable.
        DCOPS_BACKUP_INTERVAL_HOURS: '0',
        // A handful of demo accounts stand for a whole site's users: the per-account write limit
        // would refuse most of the mix, which measures capacity, not one person's pace.
        DCOPS_WRITE_RATE_PER_MINUTE: '0',
      },
    });
    let tail = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the console did not start within 60 s:\n${tail}`));
    }, 60_000);
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-8192);
      if (ready) return;
      const port = /Console : http:\/\/127\.0\.0\.1:(\d+)/.exec(tail)?.[1];
      if (port) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, port: Number(port), tail: () => tail });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`the console exited with ${code} before serving:\n${tail}`));
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    const kill = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    server.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.child.kill('SIGTERM');
  });
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Setting up is not measured: a request the console refused as overloaded (503) is sent again
 * after its Retry-After, a bounded number of times.
 */
async function setup(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    const r = await send(agent, port, method, path, headers, body);
    if (r.status !== 503 || attempt >= 20) return r;
    await new Promise((done) => setTimeout(done, 1000 * Number(r.headers['retry-after'] ?? 1)));
  }
}

const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Tokens and pools the workload draws from; filled through the API like any client would. */
interface World {
  admin: string;
  operators: string[];
  auditor: string;
  requesters: string[];
  /** File evidence items uploads are spread over, as versions accumulate slowly on each in real use. */
  evidenceIds: string[];
  /** Every request id seen, for detail reads. */
  known: string[];
  /** Drafts and requests sent back for changes, by requester token: ready to submit. */
  drafts: { id: string; token: string }[];
  submitted: string[];
  /** The requester token that owns each request created here. */
  owners: Map<string, string>;
}

async function signIn(agent: Agent, port: number, email: string): Promise<string> {
  const login = await setup(agent, port, 'POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, JSON.stringify({ email, password: DEMO_PASSWORD }));
  if (login.status !== 200) throw new Error(`sign-in of ${email} failed: ${login.status} ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
  const made = await setup(agent, port, 'POST', '/api/v1/auth/tokens', { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, JSON.stringify({ name: 'load' }));
  if (made.status !== 201) throw new Error(`token for ${email} failed: ${made.status} ${made.body}`);
  return (JSON.parse(made.body) as { token: string }).token;
}

let envCounter = 0;
function newRequestBody(): string {
  return JSON.stringify({
    environmentName: `charge-${process.pid % 1000}-${envCounter++}`,
    purpose: 'Charge mixte à débit fixe',
    classification: 'internal',
    exposure: 'government',
    availability: 'standard',
    backup: { policy: 'daily', retentionDays: 7 },
    services: [{ name: 'api', image: 'registry.asin.bj/charge/app:1.0@sha256:' + 'b'.repeat(64), vcpu: 0.25, memoryMb: 128, storageGb: 1, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 }],
  });
}

async function prepareWorld(agent: Agent, port: number): Promise<World> {
  const admin = await signIn(agent, port, 'admin@demo.dcops.bj');
  const users = JSON.parse((await setup(agent, port, 'GET', '/api/v1/users?limit=200', bearer(admin))).body) as { items: { email: string; role: string }[] };
  const emails = (role: string) => users.items.filter((u) => u.role === role).map((u) => u.email);
  const operators = await Promise.all(emails('operator').map((e) => signIn(agent, port, e)));
  const requesters = await Promise.all(emails('requester').map((e) => signIn(agent, port, e)));
  const auditor = await signIn(agent, port, emails('auditor')[0]!);
  if (operators.length === 0 || requesters.length === 0) throw new Error('the demo data has no operator or no requester');

  // Room for every approval the run makes: approvals then measure the booking, not a refusal.
  const ministries = JSON.parse((await setup(agent, port, 'GET', '/api/v1/ministries', bearer(admin))).body) as { items: { code: string }[] };
  for (const m of ministries.items) {
    const r = await setup(agent, port, 'PATCH', `/api/v1/ministries/${m.code}`, json(admin), JSON.stringify({ quotas: { vcpu: 100_000, memoryMb: 1_000_000_000, storageGb: 100_000_000, environments: 10_000 } }));
    if (r.status !== 200) throw new Error(`quota of ${m.code}: ${r.status} ${r.body}`);
  }
  for (const [i, feed] of (['A', 'B', 'A', 'B'] as const).entries()) {
    const r = await setup(agent, port, 'POST', '/api/v1/site/hosts', json(operators[0]!), JSON.stringify({ name: `charge-${i}`, dockerHost: `tcp://10.20.0.${i + 1}:2376`, vcpu: 1024, memoryMb: 64 * 1024 * 1024, storageGb: 10_000_000, powerFeed: feed, zone: 'salle-charge' }));
    if (r.status !== 201) throw new Error(`host: ${r.status} ${r.body}`);
  }
  const evidenceIds: string[] = [];
  for (let i = 0; i < EVIDENCE_ITEMS; i++) {
    const evidence = await setup(agent, port, 'POST', '/api/v1/evidence', json(operators[0]!), JSON.stringify({ title: `Rapport de charge ${i}`, kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.6' }] }));
    if (evidence.status !== 201) throw new Error(`evidence: ${evidence.status} ${evidence.body}`);
    evidenceIds.push((JSON.parse(evidence.body) as { id: string }).id);
  }

  const listed = JSON.parse((await setup(agent, port, 'GET', '/api/v1/requests?limit=200', bearer(operators[0]!))).body) as { items: { id: string }[] };
  const world: World = { admin, operators, auditor, requesters, evidenceIds, known: listed.items.map((r) => r.id), drafts: [], submitted: [], owners: new Map() };
  // A stock of drafts and submitted requests, so transitions have work from the first second.
  for (let i = 0; i < 60; i++) {
    const token = requesters[i % requesters.length]!;
    const made = await setup(agent, port, 'POST', '/api/v1/requests', json(token), newRequestBody());
    if (made.status !== 201) throw new Error(`request: ${made.status} ${made.body}`);
    const id = (JSON.parse(made.body) as { id: string }).id;
    world.known.push(id);
    world.owners.set(id, token);
    if (i % 2) world.drafts.push({ id, token });
    else {
      const sub = await setup(agent, port, 'POST', `/api/v1/requests/${id}/submit`, bearer(token));
      if (sub.status !== 200) throw new Error(`submit: ${sub.status} ${sub.body}`);
      world.submitted.push(id);
    }
  }
  return world;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/** The operation due next, drawn from the mix. */
function drawOp(): Op {
  let r = Math.random() * 100;
  for (const [op, weight] of Object.entries(MIX) as [Op, number][]) {
    r -= weight;
    if (r < 0) return op;
  }
  return 'requests.list';
}

const uploadBody = (() => {
  const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(16 * 1024), Buffer.from('\n%%EOF\n')]);
  return () =>
    Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="effectiveAt"\r\n\r\n2026-11-01\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="mesures-${randomBytes(4).toString('hex')}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      // One changed byte per upload: each stores a new file rather than finding it already there.
      Buffer.concat([file.subarray(0, 9), randomBytes(8), file.subarray(17)]),
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
})();

/**
 * Sends one operation. Transitions take their request out of the pools while in flight, so two
 * never race on the same request; when a pool is empty the slot goes to a creation instead.
 */
async function perform(op: Op, world: World, agent: Agent, port: number): Promise<{ op: Op; status: number; expected: number[] }> {
  switch (op) {
    case 'requests.list': {
      const token = Math.random() < 0.5 ? pick(world.operators) : pick(world.requesters);
      const r = await send(agent, port, 'GET', '/api/v1/requests?limit=50', bearer(token));
      return { op, status: r.status, expected: [200] };
    }
    case 'requests.get': {
      const r = await send(agent, port, 'GET', `/api/v1/requests/${pick(world.known)}`, bearer(pick(world.operators)));
      return { op, status: r.status, expected: [200] };
    }
    case 'ministries.list': {
      const r = await send(agent, port, 'GET', '/api/v1/ministries', bearer(pick([...world.operators, ...world.requesters])));
      return { op, status: r.status, expected: [200] };
    }
    case 'audit.list': {
      const r = await send(agent, port, 'GET', '/api/v1/audit?limit=50', bearer(world.auditor));
      return { op, status: r.status, expected: [200] };
    }
    case 'metrics': {
      const r = await send(agent, port, 'GET', '/metrics', {});
      return { op, status: r.status, expected: [200] };
    }
    case 'evidence.upload': {
      const r = await send(agent, port, 'POST', `/api/v1/evidence/${pick(world.evidenceIds)}/versions`, { ...bearer(pick(world.operators)), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, uploadBody());
      return { op, status: r.status, expected: [201] };
    }
    case 'requests.submit': {
      const draft = world.drafts.shift();
      if (!draft) return perform('requests.create', world, agent, port);
      const r = await send(agent, port, 'POST', `/api/v1/requests/${draft.id}/submit`, bearer(draft.token));
      if (r.status === 200) world.submitted.push(draft.id);
      return { op, status: r.status, expected: [200] };
    }
    case 'requests.decide': {
      const id = world.submitted.shift();
      if (!id) return perform('requests.create', world, agent, port);
      const decision = pick(['approve', 'approve', 'request-changes', 'reject'] as const);
      const body = decision === 'approve' ? undefined : JSON.stringify({ comment: 'Revue sous charge' });
      const r = await send(agent, port, 'POST', `/api/v1/requests/${id}/${decision}`, body ? json(pick(world.operators)) : bearer(pick(world.operators)), body);
      // Sent back for changes: its requester submits it again later.
      if (r.status === 200 && decision === 'request-changes') world.drafts.push({ id, token: world.owners.get(id)! });
      return { op, status: r.status, expected: [200] };
    }
    case 'requests.create': {
      const token = pick(world.requesters);
      const r = await send(agent, port, 'POST', '/api/v1/requests', json(token), newRequestBody());
      if (r.status === 201) {
        const id = (JSON.parse(r.body) as { id: string }).id;
        world.known.push(id);
        world.owners.set(id, token);
        world.drafts.push({ id, token });
      }
      return { op: 'requests.create', status: r.status, expected: [201] };
    }
  }
}

/** `dcops backup` from another process, as an operator would run it while the console serves. */
function takeBackup(dataDir: string, atS: number): Promise<LoadRunResult['backup']> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['bin/dcops.js', 'backup', join(dataDir, 'backups', 'load')], { cwd: REPO, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), DCOPS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ atS: Math.round(atS * 1000) / 1000, ms: Math.round(performance.now() - started), ok: code === 0, output: output.trim().slice(-2000) }));
  });
}

function stats(op: string, samples: Sample[]): OpStats {
  const sorted = Float64Array.from(samples.map((s) => s.ms)).sort();
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.error ? 'error' : String(s.status)] = (statuses[s.error ? 'error' : String(s.status)] ?? 0) + 1;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    op,
    count: samples.length,
    errors: samples.filter((s) => s.error !== null).length,
    statuses,
    p50Ms: round(percentile(sorted, 0.5)),
    p90Ms: round(percentile(sorted, 0.9)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.length ? sorted[sorted.length - 1]! : 0),
    meanMs: round(sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0),
    servedP99Ms: round(percentile(Float64Array.from(samples.filter((x) => x.error === null).map((x) => x.ms)).sort(), 0.99)),
  };
}

function machine() {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
}

/** One fixed-rate window against a prepared console: the samples of its measured part. */
async function drive(world: World, agent: Agent, port: number, dataDir: string, rate: number, durationS: number, warmupS: number, backupAtS: number | undefined, log: (line: string) => void) {
  const interval = 1000 / rate;
  const warmupCount = Math.round(warmupS * rate);
  const total = warmupCount + Math.round(durationS * rate);
  const samples: Sample[] = [];
  const inFlight = new Set<Promise<void>>();
  let maxInFlight = 0;
  let firstMeasuredSentAt = 0;
  let lastMeasuredSentAt = 0;
  const start = performance.now() + 20;
  const measuredStart = start + warmupCount * interval;
  let backup: Promise<LoadRunResult['backup']> | undefined;
  const backupAt = backupAtS === undefined ? undefined : measuredStart + backupAtS * 1000;

  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // Everything due by now leaves now, late or not: the schedule never waits for answers.
      while (next < total && start + next * interval <= now) {
        const due = start + next * interval;
        const measured = next >= warmupCount;
        if (measured) {
          if (next === warmupCount) firstMeasuredSentAt = now;
          lastMeasuredSentAt = now;
        }
        const op = drawOp();
        const p = perform(op, world, agent, port).then(
          (r) => {
            const ms = performance.now() - due;
            if (measured) samples.push({ op: r.op, at: (due - measuredStart) / 1000, ms, status: r.status, error: r.expected.includes(r.status) ? null : `${r.op}: unexpected status ${r.status}` });
          },
          (err: unknown) => {
            if (measured) samples.push({ op, at: (due - measuredStart) / 1000, ms: performance.now() - due, status: 0, error: `${op}: ${err instanceof Error ? err.message : String(err)}` });
          },
        );
        const tracked = p.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        maxInFlight = Math.max(maxInFlight, inFlight.size);
        next++;
      }
      if (backupAt !== undefined && !backup && now >= backupAt) backup = takeBackup(dataDir, (now - measuredStart) / 1000);
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      else done();
    };
    tick();
  });
  const drained = await Promise.race([Promise.all(inFlight).then(() => true), new Promise<false>((r) => setTimeout(() => r(false), DRAIN_LIMIT_MS).unref())]);
  if (!drained) log(`${inFlight.size} requests still unanswered after ${DRAIN_LIMIT_MS} ms: counted as errors`);
  for (let i = samples.length; i < total - warmupCount; i++) samples.push({ op: 'requests.list', at: durationS, ms: DRAIN_LIMIT_MS, status: 0, error: 'no answer before the drain time limit' });

  const measuredSeconds = (lastMeasuredSentAt - firstMeasuredSentAt) / 1000;
  return {
    samples,
    maxInFlight,
    scheduled: total - warmupCount,
    achievedRate: Math.round(((total - warmupCount - 1) / Math.max(measuredSeconds, 1e-9)) * 10) / 10,
    backup: backup ? await backup : undefined,
  };
}

export async function loadRun(options: LoadRunOptions): Promise<LoadRunResult> {
  if (!(options.rate > 0 && options.rate <= MAX_RATE)) throw new RangeError(`--rate must be in (0, ${MAX_RATE}]`);
  if (!(options.durationS > 0 && options.durationS <= MAX_DURATION_S)) throw new RangeError(`--duration must be in (0, ${MAX_DURATION_S}] seconds`);
  if (!(options.warmupS >= 0 && options.warmupS <= 60)) throw new RangeError('--warmup must be in [0, 60] seconds');
  if (options.backupAtS !== undefined && !(options.backupAtS >= 0 && options.backupAtS < options.durationS)) throw new RangeError('--backup-at must fall inside the measured window');
  const log = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'dcops-load-'));
  // Idle sockets are dropped before the server's 5 s keep-alive timeout would close them: reusing
  // one the server is closing at that very moment fails with ECONNRESET, a client-side artefact.
  const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4_000 });
  let server: Server | undefined;
  try {
    log(`starting the demo console (LOG_LEVEL=${options.logLevel}) …`);
    server = await startServer(dataDir, options.logLevel);
    const port = server.port;
    const world = await prepareWorld(agent, port);
    log(`${world.requesters.length} requesters, ${world.operators.length} operators; ${options.warmupS} s warm-up then ${options.durationS} s at ${options.rate} req/s`);

    const { samples, maxInFlight, scheduled, achievedRate, backup } = await drive(world, agent, port, dataDir, options.rate, options.durationS, options.warmupS, options.backupAtS, log);

    const byOp = new Map<string, Sample[]>();
    for (const s of samples) {
      const list = byOp.get(s.op);
      if (list) list.push(s);
      else byOp.set(s.op, [s]);
    }
    const bySecond: number[][] = Array.from({ length: Math.ceil(options.durationS) }, () => []);
    for (const s of samples) bySecond[Math.min(bySecond.length - 1, Math.max(0, Math.floor(s.at)))]!.push(s.ms);
    const overall = stats('overall', samples);
    const result: LoadRunResult = {
      date: new Date().toISOString(),
      machine: machine(),
      options: { rate: options.rate, durationS: options.durationS, warmupS: options.warmupS, logLevel: options.logLevel, ...(options.backupAtS !== undefined ? { backupAtS: options.backupAtS } : {}) },
      scheduled,
      achievedRate,
      maxInFlight,
      overall,
      operations: [...byOp.entries()].map(([op, list]) => stats(op, list)).sort((a, b) => b.count - a.count),
      firstErrors: [...new Set(samples.filter((s) => s.error).map((s) => s.error!))].slice(0, 10),
      slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 10).map((s) => ({ op: s.op, atS: Math.round(s.at * 1000) / 1000, ms: Math.round(s.ms * 100) / 100 })),
      ...(backup ? { backup } : {}),
      p99BySecond: bySecond.map((list) => Math.round(percentile(Float64Array.from(list).sort(), 0.99) * 100) / 100),
      target: { rate: TARGET.rate, p99Ms: TARGET.p99Ms, errors: 0, met: options.rate >= TARGET.rate && overall.errors === 0 && overall.p99Ms <= TARGET.p99Ms },
    };
    if (options.out) writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    agent.destroy();
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}


/** Bounds of the capacity search: it always ends, and never drives more than MAX_RATE. */
const SEARCH = { firstRate: 100, maxSteps: 14, bisections: 4, stepWarmupS: 1, pauseMs: 2_000 };

export interface CapacityStep {
  rate: number;
  achievedRate: number;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  p99Ms: number;
  /** p99 of the answers that were as expected (the others were mostly refused with 503). */
  servedP99Ms: number;
  held: boolean;
}

export interface CapacityResult {
  date: string;
  machine: LoadRunResult['machine'];
  /** Highest rate held: every answer as expected (no error, no 503) and p99 ≤ the target. */
  heldRate: number;
  /** Bare Hono hello-world on the same adapter and machine, measured in the same run (closed loop). */
  helloRps: number;
  ratio: number;
  stepDurationS: number;
  steps: CapacityStep[];
}

/** Bare Hono's capacity: 50 keep-alive connections, closed loop, after a warm-up. */
async function bareHonoCapacity(): Promise<number> {
  const { child, output } = await startProcess(join('node_modules', '.bin', 'tsx'), ['bench/hello-server.ts'], {}, /listening (\d+)/);
  try {
    const url = `http://127.0.0.1:${/listening (\d+)/.exec(output())![1]}/`;
    await closedLoop({ url, connections: 50, durationMs: 1_000 });
    const r = await closedLoop({ url, connections: 50, durationMs: 3_000 });
    if (r.errors > 0) throw new Error(`the hello-world answered ${r.errors} errors`);
    return r.rps;
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

/**
 * `npm run load`: the highest rate the console holds with 0 errors and p99 ≤ 100 ms on the mixed
 * open-loop workload, as a ratio to bare Hono's capacity measured in the same run. The rate
 * doubles from SEARCH.firstRate while held, then is bisected between the last rate held and the
 * first one not held; each step is a short fixed-rate window against the same console.
 */
export async function findCapacity(options: { stepDurationS: number; logLevel: string; out: string | null; quiet?: boolean }): Promise<CapacityResult> {
  if (!(options.stepDurationS > 0 && options.stepDurationS <= 60)) throw new RangeError('--step-duration must be in (0, 60] seconds');
  const log = (line: string) => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  log('bare Hono hello-world capacity …');
  const helloRps = await bareHonoCapacity();
  log(`  ${Math.round(helloRps)} req/s`);
  const dataDir = mkdtempSync(join(tmpdir(), 'dcops-capacity-'));
  const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 4_000 });
  let server: Server | undefined;
  try {
    log(`starting the demo console (LOG_LEVEL=${options.logLevel}) …`);
    server = await startServer(dataDir, options.logLevel);
    const world = await prepareWorld(agent, server.port);
    const steps: CapacityStep[] = [];
    const tryRate = async (rate: number): Promise<boolean> => {
      const r = await drive(world, agent, server!.port, dataDir, rate, options.stepDurationS, SEARCH.stepWarmupS, undefined, log);
      const overall = stats('overall', r.samples);
      const held = overall.errors === 0 && overall.p99Ms <= TARGET.p99Ms;
      steps.push({ rate, achievedRate: r.achievedRate, requests: overall.count, errors: overall.errors, statuses: overall.statuses, p99Ms: overall.p99Ms, servedP99Ms: overall.servedP99Ms, held });
      log(`  ${String(rate).padStart(5)} req/s: ${held ? 'held    ' : 'not held'} (${overall.errors} errors, p99 ${overall.p99Ms} ms, p99 of those served ${overall.servedP99Ms} ms, statuses ${JSON.stringify(overall.statuses)})`);
      // The next window starts on a console that has caught up.
      await new Promise((r) => setTimeout(r, SEARCH.pauseMs));
      return held;
    };
    let held = 0;
    let notHeld = 0;
    let rate = SEARCH.firstRate;
    while (steps.length < SEARCH.maxSteps && rate <= MAX_RATE) {
      if (await tryRate(rate)) {
        held = rate;
        if (rate === MAX_RATE) break;
        rate = Math.min(MAX_RATE, rate * 2);
      } else {
        notHeld = rate;
        break;
      }
    }
    // Below the first rate when even that was not held; between the two otherwise.
    let lo = held;
    let hi = notHeld;
    for (let i = 0; i < SEARCH.bisections && hi > 0 && steps.length < SEARCH.maxSteps; i++) {
      const mid = Math.round((lo + hi) / 2);
      if (mid === lo || mid === hi) break;
      if (await tryRate(mid)) lo = mid;
      else hi = mid;
    }
    const result: CapacityResult = {
      date: new Date().toISOString(),
      machine: machine(),
      heldRate: lo,
      helloRps: Math.round(helloRps),
      ratio: Math.round((lo / helloRps) * 10_000) / 10_000,
      stepDurationS: options.stepDurationS,
      steps,
    };
    if (options.out) writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    agent.destroy();
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(r: LoadRunResult): string {
  const row = (s: OpStats) => `${s.op.padEnd(16)} ${String(s.count).padStart(7)} ${String(s.errors).padStart(6)} ${String(s.p50Ms).padStart(8)} ${String(s.p90Ms).padStart(8)} ${String(s.p99Ms).padStart(8)} ${String(s.maxMs).padStart(9)}`;
  return [
    `${'operation'.padEnd(16)} ${'count'.padStart(7)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(9)}`,
    ...r.operations.map(row),
    row(r.overall),
  ].join('\n');
}

/** For `npm run bench`: a shorter run (20 s) than `npm run load` (60 s), same rate and goal. */
export async function run(): Promise<BenchResult[]> {
  const r = await loadRun({ rate: TARGET.rate, durationS: 20, warmupS: 5, logLevel: 'info', out: null, quiet: true });
  const worst = [...r.operations].sort((a, b) => b.p99Ms - a.p99Ms)[0];
  return [
    {
      id: 'load.mixed.p99',
      title: `Mixed open-loop load at ${r.options.rate} req/s for ${r.options.durationS} s (reads, writes, transitions, uploads, /metrics): p99 latency from scheduled send`,
      unit: 'ms',
      value: r.overall.p99Ms,
      ratio: Math.round((TARGET.p99Ms / Math.max(r.overall.p99Ms, 0.01)) * 100) / 100,
      better: 'lower',
      goal: `0 errors and p99 ≤ ${TARGET.p99Ms} ms (ratio = ${TARGET.p99Ms} / p99 ≥ 1)`,
      met: r.overall.errors === 0 && r.overall.p99Ms <= TARGET.p99Ms,
      notes: `${r.overall.count} requests, ${r.overall.errors} errors, achieved ${r.achievedRate} req/s; p50 ${r.overall.p50Ms} ms, p90 ${r.overall.p90Ms} ms, max ${r.overall.maxMs} ms; slowest p99: ${worst?.op} ${worst?.p99Ms} ms. 20 s here (npm run load: 60 s).`,
    },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string' },
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '5' },
      'step-duration': { type: 'string', default: '5' },
      'log-level': { type: 'string', default: 'info' },
      'backup-at': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.rate === undefined) {
    const out = values.out ?? join(REPO, 'bench', 'load-capacity.json');
    const c = await findCapacity({ stepDurationS: Number(values['step-duration']), logLevel: values['log-level'], out });
    process.stdout.write(
      `\nhighest rate held (0 errors, p99 ≤ ${TARGET.p99Ms} ms): ${c.heldRate} req/s — ${c.ratio} of bare Hono's ${c.helloRps} req/s measured in the same run\nwritten to ${out}\n`,
    );
    if (c.heldRate === 0) process.exitCode = 1;
    return;
  }
  const out = values.out ?? join(REPO, 'bench', 'load-results.json');
  const r = await loadRun({
    rate: Number(values.rate),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    logLevel: values['log-level'],
    backupAtS: values['backup-at'] === undefined ? undefined : Number(values['backup-at']),
    out,
  });
  process.stdout.write(`\n${table(r)}\n\n`);
  process.stdout.write(`p99 per second (ms): ${r.p99BySecond.join(' ')}; p99 of the answers as expected: ${r.overall.servedP99Ms} ms\n`);
  process.stdout.write(`slowest: ${r.slowest.map((s) => `${s.op} ${s.ms} ms at ${s.atS} s`).join('; ')}\n`);
  process.stdout.write(`scheduled ${r.scheduled} at ${r.options.rate} req/s, sent at ${r.achievedRate} req/s, at most ${r.maxInFlight} in flight\n`);
  for (const e of r.firstErrors) process.stdout.write(`  error: ${e}\n`);
  if (r.backup) process.stdout.write(`online backup at ${r.backup.atS} s: ${r.backup.ok ? 'ok' : 'FAILED'} in ${r.backup.ms} ms (including the CLI start-up)\n${r.backup.output}\n`);
  process.stdout.write(`target (${TARGET.rate} req/s, 0 errors, p99 ≤ ${TARGET.p99Ms} ms): ${r.target.met ? 'met' : 'NOT met'}\nwritten to ${out}\n`);
  if (r.overall.errors > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`load: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
