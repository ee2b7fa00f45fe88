import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../console/bootstrap.js';
import { manualClock } from '../../console/clock.js';
import type { ServiceContext } from '../../console/context.js';
import { closeDatabase, type Db } from '../../console/db/open.js';
import { demoFacility } from '../../console/demo/facility.js';
import { demoHosts, seedDemo } from '../../console/demo/seed.js';
import { loadFacility } from '../../console/services/dcim/read-model.js';
import { saveComponent } from '../../console/services/dcim/save-component.js';
import { lastSweep } from '../../console/services/dcim/sweep.js';
import { startSweepSchedule } from '../../console/services/dcim/sweep-schedule.js';
import { recordReadings } from '../../console/services/dcim/readings.js';
import { pino } from 'pino';
import { whatIfComponent } from '../../console/services/dcim/what-if.js';
import { usableRatingW } from '../../facility/index.js';

let dir: string;
let db: Db;
let ctx: ServiceContext;
const clock = manualClock(new Date('2026-11-01T09:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-dcim-demo-'));
  db = prepareDatabase(join(dir, 'dcops.db'));
  await seedDemo({ db, clock, password: 'demo-password-123', scryptN: 1024, dataDir: dir });
  const op = db.$client.prepare("SELECT id, email FROM users WHERE email = 'operator@demo.dcops.bj'").get() as { id: string; email: string };
  ctx = { db, clock, actor: { userId: op.id, email: op.email, role: 'operator', ministryId: null, via: 'session' }, dataDir: dir };
}, 120_000);
afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const q = <T,>(sql: string) => db.$client.prepare(sql).all() as T[];

