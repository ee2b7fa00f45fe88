import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSoa } from '../../../console/services/exports/soa.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { setStatus } from '../compliance/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function powerAsset() {
  const res = await h.call('operator', 'POST', '/api/v1/assets', { kind: 'power', code: 'FAC-POWER-A', name: 'Voie d’alimentation A', ownerEmail: 'op2@test.bj', facilityRef: 'feed-A' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function risk(assetId: string, overrides: Record<string, unknown> = {}) {
  const res = await h.call('operator', 'POST', '/api/v1/risks', {
    title: 'Perte de la voie A',
    assetId,
    threat: 'Panne du poste de livraison SBEE',
    vulnerability: 'Une seule arrivée haute tension',
    consequence: 'Bascule sur groupes ; arrêt si la voie B est en maintenance',
    likelihood: 4,
    impact: 5,
    ownerEmail: 'op2@test.bj',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const reduce = (version: number, controls = [{ frameworkId: 'tia942-r3', controlId: 'TIA-ELE-01' }, { frameworkId: 'iso27001-2022', controlId: 'A.7.11' }]) => ({
  version,
  treatment: 'reduce',
  plan: 'Second poste de livraison et essais mensuels des groupes',
  residualLikelihood: 2,
  residualImpact: 3,
  controls,
});

describe('risk register', () => {
  it('scores inherent risk on the matrix and reaches the residual only once every linked control is implemented', async () => {
    const asset = await powerAsset();
    const r = await risk(asset.id);
    expect(r.reference).toBe('R-001');
    expect(r.inherent).toEqual({ likelihood: 4, impact: 5, score: 20, level: 'critical' });
    expect(r.state).toBe('identified');
    expect(r.residual.level).toBe('critical');

    const treated = await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, reduce(1));
    expect(treated.status, JSON.stringify(treated.body)).toBe(200);
    expect(treated.body.state).toBe('treatment_planned');
    expect(treated.body.targetResidual).toEqual({ likelihood: 2, impact: 3, score: 6, level: 'medium' });
    // Nothing implemented yet: the residual is still the inherent score.
    expect(treated.body.residual.score).toBe(20);
    expect(treated.body.pendingControls).toEqual(['iso27001-2022:A.7.11', 'tia942-r3:TIA-ELE-01']);

    await setStatus(h, 'tia942-r3', 'TIA-ELE-01', { applicable: true, implementation: 'implemented' });
    expect((await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body.residual.score).toBe(20);
    await setStatus(h, 'iso27001-2022', 'A.7.11', { applicable: true, implementation: 'implemented' });
    const now = (await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body;
    expect(now.residual).toEqual({ likelihood: 2, impact: 3, score: 6, level: 'medium' });
    expect(now.pendingControls).toEqual([]);

    // A configurable matrix: raising the medium threshold moves the residual to low.
    const m = await h.call('admin', 'PUT', '/api/v1/risks/matrix', {
      version: 0,
      likelihood: ['Rare', 'Peu probable', 'Possible', 'Probable', 'Quasi certain'].map((fr) => ({ fr, en: fr })),
      impact: ['Négligeable', 'Limité', 'Important', 'Grave', 'Critique'].map((fr) => ({ fr, en: fr })),
      thresholds: { medium: 8, high: 12, critical: 20 },
      maxAcceptanceDays: 180,
    });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect((await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body.residual.level).toBe('low');
    const metrics = (await h.call('auditor', 'GET', '/api/v1/risks/metrics')).body;
    expect(metrics.residual).toEqual({ low: 1, medium: 0, high: 0, critical: 0 });
    expect(metrics.inherent.critical).toBe(1);
    expect(metrics.heat.residual[1][2]).toEqual(['R-001']);
  });

  it('refuses a residual above the inherent score, a retained risk below it, unknown controls, naming each field, and changes nothing', async () => {
    const asset = await powerAsset();
    const r = await risk(asset.id, { likelihood: 3, impact: 3 });
    const before = h.snapshot();
    const bad = await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, { ...reduce(1, [{ frameworkId: 'iso27001-2022', controlId: 'A.9.99' }]), residualLikelihood: 4 });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/controls/0/controlId', '/residualLikelihood']);
    const accept = await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, { version: 1, treatment: 'accept', plan: 'Retenu', residualLikelihood: 1, residualImpact: 3 });
    expect(accept.status).toBe(422);
    expect(accept.body.errors[0].pointer).toBe('/residualLikelihood');
    const noControls = await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, { ...reduce(1, []) });
    expect(noControls.status).toBe(422);
    expect(noControls.body.errors[0].pointer).toBe('/controls');
    const outOfScale = await h.call('operator', 'POST', '/api/v1/risks', { title: 'x', assetId: asset.id, threat: 't', vulnerability: 'v', consequence: 'c', likelihood: 6, impact: 1, ownerEmail: 'op2@test.bj' });
    expect(outOfScale.status).toBe(422);
    expect(outOfScale.body.errors[0].pointer).toBe('/likelihood');
    const requesterOwner = await h.call('operator', 'POST', '/api/v1/risks', { title: 'x', assetId: asset.id, threat: 't', vulnerability: 'v', consequence: 'c', likelihood: 1, impact: 1, ownerEmail: 'dsi@mef.bj' });
    expect(requesterOwner.status).toBe(422);
    expect(requesterOwner.body.errors[0].pointer).toBe('/ownerEmail');
    expect(h.snapshot()).toEqual(before);
    // Ministries never read the register.
    expect((await h.call('mef', 'GET', '/api/v1/risks')).status).toBe(403);
  });

  it('lets only the risk owner accept, never the risk’s author', async () => {
    const asset = await powerAsset();
    const own = await risk(asset.id, { ownerEmail: 'op1@test.bj' });
    await h.call('operator', 'POST', `/api/v1/risks/${own.id}/treat`, { version: 1, treatment: 'transfer', plan: 'Police d’assurance bris de machine', residualLikelihood: 4, residualImpact: 2 });
    const before = h.snapshot();
    const self = await h.call('operator', 'POST', `/api/v1/risks/${own.id}/accept`, { version: 2, expiresOn: '2027-05-01', comment: 'Accepté' });
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/separation of duties/);
    const r = await risk(asset.id);
    const untreated = await h.call('operator2', 'POST', `/api/v1/risks/${r.id}/accept`, { version: 1, expiresOn: '2027-05-01', comment: 'Accepté' });
    expect(untreated.status).toBe(409);
    await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, reduce(1));
    const stranger = await h.call('admin', 'POST', `/api/v1/risks/${r.id}/accept`, { version: 2, expiresOn: '2027-05-01', comment: 'Accepté' });
    expect(stranger.status).toBe(403);
    const tooFar = await h.call('operator2', 'POST', `/api/v1/risks/${r.id}/accept`, { version: 2, expiresOn: '2028-05-01', comment: 'Accepté' });
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.errors[0].pointer).toBe('/expiresOn');
    const ok = await h.call('operator2', 'POST', `/api/v1/risks/${r.id}/accept`, { version: 2, expiresOn: '2027-05-01', comment: 'Risque résiduel accepté jusqu’au second poste' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe('accepted');
    expect(ok.body.acceptance).toMatchObject({ by: 'op2@test.bj', expiresAt: '2027-05-02T00:00:00.000Z' });
    expect(h.snapshot().counts['audit_log']).toBe(before.counts['audit_log']! + 3);
  });

  it('sends an acceptance back to review when it expires, or when its asset or a linked control changes', async () => {
    const asset = await powerAsset();
    const r = await risk(asset.id);
    await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, reduce(1));
    const accept = (version: number, expiresOn = '2027-01-31') => h.call('operator2', 'POST', `/api/v1/risks/${r.id}/accept`, { version, expiresOn, comment: 'Accepté' });
    expect((await accept(2)).body.state).toBe('accepted');

    // A linked control changes.
    await setStatus(h, 'tia942-r3', 'TIA-ELE-01', { applicable: true, implementation: 'partially_implemented' });
    let now = (await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body;
    expect(now.state).toBe('review');
    expect(now.reviewReasons).toEqual(['controls_changed']);
    expect((await accept(3)).body.state).toBe('accepted');

    // The asset changes.
    const patched = await h.call('operator', 'PATCH', `/api/v1/assets/${asset.id}`, { version: 1, facilityRef: 'feed-A-2' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    now = (await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body;
    expect(now.reviewReasons).toEqual(['asset_changed']);
    expect((await accept(4, '2026-12-10')).body.state).toBe('accepted');

    // Time passes past the last accepted day.
    h.clock.set(new Date('2026-12-10T23:59:00.000Z'));
    expect((await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body.state).toBe('accepted');
    h.clock.set(new Date('2026-12-11T00:00:00.000Z'));
    now = (await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body;
    expect(now.state).toBe('review');
    expect(now.reviewReasons).toEqual(['expired']);
    expect((await h.call('auditor', 'GET', '/api/v1/risks?state=review')).body.total).toBe(1);
  });

  it('draws environments and platform components from the tenancy, each with an owner', async () => {
    await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning', 'activate'], { classification: 'secret' });
    await h.requestIn('mef', 'brouillon', []);
    const drawn = await h.call('operator', 'POST', '/api/v1/assets/draw', { ownerEmail: 'op2@test.bj' });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    expect(drawn.body.added).toEqual(['PLT-INGRESS', 'PLT-CONSOLE', 'PLT-PROMETHEUS', 'PLT-GRAFANA', 'PLT-DMZ-NETWORK', 'ENV-MEF-SIGFIP']);
    expect((await h.call('operator', 'POST', '/api/v1/assets/draw', { ownerEmail: 'op2@test.bj' })).body.added).toEqual([]);
    const assets = (await h.call('auditor', 'GET', '/api/v1/assets')).body.items;
    const env = assets.find((a: { code: string }) => a.code === 'ENV-MEF-SIGFIP');
    expect(env.environment).toMatchObject({ ministry: 'MEF', name: 'sigfip', classification: 'secret', state: 'active' });
    expect(env.owner.email).toBe('op2@test.bj');
  });

  it('derives the SoA « risk treatment » justification from the risks a control treats', async () => {
    const asset = await powerAsset();
    const r = await risk(asset.id);
    await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, reduce(1));
    const rows = new Map(readSoa(h.db).rows.map((row) => [row.controlId, row]));
    expect(rows.get('A.7.11')!.riskTreatment).toBe('Traite R-001 « Perte de la voie A » (risque critique)');
    // Treats no risk, but a PSSIE rule maps to it.
    expect(rows.get('A.8.15')!.riskTreatment).toMatch(/^Ne traite aucun risque du registre ; exigée par .*PSSIE/);
    const orphan = [...rows.values()].find((row) => row.riskTreatment === 'Ne traite aucun risque du registre et n’est exigée par aucune règle');
    expect(orphan).toBeDefined();
    const csv = await h.call('auditor', 'GET', '/api/v1/exports/soa.csv');
    expect(csv.body).toContain('Traite R-001 « Perte de la voie A » (risque critique)');
  });
});
