/**
 * Drafts save incomplete: « Enregistrer le brouillon » keeps what was typed with fields left
 * empty (what is typed is still checked), and the whole request is validated at submission,
 * whose refusal names every missing field and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMAGE, makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn, type Session } from '../helpers/web.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/&#39;|&#x27;/g, "'");

let h: Harness;
let mef: Session;
beforeEach(async () => {
  h = await makeHarness();
  mef = await signIn(h, 'dsi@mef.bj');
});
afterEach(() => h.close());

const form = (over: Record<string, string> = {}) => ({
  environmentName: 'portail-tva',
  purpose: '',
  classification: 'internal',
  exposure: 'government',
  availability: 'standard',
  'backup.policy': 'daily',
  'backup.retentionDays': '30',
  'services.0.name': 'web',
  'services.0.kind': 'web',
  'services.0.image': '',
  'services.0.vcpu': '',
  'services.0.memoryMb': '',
  'services.0.storageGb': '0',
  'services.0.ports': '8080',
  'services.0.healthcheck.test': '',
  'services.0.replicas': '1',
  'services.0.expose.port': '',
  'services.0.expose.hostname': '',
  _action: 'save',
  ...over,
});

const row = (id: string) => h.db.$client.prepare('SELECT state, version, draft, environment_name AS name FROM hosting_requests WHERE id = ?').get(id) as { state: string; version: number; draft: string | null; name: string };

describe('a draft saved incomplete', () => {
  it('is stored as typed, and its submission is refused naming each missing field, changing nothing', async () => {
    const saved = await post(h, mef, '/demandes/nouvelle', form());
    expect(saved.status).toBe(303);
    const id = /^\/demandes\/([0-9a-f-]{36})\?ok=draft-incomplete$/.exec(saved.location ?? '')?.[1];
    expect(id, saved.location ?? '').toBeDefined();
    expect(row(id!)).toMatchObject({ state: 'draft', version: 1, name: 'portail-tva' });
    expect(JSON.parse(row(id!).draft!)).toMatchObject({ environmentName: 'portail-tva', services: [{ name: 'web', ports: [8080], replicas: 1 }] });
    expect((h.db.$client.prepare('SELECT count(*) AS n FROM request_services WHERE request_id = ?').get(id) as { n: number }).n).toBe(0);

    // The page says what is left to fill in, in words.
    const page = await get(h, mef, `/demandes/${id}?ok=draft-incomplete`);
    const text = plain(page.html);
    expect(text).toContain('Brouillon enregistré. Il reste des champs à remplir avant de le soumettre.');
    expect(text).toContain('Brouillon incomplet');
    for (const label of ['Objet', 'Service 1 — Image', 'Service 1 — vCPU par réplica', 'Service 1 — Mémoire par réplica (Gio)', 'Service 1 — Commande de contrôle de santé']) expect(text).toContain(`<li>${label}</li>`);
    const en = plain((await get(h, null, `/demandes/${id}`, { cookie: `${mef.cookie}; dcops_lang=en` })).html);
    expect(en).toContain('Incomplete draft');
    expect(en).toContain('<li>Service 1 — Image</li>');

    // The API shows the draft as typed, with what is missing; no value is invented for it.
    const read = await h.call('mef', 'GET', `/api/v1/requests/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.purpose).toBe('');
    expect(read.body.services).toEqual([]);
    expect(read.body.incomplete.missing).toEqual(expect.arrayContaining(['purpose', 'services.0.image', 'services.0.vcpu', 'services.0.memoryMb', 'services.0.healthcheck']));

    // Submitting: a 422 problem naming every missing field; nothing changes.
    const before = h.snapshot();
    const submit = await h.call('mef', 'POST', `/api/v1/requests/${id}/submit`, { version: 1 });
    expect(submit.status).toBe(422);
    expect(submit.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const pointers = submit.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/purpose', '/services/0/image', '/services/0/vcpu', '/services/0/memoryMb', '/services/0/healthcheck']));
    expect(h.snapshot()).toEqual(before);
    // The same from the page's « Soumettre » button.
    const refused = await post(h, mef, `/demandes/${id}/actions/submit`, { version: '1' });
    expect(refused.status).toBe(422);
    expect(h.snapshot()).toEqual(before);

    // The edit form shows what was typed; completing it makes a request that submits.
    const edit = await get(h, mef, `/demandes/${id}/modifier`);
    expect(edit.html).toContain('value="portail-tva"');
    expect(edit.html).toMatch(/name="services\.0\.name"[^>]*value="web"|value="web"[^>]*name="services\.0\.name"/);
    const done = await post(h, mef, `/demandes/${id}/modifier`, {
      ...form({ purpose: 'Télédéclaration de la TVA', 'services.0.image': IMAGE, 'services.0.vcpu': '1', 'services.0.memoryMb': '1', 'services.0.healthcheck.test': 'true' }),
      version: '1',
    });
    expect(done.status, done.html.slice(0, 400)).toBe(303);
    expect(done.location).toBe(`/demandes/${id}?ok=saved`);
    expect(row(id!).draft).toBeNull();
    const ok = await h.call('mef', 'POST', `/api/v1/requests/${id}/submit`, { version: 2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: 'submitted', incomplete: null, services: [{ name: 'web', image: IMAGE, vcpu: 1, memoryMb: 1024 }] });
  });

  it('still checks what was typed: a wrong value is refused and nothing is stored', async () => {
    const before = h.snapshot();
    const bad = await post(h, mef, '/demandes/nouvelle', form({ 'services.0.vcpu': 'beaucoup', 'services.0.image': 'nginx:latest', environmentName: 'Portail TVA' }));
    expect(bad.status).toBe(422);
    const text = plain(bad.html);
    expect(text).toContain('Le formulaire contient des erreurs');
    expect(text).toContain('Saisissez un nombre.');
    expect(text).toContain('Indiquez une image épinglée par empreinte');
    expect(text).toContain('Utilisez uniquement des minuscules');
    expect(h.snapshot()).toEqual(before);
    // « Enregistrer et soumettre » validates everything at once.
    const submitNow = await post(h, mef, '/demandes/nouvelle', form({ _action: 'save-submit' }));
    expect(submitNow.status).toBe(422);
    expect(h.snapshot()).toEqual(before);
  });
});