describe('demo facility', () => {
  it('is a believable national datacenter: about 500 m² of rooms and about 1 MW of power', () => {
    const f = demoFacility();
    const rooms = f.components.filter((c) => c.kind === 'room');
    expect(rooms.reduce((s, r) => s + (r.areaM2 ?? 0), 0)).toBe(500);
    expect(f.components.find((c) => c.kind === 'utility')!.ratingW).toBe(1_000_000);
    expect(f.components.filter((c) => c.kind === 'ups').map((c) => usableRatingW(c))).toEqual([400_000, 400_000]);
    expect(f.components.filter((c) => c.kind === 'rack')).toHaveLength(36);
    expect(f.components.filter((c) => c.kind === 'cooling')).toHaveLength(6);
  });

  it('matches the demo hosts: each in a rack of its zone, its power supply on the PDU of its feed', () => {
    const f = loadFacility(db);
    const byId = new Map(f.components.map((c) => [c.id, c]));
    for (const h of demoHosts()) {
      const c = f.components.find((x) => x.hostName === h.name)!;
      expect(c, h.name).toBeDefined();
      const rack = byId.get(c.parent!)!;
      expect(rack.parent).toBe(h.zone);
      const pdu = byId.get(byId.get(c.inputs[0]!)!.inputs[0]!)!;
      expect(pdu.kind).toBe('pdu');
      expect(pdu.id.endsWith(`-pdu-${h.powerFeed.toLowerCase()}`)).toBe(true);
    }
  });

  it('placement spreads the demo over all ten hosts, high availability on distinct racks and both feeds', () => {
    expect(q<{ n: number }>('SELECT count(DISTINCT host_id) AS n FROM placements')[0]!.n).toBe(10);
    const f = loadFacility(db);
    const rackOf = new Map(f.components.filter((c) => c.kind === 'host').map((c) => [c.hostName, c.parent]));
    const rows = q<{ request_id: string; service_name: string; name: string }>(
      "SELECT p.request_id, p.service_name, h.name FROM placements p JOIN hosts h ON h.id = p.host_id JOIN hosting_requests r ON r.id = p.request_id WHERE r.availability = 'high'",
    );
    const racks = new Map<string, string[]>();
    for (const r of rows) racks.set(`${r.request_id}/${r.service_name}`, [...(racks.get(`${r.request_id}/${r.service_name}`) ?? []), rackOf.get(r.name)!]);
    for (const [svc, list] of racks) expect(new Set(list).size, svc).toBe(list.length);
  });

  it('sweeps clean, with its evidence filed and no facility finding open', () => {
    const s = lastSweep({ ctx })!;
    expect(s.clean).toBe(true);
    expect(s.singlePoints).toBe(0);
    expect(s.components).toBeGreaterThan(100);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM evidence WHERE source = 'facility-sweep'")[0]!.n).toBe(1);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM findings WHERE origin = 'system' AND source = 'facility' AND status = 'open'")[0]!.n).toBe(0);
  });

  it('what-if on a feed: the standard environments on it stop, high availability keeps a replica', () => {
    const w = whatIfComponent({ ctx, input: { id: 's1-voie-a' } });
    expect(w.singlePointOfFailure).toBe(false);
    expect(w.stoppedHosts.sort()).toEqual(['dc1-r01-h01', 'dc1-r02-h03', 'dc1-r03-h05']);
    expect(w.environmentsStopped.every((e) => e.availability === 'standard')).toBe(true);
    expect(w.highKeeping.length).toBeGreaterThan(0);
  });

  it('without its second UPS (panel B moved onto the first), the sweep names the first UPS and opens its finding', () => {
    const panel = loadFacility(db).components.find((c) => c.id === 'tdo-b')!;
    const { sweep } = saveComponent({ ctx, input: { ...panel, inputs: ['ups-1'] } });
    expect(sweep!.clean).toBe(false);
    expect(sweep!.singlePointsOfFailure.map((x) => x.id)).toContain('ups-1');
    expect(sweep!.singlePointsOfFailure.find((x) => x.id === 'ups-1')!.stopsHigh.length).toBeGreaterThan(0);
    const open = q<{ subject: string; grade: string; title: string }>("SELECT subject, grade, title FROM findings WHERE origin = 'system' AND source = 'facility' AND status = 'open'");
    expect(open).toContainEqual({ subject: 'ups-1', grade: 'major', title: 'Point unique de défaillance : Onduleur 1 (5 × 100 kW, N+1) (ups-1)' });
    // Put it back: the next sweep is clean and closes the findings, the sweep being the closing check.
    const back = saveComponent({ ctx, input: panel });
    expect(back.sweep!.clean).toBe(true);
    expect(q<{ n: number }>("SELECT count(*) AS n FROM findings WHERE origin = 'system' AND source = 'facility' AND status = 'open'")[0]!.n).toBe(0);
    expect(q<{ c: string | null }>("SELECT closing_evidence_version_id AS c FROM findings WHERE subject = 'ups-1'")[0]!.c).not.toBeNull();
  });
  it('the daily sweep re-checks an unchanged facility: its evidence stays current without a new version', async () => {
    const before = q<{ checks: number; versions: number; expires: string }>(
      "SELECT v.check_count AS checks, (SELECT count(*) FROM evidence_versions w WHERE w.evidence_id = v.evidence_id) AS versions, v.expires_at AS expires FROM evidence_versions v JOIN evidence i ON i.id = v.evidence_id WHERE i.source = 'facility-sweep' ORDER BY v.version DESC LIMIT 1",
    )[0]!;
    clock.advance(3 * 86_400_000);
    const schedule = startSweepSchedule({ db, clock, logger: pino({ level: 'silent' }), dataDir: dir, intervalMs: 86_400_000, firstDelayMs: 0 });
    await new Promise((r) => setTimeout(r, 50));
    schedule.stop();
    expect(lastSweep({ ctx })!.trigger).toBe('schedule');
    const after = q<{ checks: number; versions: number; expires: string }>(
      "SELECT v.check_count AS checks, (SELECT count(*) FROM evidence_versions w WHERE w.evidence_id = v.evidence_id) AS versions, v.expires_at AS expires FROM evidence_versions v JOIN evidence i ON i.id = v.evidence_id WHERE i.source = 'facility-sweep' ORDER BY v.version DESC LIMIT 1",
    )[0]!;
    expect(after.versions).toBe(before.versions);
    expect(after.checks).toBe(before.checks + 1);
    expect(after.expires > before.expires).toBe(true);
  });

  it('a server’s measured draw reruns the sweep, recorded only when its outcome moves', () => {
    const sweeps = () => q<{ n: number }>('SELECT count(*) AS n FROM dcim_sweeps')[0]!.n;
    const host = loadFacility(db).components.find((c) => c.kind === 'host')!;
    const rack = loadFacility(db).components.find((c) => c.kind === 'rack')!;
    const n0 = sweeps();
    // A temperature is not part of the analysis: no sweep.
    recordReadings({ ctx, input: { readings: [{ componentId: rack.id, metric: 'inlet_temperature_c', value: 24 }] } });
    expect(sweeps()).toBe(n0);
    // A draw under the planned one changes nothing: the last sweep still holds.
    const quiet = recordReadings({ ctx, input: { readings: [{ componentId: host.id, metric: 'power_w', value: 1 }] } });
    expect(quiet.sweepId).toBe(lastSweep({ ctx })!.id);
    expect(sweeps()).toBe(n0);
    // A server drawing far beyond its plan overloads its path: a new sweep says so.
    const hot = recordReadings({ ctx, input: { readings: [{ componentId: host.id, metric: 'power_w', value: 400_000 }] } });
    expect(sweeps()).toBe(n0 + 1);
    const last = lastSweep({ ctx })!;
    expect(last.id).toBe(hot.sweepId);
    expect(last.trigger).toBe('readings');
    expect(last.clean).toBe(false);
    expect(last.baseline.overloads.length).toBeGreaterThan(0);
    // The same reading again: same outcome, nothing new recorded.
    recordReadings({ ctx, input: { readings: [{ componentId: host.id, metric: 'power_w', value: 400_000 }] } });
    expect(sweeps()).toBe(n0 + 1);
  });
});
