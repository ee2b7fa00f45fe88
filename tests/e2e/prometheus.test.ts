/**
 * The console with demo data and a real Prometheus (Debian package) scraping it every second,
 * loading the generated rules. After a small workload, every query of every generated panel
 * returns data, and provoked conditions show up as firing alerts.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/build.js';
import { panelQueries } from '../../dashboards/queries.js';
import { ruleFile } from '../../dashboards/rules/render.js';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';
import { withGrafanaDefaults } from '../dashboards/promql-lint.js';
import { exited, start } from '../helpers/process.js';

function hasPrometheus(): boolean {
  try {
    execFileSync('prometheus', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const available = hasPrometheus();
if (!available) {
  const message = 'the prometheus binary is missing: the end-to-end monitoring test cannot run (.ci/run installs it)';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n⚠️  SKIPPING ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dcops-e2e-prom-'));
const processes: ChildProcess[] = [];
let consolePort = 0;
let promUrl = '';

interface Series {
  metric: Record<string, string>;
  value: [number, string];
}
async function query(expr: string): Promise<Series[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { status: string; data?: { result: Series[] }; error?: string };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data!.result;
}

async function call(method: string, path: string, body?: unknown, auth?: { cookie: string; csrf: string }) {
  const res = await fetch(`http://127.0.0.1:${consolePort}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { cookie: auth.cookie, 'x-csrf-token': auth.csrf } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null, headers: res.headers };
}

async function login(email: string) {
  const r = await call('POST', '/api/v1/auth/login', { email, password: 'demo-password-e2e' });
  expect(r.status).toBe(200);
  return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: r.body!.csrfToken as string };
}

beforeAll(async () => {
  if (!available) return;
  const c = await start(join('node_modules', '.bin', 'tsx'), ['console/main.ts', '--demo'], { DCOPS_DATA_DIR: join(dir, 'data'), PORT: '0', DCOPS_SCRYPT_N: '1024', DCOPS_DEMO_PASSWORD: 'demo-password-e2e', LOG_LEVEL: 'warn' }, /Console : http:\/\/127\.0\.0\.1:(\d+)/);
  processes.push(c.child);
  consolePort = Number(/Console : http:\/\/127\.0\.0\.1:(\d+)/.exec(c.output())![1]);

  // The generated rules, evaluated every second and without their `for` delays, so a provoked
  // condition fires within the test's patience.
  const rules = ruleFile();
  for (const g of rules.groups) {
    (g as { interval?: string }).interval = '1s';
    for (const r of g.rules) if ('for' in r) delete (r as { for?: string }).for;
  }
  writeFileSync(join(dir, 'rules.yml'), stringify(rules, { lineWidth: 0 }));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(dir, 'rules.yml')],
      scrape_configs: [{ job_name: CONSOLE_SCRAPE_JOB, metrics_path: '/metrics', static_configs: [{ targets: [`127.0.0.1:${consolePort}`] }] }],
    }),
  );
  const promPort = await freePort();
  promUrl = `http://127.0.0.1:${promPort}`;
  const p = await start('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`], {}, /Server is ready to receive web requests/);
  processes.push(p.child);
}, 120_000);

afterAll(async () => {
  for (const p of processes) {
    p.kill('SIGTERM');
    await exited(p);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)('console + real Prometheus', () => {
  it('scrapes the console, answers every panel query and fires provoked alerts', async () => {
    // A small workload: reads, a new request decided, an apply run recorded, a policy check.
    const operator = await login('operator@demo.dcops.bj');
    const requester = await login('requester.mnd@demo.dcops.bj');
    const admin = await login('admin@demo.dcops.bj');
    for (let i = 0; i < 5; i++) await call('GET', '/api/v1/requests?limit=50', undefined, operator);
    const created = await call('POST', '/api/v1/requests', { environmentName: 'charge-e2e', purpose: 'Essai de supervision', classification: 'internal', exposure: 'government', availability: 'standard', backup: { policy: 'daily', retentionDays: 7 }, services: [{ name: 'api', image: `registry.asin.bj/e2e/api:1@sha256:${'b'.repeat(64)}`, vcpu: 1, memoryMb: 512, storageGb: 0, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 }] }, requester);
    expect(created.status).toBe(201);
    await call('POST', `/api/v1/requests/${created.body!.id as string}/submit`, undefined, requester);
    for (const action of ['approve', 'start-provisioning']) {
      expect((await call('POST', `/api/v1/requests/${created.body!.id as string}/${action}`, undefined, operator)).status).toBe(200);
    }
    expect((await call('POST', '/api/v1/policy-runs', {}, operator)).status).toBe(201);
    // A plan of every changed stack (the demo's docker stacks: terraform, if any, cannot fetch
    // the provider here, so the runs say why they have no plan file), then a drift check.
    expect((await call('POST', '/api/v1/runs', {}, operator)).status).toBe(201);
    await call('POST', '/api/v1/runs/drift', {}, operator);

    // Provoke: MEF's quota brought down to just above what it has booked (over 90 %).
    const mef = await call('GET', '/api/v1/ministries/MEF', undefined, admin);
    const allocated = mef.body!.allocated as { vcpu: number; memoryMb: number; storageGb: number; environments: number };
    const tight = await call('PATCH', '/api/v1/ministries/MEF', { quotas: { vcpu: Math.ceil(allocated.vcpu / 0.95 * 4) / 4 } }, admin);
    expect(tight.status, JSON.stringify(tight.body)).toBe(200);

    // Provoke: an evidence item whose only version expired last month.
    const item = await call('POST', '/api/v1/evidence', { title: 'Procédure de contrôle d’accès (ancienne)', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.7.2' }] }, operator);
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const lastMonth = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const expired = await call('POST', `/api/v1/evidence/${item.body!.id as string}/versions`, { note: 'Revue annuelle des badges', effectiveAt: new Date(Date.now() - 400 * 86_400_000).toISOString(), expiresAt: lastMonth }, operator);
    expect(expired.status, JSON.stringify(expired.body)).toBe(201);
    // Only accepted evidence proves anything, so only accepted evidence can expire: the auditor
    // accepted it back when it was in force.
    const auditor = await login('auditor@demo.dcops.bj');
    const version = (expired.body!.latestVersion as { version: number }).version;
    const accepted = await call('POST', `/api/v1/evidence/${item.body!.id as string}/versions/${version}/accept`, undefined, auditor);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    // Facility readings, so every panel of the facility dashboard has data (its alerts are proven
    // in dcim-prometheus.test.ts).
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const readings = await call(
      'POST',
      '/api/v1/dcim/readings',
      {
        readings: [
          { componentId: 's1-voie-a', metric: 'power_w', value: 170_000, measuredAt: at(0) },
          { componentId: 's1-voie-b', metric: 'power_w', value: 90_000, measuredAt: at(0) },
          { componentId: 's1-r01-pdu-a', metric: 'power_w', value: 4_200, measuredAt: at(20) },
          { componentId: 'ups-1', metric: 'power_w', value: 120_000, measuredAt: at(0) },
          { componentId: 's1-r01', metric: 'inlet_temperature_c', value: 23.5, measuredAt: at(0) },
          { componentId: 'sbee-hta', metric: 'facility_energy_kwh', value: 1_000_000, measuredAt: at(30 * 24 * 60) },
          { componentId: 'sbee-hta', metric: 'facility_energy_kwh', value: 1_270_000, measuredAt: at(0) },
          { componentId: 'ups-1', metric: 'it_energy_kwh', value: 500_000, measuredAt: at(30 * 24 * 60) },
          { componentId: 'ups-1', metric: 'it_energy_kwh', value: 580_000, measuredAt: at(0) },
          { componentId: 'ups-2', metric: 'it_energy_kwh', value: 400_000, measuredAt: at(30 * 24 * 60) },
          { componentId: 'ups-2', metric: 'it_energy_kwh', value: 480_000, measuredAt: at(0) },
        ],
      },
      operator,
    );
    expect(readings.status, JSON.stringify(readings.body)).toBe(201);

    await waitFor('the console target up', async () => ((await query(`up{job="${CONSOLE_SCRAPE_JOB}"} == 1`)).length ? true : undefined));
    // rate() over the panels' windows needs a few samples.
    await sleep(8000);

    const empty: string[] = [];
    for (const [, dashboard] of buildDashboards()) {
      for (const q of panelQueries(dashboard)) {
        const series = await query(withGrafanaDefaults(q.expr));
        if (series.length === 0) empty.push(`${q.dashboard} / ${q.panel}: ${q.expr}`);
      }
    }
    expect(empty).toEqual([]);

    const firing = await waitFor('the quota alert to fire', async () => {
      const res = await fetch(`${promUrl}/api/v1/alerts`);
      const body = (await res.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
      const hit = body.data.alerts.find((a) => a.labels.alertname === 'DcopsMinistryQuotaNearlyExhausted' && a.labels.ministry === 'MEF' && a.state === 'firing');
      return hit;
    });
    expect(firing.labels.severity).toBeDefined();
    await waitFor('the expired-evidence alert to fire', async () => {
      const res = await fetch(`${promUrl}/api/v1/alerts`);
      const body = (await res.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
      return body.data.alerts.find((a) => a.labels.alertname === 'DcopsEvidenceExpired' && a.labels.framework === 'iso27001-2022' && a.state === 'firing');
    });
  }, 180_000);
});
