/**
 * The console with demo data and a real Prometheus (Debian package) scraping it every second,
 * loading the generated rules. After a small workload, every query of every generated panel
 * returns data, and provoked conditions show up as firing alerts. Then the console restarts on
 * the same database: what Prometheus reads from the new process equals what it read before, and
 * counters neither jump nor lose what happens after the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/build.js';
import { panelQueries } from '../../dashboards/queries.js';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';
import { withGrafanaDefaults } from '../dashboards/promql-lint.js';
import { consoleApi } from '../helpers/console-api.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { demoFacilityReadings, requirePrometheus, sleep, startPrometheus, waitFor, type Prometheus, type Series } from '../helpers/prometheus.js';

/** Metrics the console rebuilds from its database at every scrape (the domain gauges and the lead-time histograms). */
const FROM_DATABASE = [
  'dcops_hosting_requests',
  'dcops_ministry_allocation',
  'dcops_ministry_quota',
  'dcops_host_capacity',
  'dcops_host_allocated',
  'dcops_controls',
  'dcops_certification_readiness_ratio',
  'dcops_evidence_items',
  'dcops_evidence_review_items',
  'dcops_audit_findings_open',
  'dcops_policy_results',
  'dcops_exceptions_active',
  'dcops_policy_last_run_timestamp_seconds',
  'dcops_stack_provisioning_requests',
  'dcops_hosting_request_decision_lead_time_seconds_count',
  'dcops_hosting_request_decision_lead_time_seconds_sum',
  'dcops_hosting_request_decision_lead_time_seconds_bucket',
  'dcops_hosting_request_provisioning_lead_time_seconds_count',
  'dcops_apply_runs_total',
] as const;

/** Every series of those metrics as Prometheus holds them now, keyed by name and labels (not the instance). */
async function fromDatabase(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const key = (s: Series) =>
    Object.entries(s.metric)
      .filter(([k]) => k !== 'instance' && k !== 'job')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => (k === '__name__' ? v : `${k}=${v}`))
      .join(' ');
  for (const name of FROM_DATABASE) for (const s of await query(`${name}{job="${CONSOLE_SCRAPE_JOB}"}`)) out[key(s)] = s.value[1];
  return out;
}

const sumOf = (series: Series[]) => series.reduce((n, s) => n + Number(s.value[1]), 0);

const PASSWORD = 'demo-password-e2e';
const available = requirePrometheus();
let server: DemoServer | undefined;
let prometheus: Prometheus | undefined;
const { call, login } = consoleApi(() => server!.base, PASSWORD);
const query = (expr: string) => prometheus!.query(expr);

