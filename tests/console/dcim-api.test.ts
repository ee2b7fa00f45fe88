import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilityToCsv } from '../../console/services/dcim/csv.js';
import type { ComponentInput } from '../../facility/index.js';
import { facility, smallRoom } from '../facility/builders.js';
import { makeHarness, service, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

/** The small room with its three servers bound to the harness hosts h1, h2 (dual-corded) and h3 (feed A only). */
const model = (o: Parameters<typeof smallRoom>[0] = {}) =>
  facility(smallRoom(o).map((c): ComponentInput => (c.kind === 'host' ? { ...c, hostName: c.id.toLowerCase() } : c)));
const count = (table: string) => (h.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('facility API', () => {
  it('imports a model as JSON (operators and admins only) and reruns the sweep', async () => {
    expect((await h.call('mef', 'POST', '/api/v1/dcim/import', model())).status).toBe(403);
    const r = await h.call('operator', 'POST', '/api/v1/dcim/import', model());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.components).toBe(26);
    // h4 is not in the model: nothing is booked on it yet, so the sweep is clean.
    expect(r.body.sweep).toMatchObject({ components: 24, singlePoints: 0, clean: true });
    expect((await h.call('auditor', 'GET', '/api/v1/dcim/components')).body.items).toHaveLength(26);
  });

  it('refuses a component that breaks the model, naming the field, and changes nothing', async () => {
    const before = h.snapshot();
    const bad = await h.call('operator', 'PUT', '/api/v1/dcim/components/FA', { id: 'FA', kind: 'feed', name: 'Feed A', parent: 'R', inputs: ['nowhere'], ratingW: 10_000 });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([{ pointer: '/inputs/0', field: 'inputs.0', message: 'no component nowhere' }]);
    const used = await h.call('operator', 'DELETE', '/api/v1/dcim/components/PA');
    expect(used.status).toBe(422);
    expect(used.body.errors.map((e: { message: string }) => e.message)).toContain('FA: no component PA');
    const csv = await h.call('operator', 'POST', '/api/v1/dcim/import', 'id,kind,name\nS,site,\n', { 'content-type': 'text/csv' });
    expect(csv.status).toBe(422);
    expect(h.snapshot()).toEqual(before);
  });

  it('answers what-if for any component; a room is not one', async () => {
    const w = await h.call('operator', 'GET', '/api/v1/dcim/what-if/FA');
    expect(w.status).toBe(200);
    expect(w.body.stoppedHosts).toEqual(['H3']);
    expect((await h.call('operator', 'GET', '/api/v1/dcim/what-if/R')).status).toBe(422);
    expect((await h.call('operator', 'GET', '/api/v1/dcim/what-if/nope')).status).toBe(404);
  });

  it('places high availability on distinct racks and records a sweep with every approval', async () => {
    const sweeps = count('dcim_sweeps');
    const env = await h.requestIn('mef', 'portail', ['submit', 'approve'], { availability: 'high', services: [service('web', { replicas: 2 })] });
    const hosts = env.placements.map((p: { host: string }) => p.host).sort();
    // h1 (rack K1, feed A) and h2 (rack K2, feed B): distinct racks and feeds.
    expect(hosts).toEqual(['h1', 'h2']);
    expect(count('dcim_sweeps')).toBe(sweeps + 1);
    expect((await h.call('auditor', 'GET', '/api/v1/dcim/sweep')).body.sweep).toMatchObject({ clean: true, trigger: expect.stringMatching(/^approve /) });
  });

  it('accepts readings from meters, refuses those that do not fit, and computes PUE with its category', async () => {
    const before = h.snapshot();
    const bad = await h.call('operator', 'POST', '/api/v1/dcim/readings', { readings: [{ componentId: 'K1', metric: 'it_energy_kwh', value: 1 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/readings/0/metric', message: 'a rack does not report it_energy_kwh' });
    expect(h.snapshot()).toEqual(before);
    expect((await h.call('auditor', 'POST', '/api/v1/dcim/readings', { readings: [{ componentId: 'FA', metric: 'power_w', value: 1 }] })).status).toBe(403);
    const ok = await h.call('operator', 'POST', '/api/v1/dcim/readings', {
      readings: [
        { componentId: 'FA', metric: 'power_w', value: 8500, measuredAt: '2026-11-21T07:59:00Z' },
        { componentId: 'K1', metric: 'inlet_temperature_c', value: 24.5, measuredAt: '2026-11-21T07:59:00Z' },
        { componentId: 'U', metric: 'facility_energy_kwh', value: 1000, measuredAt: '2026-10-21T08:00:00Z' },
        { componentId: 'U', metric: 'facility_energy_kwh', value: 2600, measuredAt: '2026-11-21T07:00:00Z' },
        { componentId: 'UPS-A', metric: 'it_energy_kwh', value: 100, measuredAt: '2026-10-21T08:00:00Z' },
        { componentId: 'UPS-A', metric: 'it_energy_kwh', value: 600, measuredAt: '2026-11-21T07:00:00Z' },
        { componentId: 'UPS-B', metric: 'it_energy_kwh', value: 0, measuredAt: '2026-10-21T08:00:00Z' },
        { componentId: 'UPS-B', metric: 'it_energy_kwh', value: 500, measuredAt: '2026-11-21T07:00:00Z' },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const o = (await h.call('auditor', 'GET', '/api/v1/dcim/overview')).body;
    expect(o.pue).toMatchObject({ value: 1.6, category: 1, interim: true });
    expect(o.power.find((p: { id: string }) => p.id === 'FA')).toMatchObject({ measuredW: 8500, ratingW: 10_000, limitW: 8000 });
    expect(o.racks.find((r: { id: string }) => r.id === 'K1')).toMatchObject({ inletC: 24.5 });
  });

  it('exports the model as CSV and JSON, and the CSV loads back as the same model', async () => {
    const csv = await h.app.request('/api/v1/dcim/export.csv', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toBe(facilityToCsv(model()));
    const back = await h.call('operator', 'POST', '/api/v1/dcim/import', text, { 'content-type': 'text/csv' });
    expect(back.status).toBe(200);
    expect((await h.call('auditor', 'GET', '/api/v1/dcim/export.json')).body).toEqual(JSON.parse(JSON.stringify(model())));
  });
});
