import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilityToCsv } from '../../console/services/dcim/csv.js';
import { facility, smallRoom } from '../facility/builders.js';
import { run } from '../helpers/process.js';

let dir: string;
const dcops = (args: string[]) => run(process.execPath, ['bin/dcops.js', ...args], { DCOPS_DATA_DIR: dir, DCOPS_SCRYPT_N: '1024' });
const lastLine = (s: string) => s.trimEnd().split('\n').at(-1);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-dcim-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dcops dcim', () => {
  it('imports a CSV inventory, sweeps it clean, and names single points of failure with a non-zero exit', async () => {
    expect((await dcops(['migrate'])).code).toBe(0);
    const sound = join(dir, 'sound.csv');
    writeFileSync(sound, facilityToCsv(facility(smallRoom())));
    const load = await dcops(['dcim', 'import', sound]);
    expect(load.code, load.stderr).toBe(0);
    expect(load.stdout).toContain('loaded 26 components');

    const clean = await dcops(['dcim', 'sweep']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(lastLine(clean.stdout)).toBe('components: 24, single points of failure: 0');

    const weak = join(dir, 'weak.json');
    writeFileSync(weak, JSON.stringify(facility(smallRoom({ coolingW: 2000 }))));
    expect((await dcops(['dcim', 'import', weak])).code).toBe(0);
    const swept = await dcops(['dcim', 'sweep']);
    expect(swept.code).toBe(1);
    expect(swept.stdout).toContain('single point of failure: cooling C1 (CRAH 1): leaves R short of cooling');
    expect(lastLine(swept.stdout)).toBe('components: 24, single points of failure: 2');
    const json = await dcops(['dcim', 'sweep', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ components: 24, singlePoints: 2, clean: false });
  }, 180_000);

  it('a sweep from the command line closes the findings it no longer finds, on the evidence it files', async () => {
    const sound = join(dir, 'sound.csv');
    expect((await dcops(['dcim', 'import', sound])).code).toBe(0);
    const clean = await dcops(['dcim', 'sweep']);
    expect(clean.code, clean.stderr).toBe(0);
    const db = new Database(join(dir, 'dcops.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT subject, status, closing_evidence_version_id AS closing FROM findings WHERE origin = 'system' AND source = 'facility'").all() as { subject: string; status: string; closing: string | null }[];
      expect(rows.length).toBe(2);
      for (const r of rows) {
        expect(r.status, r.subject).toBe('closed');
        expect(r.closing, r.subject).not.toBeNull();
      }
    } finally {
      db.close();
    }
    // Back to the weak model for the next checks.
    expect((await dcops(['dcim', 'import', join(dir, 'weak.json')])).code).toBe(0);
  }, 120_000);

  it('answers a what-if, as text and as JSON; an unknown component exits 2', async () => {
    const text = await dcops(['dcim', 'what-if', 'FA']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('feed FA (Feed A)');
    expect(text.stdout).toContain('hosts stopped: H3');
    const json = await dcops(['dcim', 'what-if', 'C1', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ component: { id: 'C1' }, singlePointOfFailure: true, roomsOverCooling: [{ id: 'R', heatW: 3000, capacityW: 2000 }] });
    const unknown = await dcops(['dcim', 'what-if', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('component "nope" does not exist');
  }, 120_000);

  it('refuses an inventory that does not hold together, naming the line and field, and keeps the model', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,kind,name,parent,ratingW\nS,site,Site,,\nR,room,Room,S,\nK,rack,Rack,R,-5\n');
    const r = await dcops(['dcim', 'import', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('components.2.ratingW: line 4');
    const exported = await dcops(['dcim', 'export', '--csv']);
    expect(exported.stdout.split('\r\n')[0]).toBe('id,kind,name,parent,inputs,inputMode,ratingW,drawW,modules,redundantModules,heightU,positionU,areaM2,hostName');
    expect(exported.stdout).toContain('C1,cooling,CRAH 1,R,PA PB,,2000,1000');
  }, 120_000);
});
