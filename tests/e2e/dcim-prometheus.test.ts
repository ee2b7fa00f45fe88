/**
 * The facility's readings, metrics and alerts on a real Prometheus: the demo console scraped every
 * second with the generated rules; readings sent through the API make the feed-over-ceiling and
 * stale-reading alerts fire on exactly the components concerned, and PUE is scraped with its
 * measurement category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';
import { consoleApi } from '../helpers/console-api.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { demoFacilityReadings, requirePrometheus, startPrometheus, waitFor, type Prometheus } from '../helpers/prometheus.js';

const PASSWORD = 'demo-password-e2e';
const available = requirePrometheus();
let server: DemoServer | undefined;
let prometheus: Prometheus | undefined;
const { call, login } = consoleApi(() => server!.base, PASSWORD);

beforeAll(async () => {
  if (!available) return;
  server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-e2e-dcim-prom-' });
  prometheus = await startPrometheus(`127.0.0.1:${server.port}`);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await server?.stop();
});

describe.skipIf(!available)('facility readings on a real Prometheus', () => {
  it('fires the feed and stale-reading alerts on the components concerned, and scrapes PUE with its category', async () => {
    const prom = prometheus!;
    const operator = await login('operator@demo.dcops.bj');
    const readings = await call('POST', '/api/v1/dcim/readings', { readings: demoFacilityReadings(Date.now()) }, operator);
    expect(readings.status, JSON.stringify(readings.body)).toBe(201);
    await prom.targetUp();

    await waitFor('the feed-over-ceiling alert to fire on feed A only', async () => {
      const feeds = (await prom.alerts()).filter((a) => a.labels.alertname === 'DcopsFacilityFeedOverCeiling' && a.state === 'firing').map((a) => a.labels.component);
      return feeds.length === 1 && feeds[0] === 's1-voie-a' ? true : undefined;
    });
    await waitFor('the stale-reading alert to fire on the PDU', async () => {
      const stale = (await prom.alerts()).filter((a) => a.labels.alertname === 'DcopsFacilityReadingStale' && a.state === 'firing').map((a) => a.labels.component);
      return stale.length === 1 && stale[0] === 's1-r01-pdu-a' ? true : undefined;
    });
    // No room is short of cooling and the demo sweeps clean: those alerts stay quiet.
    expect((await prom.alerts()).filter((a) => ['DcopsFacilityCoolingHeadroomBelowOneUnit', 'DcopsFacilitySinglePointOfFailure'].includes(a.labels.alertname!))).toEqual([]);
    // PUE: 270 MWh of facility energy for 160 MWh of IT energy measured at the UPS output (category 1).
    const pue = await prom.query(`dcops_facility_pue_ratio{job="${CONSOLE_SCRAPE_JOB}"}`);
    expect(pue.map((s) => [s.metric.category, Number(s.value[1]).toFixed(4)])).toEqual([['1', (270 / 160).toFixed(4)]]);
    expect(await prom.query(`dcops_facility_single_points_of_failure{job="${CONSOLE_SCRAPE_JOB}"} == 0`)).toHaveLength(1);
    expect((await prom.query(`dcops_facility_cooling_capacity_watts{job="${CONSOLE_SCRAPE_JOB}"}`)).map((s) => s.metric.room).sort()).toEqual(['salle-1', 'salle-2']);
  }, 180_000);
});
