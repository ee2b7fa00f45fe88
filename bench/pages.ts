/**
 * Server time to render the console's main pages on the full Benin demo data: each role's home,
 * the request list, the approval queue and a framework's controls. Rendered in process through
 * `app.request` (no network, no browser), signed in through the real sign-in form, median and
 * p95 over many renders after a warm-up. The goal is absolute: 50 ms per page. Then a busy day:
 * the approval queue with 500 pending requests (p95 ≤ 50 ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { createApp } from '../console/app.js';
import { loginLimiters } from '../console/auth/rate-limit.js';
import { prepareDatabase } from '../console/bootstrap.js';
import { systemClock } from '../console/clock.js';
import { closeDatabase } from '../console/db/open.js';
import { DEMO_DOMAIN, seedDemo } from '../console/demo/seed.js';
import { parseConfig } from '../console/env.js';
import { createLogger } from '../console/logger.js';
import type { Actor } from '../console/context.js';
import { createHostingRequest } from '../console/services/hosting-requests/create.js';
import { transitionRequest } from '../console/services/hosting-requests/transition.js';
import type { BenchResult } from './types.js';

const BUSY_QUEUE = 500;

/** Fills the queue to `total` submitted requests, spread over the ministries, through the real verbs. */
export function fillQueue(db: Parameters<typeof createHostingRequest>[0]['ctx']['db'], total: number): void {
  const requesters = db.$client.prepare("SELECT id, email, ministry_id AS ministryId FROM users WHERE role = 'requester' ORDER BY email").all() as { id: string; email: string; ministryId: string }[];
  const already = (db.$client.prepare("SELECT count(*) AS n FROM hosting_requests WHERE state = 'submitted'").get() as { n: number }).n;
  for (let i = 0; i < total - already; i++) {
    const r = requesters[i % requesters.length]!;
    const actor: Actor = { userId: r.id, email: r.email, role: 'requester', ministryId: r.ministryId, via: 'cli' };
    const ctx = { db, clock: systemClock, actor };
    const created = createHostingRequest({
      ctx,
      input: {
        environmentName: `file-${i}`,
        purpose: 'Charge de la file d’approbation',
        classification: 'internal',
        exposure: 'government',
        availability: i % 3 === 0 ? 'high' : 'standard',
        backup: { policy: 'daily', retentionDays: 30 },
        services: [
          { name: 'api', kind: 'web', image: `registry.asin.bj/bench/api:1.0@sha256:${'c'.repeat(64)}`, vcpu: 0.5 + (i % 4) * 0.25, memoryMb: 1024, storageGb: 0, ports: [8080], healthcheck: { test: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 }, replicas: 2 },
          { name: 'db', kind: 'postgresql', image: `registry.asin.bj/bench/db:1.0@sha256:${'d'.repeat(64)}`, vcpu: 1, memoryMb: 2048, storageGb: 20, ports: [5432], healthcheck: { test: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 }, replicas: i % 3 === 0 ? 2 : 1 },
        ],
      },
    });
    transitionRequest({ ctx, input: { id: created.id, action: 'submit', version: created.version } });
  }
}

const GOAL_MS = 50;
const RENDERS = 200;
const WARMUP = 20;
const PASSWORD = 'bench-password-pages';

type App = ReturnType<typeof createApp>;

interface Target {
  id: string;
  title: string;
  who: string;
  path: string;
}

const targets: Target[] = [
  { id: 'home.requester', title: 'requester home (MEF)', who: `requester.mef@${DEMO_DOMAIN}`, path: '/' },
  { id: 'home.operator', title: 'operator home', who: `operator@${DEMO_DOMAIN}`, path: '/' },
  { id: 'home.auditor', title: 'auditor home (readiness chart)', who: `auditor@${DEMO_DOMAIN}`, path: '/' },
  { id: 'home.admin', title: 'admin home', who: `admin@${DEMO_DOMAIN}`, path: '/' },
  { id: 'requests', title: 'requests list (all ministries)', who: `operator@${DEMO_DOMAIN}`, path: '/demandes' },
  { id: 'queue', title: 'approval queue (capacity impact of each request)', who: `operator@${DEMO_DOMAIN}`, path: '/approbations' },
  { id: 'controls', title: 'controls list (ISO/IEC 27001 Annex A)', who: `auditor@${DEMO_DOMAIN}`, path: '/referentiels/iso27001-2022' },
];

