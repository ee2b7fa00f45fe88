/**
 * A real console for tests: a migrated SQLite database in a temp dir, the real app, a clock the
 * test controls, and accounts for every role with bearer tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createApp, type AppDeps } from '../../console/app.js';
import { loginLimiters } from '../../console/auth/rate-limit.js';
import { manualClock } from '../../console/clock.js';
import { systemActor, type Actor, type ServiceContext } from '../../console/context.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { closeDatabase, type Db } from '../../console/db/open.js';
import { parseConfig } from '../../console/env.js';
import { createLogger } from '../../console/logger.js';
import { TEST_SETTINGS } from './test-settings.js';
import { createApiToken } from '../../console/services/auth/tokens.js';
import { createHost } from '../../console/services/hosts/create.js';
import { createMinistry } from '../../console/services/ministries/create.js';
import { createUser } from '../../console/services/users/create.js';

export const PASSWORD = 'correct-horse-battery-staple';
export const IMAGE = 'registry.asin.bj/demo/app:1.0@sha256:' + 'a'.repeat(64);

/**
 * Response bodies as tests read them. The one deliberate `any` of the project: responses are
 * checked by the assertions themselves, so typing each shape here would only repeat them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResponseBody = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: ResponseBody;
}

export interface Caller {
  email: string;
  token: string;
  actor: Actor;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

export function service(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    image: IMAGE,
    vcpu: 1,
    memoryMb: 1024,
    storageGb: 10,
    ports: [8080],
    healthcheck: { test: ['CMD', 'true'] },
    replicas: 1,
    ...overrides,
  };
}

export function requestBody(env: string, overrides: Record<string, unknown> = {}) {
  return {
    environmentName: env,
    purpose: 'Application de test',
    classification: 'internal',
    exposure: 'government',
    availability: 'standard',
    backup: { policy: 'daily', retentionDays: 30 },
    services: [service('api')],
    ...overrides,
  };
}

export async function makeHarness(options: { hosts?: { name: string; vcpu: number; memoryMb: number; storageGb: number; powerFeed: 'A' | 'B' }[]; env?: Record<string, string>; infra?: AppDeps['infra']; eventLoopDelayMs?: () => number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-test-'));
  const clock = manualClock(new Date('2026-11-21T08:00:00.000Z'));
  const db: Db = prepareDatabase(join(dir, 'dcops.db'), clock);
  // The second factor, write limits and a closed /metrics are on by default in production; the
  // tests that are about them turn them on, the others sign in and write freely.
  const config = parseConfig({
    DCOPS_DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    ...TEST_SETTINGS,
    DCOPS_METRICS_PUBLIC: 'true',
    ...options.env,
  });
  const logger = createLogger('silent');
  const registry = new Registry();
  const limiters = loginLimiters(clock);
  const app = createApp({ db, clock, config, logger, registry, limiters, ...(options.infra ? { infra: options.infra } : {}), ...(options.eventLoopDelayMs ? { eventLoopDelayMs: options.eventLoopDelayMs } : {}) });
  const sys: ServiceContext = { db, clock, actor: systemActor };

  const mef = createMinistry({ ctx: sys, input: { code: 'MEF', name: 'Économie et Finances', kind: 'ministry', quotas: { vcpu: 16, memoryMb: 32768, storageGb: 500, environments: 5 } } });
  const mnd = createMinistry({ ctx: sys, input: { code: 'MND', name: 'Numérique et Digitalisation', kind: 'ministry', quotas: { vcpu: 16, memoryMb: 32768, storageGb: 500, environments: 5 } } });
  const hostList = options.hosts ?? [
    { name: 'h1', vcpu: 16, memoryMb: 32768, storageGb: 1000, powerFeed: 'A' as const },
    { name: 'h2', vcpu: 16, memoryMb: 32768, storageGb: 1000, powerFeed: 'B' as const },
    { name: 'h3', vcpu: 16, memoryMb: 32768, storageGb: 1000, powerFeed: 'A' as const },
    { name: 'h4', vcpu: 16, memoryMb: 32768, storageGb: 1000, powerFeed: 'B' as const },
  ];
  for (const h of hostList) createHost({ ctx: sys, input: { ...h, dockerHost: `tcp://10.0.0.1:2376`, zone: 'salle-1' } });

  const callers: Record<string, Caller> = {};
  const people = [
    ['admin', 'admin@test.bj', 'admin', undefined],
    ['operator', 'op1@test.bj', 'operator', undefined],
    ['operator2', 'op2@test.bj', 'operator', undefined],
    ['auditor', 'audit@test.bj', 'auditor', undefined],
    ['mef', 'dsi@mef.bj', 'requester', 'MEF'],
    ['mef2', 'dsi2@mef.bj', 'requester', 'MEF'],
    ['mnd', 'dsi@mnd.bj', 'requester', 'MND'],
  ] as const;
  for (const [key, email, role, ministry] of people) {
    const { user } = await createUser({ ctx: sys, input: { email, name: key, role, password: PASSWORD, ...(ministry ? { ministry } : {}) }, scryptN: 1024 });
    const actor: Actor = { userId: user.id, email, role, ministryId: ministry === 'MEF' ? mef.id : ministry === 'MND' ? mnd.id : null, via: 'token' };
    // Issued as from the owner's session, as the console only issues them.
    const { token } = createApiToken({ ctx: { db, clock, actor: { ...actor, via: 'session' } }, input: { name: 'tests' }, defaultTtlDays: 30 });
    callers[key] = { email, token, actor };
  }

  async function call(who: string | Caller | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const caller = typeof who === 'string' ? callers[who] : who;
    const h: Record<string, string> = { ...headers };
    if (caller) h.authorization = `Bearer ${caller.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** Signs in with the password (a browser session): the cookie and the CSRF token to send. */
  async function signIn(who: string, password = PASSWORD): Promise<{ cookie: string; csrf: string; body: ResponseBody }> {
    const email = callers[who]?.email ?? who;
    const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const body = (await res.json()) as ResponseBody;
    const value = /dcops_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    if (res.status !== 200 || !value) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(body)}`);
    return { cookie: `dcops_session=${value}`, csrf: body.csrfToken as string, body };
  }

  /** A call from a signed-in browser session (cookie, and the CSRF token on writes). */
  async function callAs(session: { cookie: string; csrf: string }, method: string, path: string, body?: unknown): Promise<Reply> {
    return call(null, method, path, body, { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) });
  }

  /** Issues an API token the way people do: from a signed-in session. */
  async function issueToken(who: string, body: Record<string, unknown>): Promise<Reply> {
    return callAs(await signIn(who), 'POST', '/api/v1/auth/tokens', body);
  }

  /**
   * Row counts of every table plus the audit head: "nothing changed" means these are equal. The
   * security-event log is left out unless asked for, since recording a refusal is its job.
   */
  function snapshot(options: { securityEvents?: boolean } = {}) {
    const tables = db.$client
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'${options.securityEvents ? '' : " AND name NOT LIKE 'security_event%'"} ORDER BY name`)
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = (db.$client.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    const head = db.$client.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
    const requests = db.$client.prepare('SELECT id, state, version FROM hosting_requests ORDER BY id').all();
    return { counts, head: head?.hash ?? null, requests };
  }

  /** Creates a request as `who` and walks it through `actions` (operators alternate). */
  async function requestIn(who: string, env: string, actions: string[], overrides: Record<string, unknown> = {}) {
    const created = await call(who, 'POST', '/api/v1/requests', requestBody(env, overrides));
    if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    let last = created;
    for (const action of actions) {
      // `activate` is the administrators' escape hatch (a stack applied outside the console): tests
      // of other areas use it to reach `active` without running terraform.
      const actor = action === 'submit' || action === 'request-decommission' ? who : action === 'activate' ? 'admin' : 'operator';
      const body = action === 'reject' || action === 'request-changes' ? { comment: 'raison' } : action === 'activate' ? { comment: 'appliquée hors console (essai)' } : undefined;
      last = await call(actor, 'POST', `/api/v1/requests/${created.body.id}/${action}`, body);
      if (last.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(last.body)}`);
    }
    return last.body;
  }

  return {
    dir,
    db,
    clock,
    config,
    app,
    registry,
    ministries: { MEF: mef, MND: mnd },
    callers,
    call,
    signIn,
    callAs,
    issueToken,
    snapshot,
    requestIn,
    close() {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