beforeAll(async () => {
  if (!available) return;
  server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-e2e-prom-' });
  prometheus = await startPrometheus(`127.0.0.1:${server.port}`);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await server?.stop();
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
    const readings = await call('POST', '/api/v1/dcim/readings', { readings: demoFacilityReadings(Date.now()) }, operator);
    expect(readings.status, JSON.stringify(readings.body)).toBe(201);

    await prometheus!.targetUp();
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

    const firing = await prometheus!.firing('the quota alert to fire', (a) => a.labels.alertname === 'DcopsMinistryQuotaNearlyExhausted' && a.labels.ministry === 'MEF');
    expect(firing.labels.severity).toBeDefined();
    await prometheus!.firing('the expired-evidence alert to fire', (a) => a.labels.alertname === 'DcopsEvidenceExpired' && a.labels.framework === 'iso27001-2022');
  }, 180_000);

  it('gives the same values after a restart on the same database, and counters that neither jump nor miss', async () => {
    // A request MND submits now, decided only after the restart.
    const requester = await login('requester.mnd@demo.dcops.bj');
    const created = await call('POST', '/api/v1/requests', { environmentName: 'apres-redemarrage', purpose: 'Décision après redémarrage', classification: 'internal', exposure: 'government', availability: 'standard', backup: { policy: 'daily', retentionDays: 7 }, services: [{ name: 'api', image: `registry.asin.bj/e2e/api:1@sha256:${'c'.repeat(64)}`, vcpu: 1, memoryMb: 512, storageGb: 0, ports: [8080], healthcheck: { test: ['CMD', 'true'] }, replicas: 1 }] }, requester);
    expect(created.status).toBe(201);
    expect((await call('POST', `/api/v1/requests/${created.body!.id as string}/submit`, undefined, requester)).status).toBe(200);
    // A refused sign-in: counted in process memory only, so the restart resets it.
    expect((await call('POST', '/api/v1/auth/login', { email: 'operator@demo.dcops.bj', password: 'not-the-password' })).status).toBe(401);

    const startedAt = async () => Number((await query(`process_start_time_seconds{job="${CONSOLE_SCRAPE_JOB}"}`))[0]?.value[1] ?? 0);
    const firstStart = await startedAt();
    await waitFor('the submission and the refused sign-in scraped', async () =>
      sumOf(await query(`dcops_hosting_requests{job="${CONSOLE_SCRAPE_JOB}",ministry="MND",state="submitted"}`)) >= 1 &&
      sumOf(await query(`dcops_sign_in_failures_total{job="${CONSOLE_SCRAPE_JOB}"}`)) >= 1
        ? true
        : undefined,
    );
    // The windows below start after the refused sign-in was counted: what they see is the restart alone.
    await sleep(3000);
    const before = await fromDatabase();
    const decisionsBefore = sumOf(await query(`dcops_hosting_request_decision_lead_time_seconds_count{job="${CONSOLE_SCRAPE_JOB}",ministry="MND"}`));
    expect(decisionsBefore).toBeGreaterThanOrEqual(1);
    expect(Object.keys(before).length).toBeGreaterThan(50);
    const restartedAt = Date.now();

    await server!.restart();
    await waitFor('a scrape of the restarted console', async () => ((await startedAt()) > firstStart ? true : undefined));
    await sleep(2000);

    // The same series with the same values, read from the new process.
    expect(await fromDatabase()).toEqual(before);
    const window = `${Math.ceil((Date.now() - restartedAt) / 1000) + 1}s`;
    // No false increase: the lead-time counts were rebuilt, not reset and replayed.
    expect(await query(`resets(dcops_hosting_request_decision_lead_time_seconds_count{job="${CONSOLE_SCRAPE_JOB}"}[${window}]) > 0`)).toEqual([]);
    expect(await query(`increase(dcops_hosting_request_decision_lead_time_seconds_count{job="${CONSOLE_SCRAPE_JOB}"}[${window}]) > 0`)).toEqual([]);
    // The in-process counter went back to zero: Prometheus reads a reset, not a decrease or a rise.
    expect(sumOf(await query(`dcops_sign_in_failures_total{job="${CONSOLE_SCRAPE_JOB}"}`))).toBe(0);
    expect(sumOf(await query(`increase(dcops_sign_in_failures_total{job="${CONSOLE_SCRAPE_JOB}"}[${window}])`))).toBe(0);

    // And what happens after the restart counts: the decision is one more, seen by increase().
    const operator = await login('operator@demo.dcops.bj');
    expect((await call('POST', `/api/v1/requests/${created.body!.id as string}/reject`, { comment: 'Essai de supervision terminé.' }, operator)).status).toBe(200);
    await waitFor('the decision after the restart scraped', async () =>
      sumOf(await query(`dcops_hosting_request_decision_lead_time_seconds_count{job="${CONSOLE_SCRAPE_JOB}",ministry="MND"}`)) === decisionsBefore + 1 ? true : undefined,
    );
    const since = `${Math.ceil((Date.now() - restartedAt) / 1000) + 5}s`;
    const increase = sumOf(await query(`increase(dcops_hosting_request_decision_lead_time_seconds_count{job="${CONSOLE_SCRAPE_JOB}",ministry="MND"}[${since}])`));
    expect(Math.round(increase)).toBe(1);
  }, 180_000);
});
