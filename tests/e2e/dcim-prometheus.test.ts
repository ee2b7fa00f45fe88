/**
 * The facility's readings, metrics and alerts on a real Prometheus: the demo console scraped every
 * second with the generated rules; readings sent through the API make the feed-over-ceiling and
 * stale-reading alerts fire on exactly the components concerned, and PUE is scraped with its
 * measurement category.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleFile } from '../../dashboards/rules/render.js';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';
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

const dir = mkdtempSync(join(tmpdir(), 'dcops-e2e-dcim-prom-'));
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

describe.skipIf(!available)('facility readings on a real Prometheus', () => {
  it('fires the feed and stale-reading alerts on the components concerned, and scrapes PUE with its category', async () => {
    const operator = await login('operator@demo.dcops.bj');
    // Feed A of room 1 at 85 % of its 200 kW rating (above the 80 % ceiling), feed B below; one
    // PDU reading twenty minutes old (stale); a temperature, a UPS, energy for PUE.
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

    const alerts = async () => ((await (await fetch(`${promUrl}/api/v1/alerts`)).json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } }).data.alerts;
    await waitFor('the feed-over-ceiling alert to fire on feed A only', async () => {
      const feeds = (await alerts()).filter((a) => a.labels.alertname === 'DcopsFacilityFeedOverCeiling' && a.state === 'firing').map((a) => a.labels.component);
      return feeds.length === 1 && feeds[0] === 's1-voie-a' ? true : undefined;
    });
    await waitFor('the stale-reading alert to fire on the PDU', async () => {
      const stale = (await alerts()).filter((a) => a.labels.alertname === 'DcopsFacilityReadingStale' && a.state === 'firing').map((a) => a.labels.component);
      return stale.length === 1 && stale[0] === 's1-r01-pdu-a' ? true : undefined;
    });
    // No room is short of cooling and the demo sweeps clean: those alerts stay quiet.
    expect((await alerts()).filter((a) => ['DcopsFacilityCoolingHeadroomBelowOneUnit', 'DcopsFacilitySinglePointOfFailure'].includes(a.labels.alertname!))).toEqual([]);
    // PUE: 270 MWh of facility energy for 160 MWh of IT energy measured at the UPS output (category 1).
    const pue = await query(`dcops_facility_pue_ratio{job="${CONSOLE_SCRAPE_JOB}"}`);
    expect(pue.map((s) => [s.metric.category, Number(s.value[1]).toFixed(4)])).toEqual([['1', (270 / 160).toFixed(4)]]);
    expect(await query(`dcops_facility_single_points_of_failure{job="${CONSOLE_SCRAPE_JOB}"} == 0`)).toHaveLength(1);
    expect((await query(`dcops_facility_cooling_capacity_watts{job="${CONSOLE_SCRAPE_JOB}"}`)).map((s) => s.metric.room).sort()).toEqual(['salle-1', 'salle-2']);
  }, 180_000);
});
