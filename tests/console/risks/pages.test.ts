import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../console/audit/chain.js';
import { prepareDatabase } from '../../../console/bootstrap.js';
import { manualClock } from '../../../console/clock.js';
import { closeDatabase } from '../../../console/db/open.js';
import { seedDemo } from '../../../console/demo/seed.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { get, post, signIn } from '../../helpers/web.js';

describe('demo risk register', () => {
  it('holds a dozen and more risks for the national datacenter, in every state, on assets of every kind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcops-demo-risks-'));
    const db = prepareDatabase(join(dir, 'dcops.db'));
    try {
      await seedDemo({ db, clock: manualClock(new Date('2026-11-01T09:00:00Z')), password: 'demo-password-123', scryptN: 1024, dataDir: dir });
      const q = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
      expect(q<{ n: number }>('SELECT count(*) AS n FROM risks')[0]!.n).toBeGreaterThanOrEqual(12);
      expect(new Set(q<{ kind: string }>('SELECT DISTINCT kind FROM risk_assets').map((r) => r.kind))).toEqual(new Set(['environment', 'platform-component', 'room', 'power', 'cooling', 'network-link']));
      expect(new Set(q<{ treatment: string | null }>('SELECT DISTINCT treatment FROM risks').map((r) => r.treatment))).toEqual(new Set([null, 'reduce', 'accept', 'avoid', 'transfer']));
      // Nobody accepted a risk they identified.
      expect(q<{ n: number }>('SELECT count(*) AS n FROM risks WHERE accepted_by_id = created_by_id')[0]!.n).toBe(0);
      expect(q<{ n: number }>('SELECT count(*) AS n FROM risks WHERE accepted_by_id IS NOT NULL')[0]!.n).toBeGreaterThanOrEqual(5);
      const secret = q<{ code: string }>("SELECT a.code FROM risk_assets a JOIN hosting_requests r ON r.id = a.request_id WHERE r.classification = 'secret'").map((r) => r.code);
      expect(secret).toEqual(expect.arrayContaining(['ENV-ANIP-RNPP', 'ENV-MS-DHIS2-PROD']));
      expect(verifyAuditChain(db.$client).ok).toBe(true);
    } finally {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('risk pages', () => {
  it('show the register, a server-drawn heat map, the treatment plan, and let the owner accept', async () => {
    const asset = await h.call('operator', 'POST', '/api/v1/assets', { kind: 'cooling', code: 'FAC-COOLING-S1', name: 'Refroidissement salle 1', ownerEmail: 'op2@test.bj' });
    const r = await h.call('operator', 'POST', '/api/v1/risks', { title: 'Panne de climatisation', assetId: asset.body.id, threat: 'Panne', vulnerability: 'N+1', consequence: 'Arrêt', likelihood: 3, impact: 5, ownerEmail: 'op2@test.bj' });
    await h.call('operator', 'POST', `/api/v1/risks/${r.body.id}/treat`, { version: 1, treatment: 'reduce', plan: 'Maintenance <préventive>', residualLikelihood: 2, residualImpact: 3, controls: [{ frameworkId: 'tia942-r3', controlId: 'TIA-MEC-01' }] });

    const auditor = await signIn(h, 'audit@test.bj');
    const list = await get(h, auditor, '/risques');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Registre des risques');
    expect(list.html).toContain('R-001');
    const heat = await get(h, auditor, '/risques/carte');
    expect(heat.status).toBe(200);
    expect(heat.html.match(/<svg[^>]*class="heatmap"/g)).toHaveLength(2);
    expect(heat.html).toContain('heat-cell heat-critical');
    const plan = await get(h, auditor, '/risques/plan');
    expect(plan.html).toContain('Maintenance &lt;préventive&gt;');
    expect(plan.html).toContain('tia942-r3:TIA-MEC-01');
    expect((await get(h, auditor, '/risques/actifs')).html).toContain('FAC-COOLING-S1');
    // The auditor is not the owner: no acceptance form.
    expect((await get(h, auditor, `/risques/${r.body.id}`)).html).not.toContain('/accepter');

    const owner = await signIn(h, 'op2@test.bj');
    const detail = await get(h, owner, `/risques/${r.body.id}`);
    expect(detail.html).toContain(`/risques/${r.body.id}/accepter`);
    const refused = await post(h, owner, `/risques/${r.body.id}/accepter`, { version: '2', expiresOn: '2020-01-01', comment: 'ok' });
    expect(refused.status).toBe(422);
    const done = await post(h, owner, `/risques/${r.body.id}/accepter`, { version: '2', expiresOn: '2027-03-31', comment: 'Accepté après revue' });
    expect(done.status).toBe(303);
    expect((await h.call('auditor', 'GET', `/api/v1/risks/${r.body.id}`)).body.state).toBe('accepted');
    const en = await get(h, owner, '/risques', { 'accept-language': 'en' });
    expect(en.html).toContain('Risk register');
  });
});
