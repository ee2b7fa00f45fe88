/**
 * A real Prometheus (Debian's package) for the end-to-end monitoring tests: it scrapes one
 * console every second and loads the generated alert and recording rules, evaluated every second
 * and without their `for` delays so a provoked condition fires within a test's patience; the
 * queries and alert lookups the tests read the result with.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';
import { ruleFile } from '../../dashboards/rules/render.js';
import { exited, start } from './process.js';

function hasPrometheus(): boolean {
  try {
    execFileSync('prometheus', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the binary is there: warns loudly when it is not, and fails on CI. */
export function requirePrometheus(): boolean {
  const available = hasPrometheus();
  if (!available) {
    const message = 'the prometheus binary is missing: the end-to-end monitoring test cannot run (.ci/run installs it)';
    if (process.env.CI === 'true') throw new Error(message);
    console.warn(`\n⚠️  SKIPPING ${message}\n`);
  }
  return available;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
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

export interface Series {
  metric: Record<string, string>;
  value: [number, string];
}

export interface Alert {
  labels: Record<string, string>;
  state: string;
}

export interface Prometheus {
  readonly url: string;
  query(expr: string): Promise<Series[]>;
  alerts(): Promise<Alert[]>;
  /** Resolves once an alert matching `match` fires. */
  firing(what: string, match: (a: Alert) => boolean): Promise<Alert>;
  /** Resolves once the console's target is up. */
  targetUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrometheus(consoleTarget: string): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-e2e-prometheus-'));
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
      scrape_configs: [{ job_name: CONSOLE_SCRAPE_JOB, metrics_path: '/metrics', static_configs: [{ targets: [consoleTarget] }] }],
    }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  try {
    child = (await start('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], {}, /Server is ready to receive web requests/)).child;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  async function query(expr: string): Promise<Series[]> {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; data?: { result: Series[] }; error?: string };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data!.result;
  }
  async function alerts(): Promise<Alert[]> {
    return ((await (await fetch(`${url}/api/v1/alerts`)).json()) as { data: { alerts: Alert[] } }).data.alerts;
  }
  return {
    url,
    query,
    alerts,
    firing: (what, match) => waitFor(what, async () => (await alerts()).find((a) => a.state === 'firing' && match(a))),
    targetUp: async () => {
      await waitFor('the console target up', async () => ((await query(`up{job="${CONSOLE_SCRAPE_JOB}"} == 1`)).length ? true : undefined));
    },
    async stop() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Readings for the demo facility: feed A of room 1 at 85 % of its 200 kW rating (above the 80 %
 * ceiling), feed B below; one PDU reading twenty minutes old (stale); a temperature, a UPS, and a
 * month of facility and IT energy for PUE (270 MWh for 160 MWh measured at the UPS output).
 */
export function demoFacilityReadings(now: number) {
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  return [
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
  ];
}