function cookieOf(res: Response, name: string): string {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie`);
  return line.split(';')[0]!;
}

async function signIn(app: App, email: string): Promise<string> {
  const form = await app.request('/connexion');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!token) throw new Error('the sign-in form has no CSRF field');
  const body = new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString();
  const res = await app.request('/connexion', { method: 'POST', headers: { cookie: cookieOf(form, 'dcops_login_csrf'), 'content-type': 'application/x-www-form-urlencoded' }, body });
  if (res.status !== 303) throw new Error(`sign-in of ${email} answered ${res.status}`);
  return cookieOf(res, 'dcops_session');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function timeRenders(app: App, cookie: string, path: string): Promise<{ median: number; p95: number; bytes: number }> {
  let bytes = 0;
  const once = async () => {
    const started = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: the benchmark would measure errors`);
    bytes = text.length;
    return ms;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < RENDERS; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95), bytes };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-pages-'));
  const db = prepareDatabase(join(dir, 'dcops.db'), systemClock);
  try {
    await seedDemo({ db, clock: systemClock, password: PASSWORD, scryptN: 1024 });
    // As `npm run demo` serves it: the demo accounts sign in without a second factor.
    const config = parseConfig({ DCOPS_DATA_DIR: dir, DCOPS_SCRYPT_N: '1024', LOG_LEVEL: 'silent', DCOPS_MFA_REQUIRED_ROLES: 'none' });
    const app = createApp({ db, clock: systemClock, config, logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(systemClock) });
    const cookies = new Map<string, string>();
    const results: BenchResult[] = [];
    for (const t of targets) {
      let cookie = cookies.get(t.who);
      if (!cookie) cookies.set(t.who, (cookie = await signIn(app, t.who)));
      const { median, p95, bytes } = await timeRenders(app, cookie, t.path);
      for (const [stat, value] of [
        ['median', median],
        ['p95', p95],
      ] as const) {
        results.push({
          id: `pages.${t.id}.${stat}`,
          title: `${t.title}: server render time, ${stat}`,
          unit: 'ms',
          value: round(value),
          ratio: round(GOAL_MS / value),
          better: 'lower',
          goal: `≤ ${GOAL_MS} ms`,
          met: value <= GOAL_MS,
          notes: `${RENDERS} renders of ${t.path} after ${WARMUP} warm-up, demo data, ${Math.round(bytes / 1024)} KiB of HTML`,
        });
      }
    }
    // A busy day: 500 requests waiting for a decision.
    fillQueue(db, BUSY_QUEUE);
    const operator = cookies.get(`operator@${DEMO_DOMAIN}`) ?? (await signIn(app, `operator@${DEMO_DOMAIN}`));
    const busy = await timeRenders(app, operator, '/approbations');
    for (const [stat, value] of [
      ['median', busy.median],
      ['p95', busy.p95],
    ] as const) {
      results.push({
        id: `pages.queue${BUSY_QUEUE}.${stat}`,
        title: `approval queue with ${BUSY_QUEUE} pending requests: server render time, ${stat}`,
        unit: 'ms',
        value: round(value),
        ratio: round(GOAL_MS / value),
        better: 'lower',
        goal: `≤ ${GOAL_MS} ms`,
        met: value <= GOAL_MS,
        notes: `${RENDERS} renders of /approbations after ${WARMUP} warm-up, demo data plus ${BUSY_QUEUE} submitted requests (quota, combined quota and a placement dry run each), ${Math.round(busy.bytes / 1024)} KiB of HTML`,
      });
    }
    return results;
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
