/**
 * The request form that helps: memory in Gio, a warning and a confirmation before submitting
 * over the remaining quota, the operators' comment and save-and-submit after changes were
 * asked for, edits in the history, decommissioning with a reason and a confirmation, a favicon.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMAGE, makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn } from '../helpers/web.js';

function fields(env: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    environmentName: env,
    purpose: 'Portail de test',
    classification: 'internal',
    exposure: 'government',
    availability: 'standard',
    'backup.policy': 'daily',
    'backup.retentionDays': '30',
    'services.0.name': 'api',
    'services.0.image': IMAGE,
    'services.0.vcpu': '1',
    'services.0.memoryMb': '1,5',
    'services.0.storageGb': '0',
    'services.0.ports': '8080',
    'services.0.healthcheck.test': 'true',
    'services.0.replicas': '1',
    ...overrides,
  };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/[\s\u00a0\u202f]+/g, ' ');

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('request form', () => {
  it('takes memory in Gio and stores MiB; shows it back in Gio', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const res = await post(h, mef, '/demandes/nouvelle', { ...fields('portail'), _action: 'save' });
    expect(res.status).toBe(303);
    const id = /\/demandes\/([0-9a-f-]{36})/.exec(res.location!)![1]!;
    const api = await h.call('mef', 'GET', `/api/v1/requests/${id}`);
    expect(api.body.services[0].memoryMb).toBe(1536);
    const edit = await get(h, mef, `/demandes/${id}/modifier`);
    expect(edit.html).toContain('name="services.0.memoryMb" type="text" value="1.5"');
    expect(edit.html).toContain('Mémoire par réplica (Gio)');
    // The row « Ajouter un service » brings has its defaults, not empty numbers.
    expect(edit.html).toMatch(/name="services.__i__.replicas" type="text" value="1"/);
    expect(edit.html).toMatch(/name="services.__i__.storageGb" type="text" value="0"/);
  });

  it('shows the classification rule before saving, and says before submitting that the quota is exceeded', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const form = await get(h, mef, '/demandes/nouvelle');
    expect(text(form.html)).toContain('Des données restreintes ou secrètes ne sont jamais exposées sur Internet');
    // MEF has 16 vCPU: 24 asked.
    const big = fields('gros', { 'services.0.vcpu': '8', 'services.0.replicas': '3' });
    const before = h.snapshot();
    const refused = await post(h, mef, '/demandes/nouvelle', { ...big, _action: 'save-submit' });
    expect(refused.status).toBe(422);
    expect(text(refused.html)).toContain('Cette demande dépasse ce qui reste du quota du ministère (vCPU 8 vCPU)');
    expect(text(refused.html)).toContain('Cochez la case pour confirmer.');
    expect(h.snapshot()).toEqual(before);
    // A draft over quota may be saved; a submission over quota needs the confirmation.
    const confirmed = await post(h, mef, '/demandes/nouvelle', { ...big, confirmOverQuota: 'on', _action: 'save-submit' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toMatch(/\?ok=submit$/);
  });

  it('shows the operators’ comment when changes were asked, saves and submits again, and keeps the edit in the history', async () => {
    const req = await h.requestIn('mef', 'portail', ['submit', 'request-changes']);
    const mef = await signIn(h, 'dsi@mef.bj');
    const edit = await get(h, mef, `/demandes/${req.id}/modifier`);
    expect(text(edit.html)).toContain('Commentaire des opérateurs raison');
    expect(text(edit.html)).toContain('Enregistrer et soumettre à nouveau');
    const version = /name="version" value="(\d+)"/.exec(edit.html)![1]!;
    const saved = await post(h, mef, `/demandes/${req.id}/modifier`, { ...fields('portail', { 'backup.retentionDays': '90' }), version, _action: 'save-submit' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/demandes/${req.id}?ok=submit`);
    const api = await h.call('mef', 'GET', `/api/v1/requests/${req.id}`);
    expect(api.body.state).toBe('submitted');
    expect(api.body.backup.retentionDays).toBe(90);
    const detail = text((await get(h, mef, `/demandes/${req.id}`)).html);
    expect(detail).toContain('Demande modifiée');
    expect(detail.indexOf('Modifications demandées → Soumise')).toBeGreaterThan(detail.indexOf('Demande modifiée'));
  });

  it('decommissions only with a reason and a confirmation', async () => {
    const req = await h.requestIn('mef', 'portail', ['submit', 'approve', 'start-provisioning', 'activate']);
    const mef = await signIn(h, 'dsi@mef.bj');
    const detail = await get(h, mef, `/demandes/${req.id}`);
    expect(detail.html).toContain(`href="/demandes/${req.id}/decommissionner"`);
    expect(detail.html).not.toContain('/actions/request-decommission"');
    const before = h.snapshot();
    const oneClick = await post(h, mef, `/demandes/${req.id}/actions/request-decommission`, { version: String(req.version) });
    expect(oneClick.status).toBe(303);
    expect(oneClick.location).toBe(`/demandes/${req.id}/decommissionner`);
    const bare = await post(h, mef, `/demandes/${req.id}/decommissionner`, { version: String(req.version) });
    expect(bare.status).toBe(422);
    expect(text(bare.html)).toContain('Saisissez au moins 10 caractères.');
    expect(text(bare.html)).toContain('Cochez la case pour confirmer.');
    expect(h.snapshot()).toEqual(before);
    const done = await post(h, mef, `/demandes/${req.id}/decommissionner`, { version: String(req.version), comment: 'Application remplacée par la nouvelle plateforme.', confirm: 'on' });
    expect(done.status).toBe(303);
    const api = await h.call('mef', 'GET', `/api/v1/requests/${req.id}`);
    expect(api.body.state).toBe('decommission_requested');
    expect(text((await get(h, mef, `/demandes/${req.id}`)).html)).toContain('Application remplacée par la nouvelle plateforme.');
  });

  it('has a favicon', async () => {
    const res = await h.app.request('/favicon.ico');
    expect(res.status).toBe(301);
    const icon = await h.app.request(res.headers.get('location')!);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    const page = await get(h, null, '/connexion');
    expect(page.html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\/static\/favicon.svg\?v=[0-9a-f]{16}"\/>/);
  });
});
