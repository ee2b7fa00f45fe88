/**
 * The certification and administration pages: filing evidence (a real multipart upload with
 * the CSRF token in the form's address), the auditor's review, control status, findings, and
 * the admin forms with their French refusals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn, type Session } from '../helpers/web.js';

function upload(h: Harness, s: Session, action: string, file: File | null, fields: Record<string, string>) {
  const fd = new FormData();
  if (file) fd.set('file', file);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return h.app.request(action, { method: 'POST', headers: { cookie: s.cookie }, body: fd });
}

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('evidence pages', () => {
  async function fileItem(s: Session): Promise<string> {
    const created = await post(h, s, '/preuves/nouvelle', { title: 'Rapport de sauvegarde', description: '', kind: 'file', framework: 'iso27001-2022', controls: 'A.8.13', environment: '' });
    expect(created.status).toBe(303);
    return created.location!.split('/')[2]!.split('?')[0]!;
  }

  it('refuses bad input on the evidence form in French and keeps it', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const before = h.snapshot();
    const res = await post(h, mef, '/preuves/nouvelle', { title: '', kind: 'file', framework: 'iso27001-2022', controls: '' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Ce champ est obligatoire.');
    expect(res.html).toContain('Indiquez au moins une mesure.');
    const unknown = await post(h, mef, '/preuves/nouvelle', { title: 'Rapport', kind: 'file', framework: 'iso27001-2022', controls: 'Z.99' });
    expect(unknown.status).toBe(422);
    expect(unknown.html).toContain('La mesure «\u00a0Z.99\u00a0» n’existe pas dans ce référentiel.');
    expect(unknown.html).toContain('value="Z.99"');
    expect(unknown.html).toContain('value="Rapport"');
    expect(h.snapshot()).toEqual(before);
  });

  it('files an item, uploads a version, and the auditor rejects (with a reason) then accepts the next one', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const id = await fileItem(mef);
    const item = await get(h, mef, `/preuves/${id}`);
    const action = /action="(\/preuves\/[^"]+\/fichier\?_csrf=[^"]+)"/.exec(item.html)![1]!.replaceAll('&amp;', '&');

    // The token in the address is the session's: without it, nothing is read.
    const before = h.snapshot();
    const forged = await upload(h, mef, `/preuves/${id}/fichier?_csrf=nope`, new File(['x'], 'a.txt', { type: 'text/plain' }), { effectiveAt: '2026-11-20' });
    expect(forged.status).toBe(403);
    expect(h.snapshot()).toEqual(before);

    const empty = await upload(h, mef, action, new File([''], 'vide.txt', { type: 'text/plain' }), { effectiveAt: '2026-11-20', expiresAt: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Le fichier est vide.');
    expect(h.snapshot()).toEqual(before);

    const v1 = await upload(h, mef, action, new File(['sauvegarde du 20 novembre\n'], 'rapport.txt', { type: 'text/plain' }), { effectiveAt: '2026-11-20', expiresAt: '' });
    expect(v1.status).toBe(303);
    expect(v1.headers.get('location')).toBe(`/preuves/${id}?ok=version-added`);

    const auditor = await signIn(h, 'audit@test.bj');
    const queue = await get(h, auditor, '/preuves?review=pending');
    expect(queue.html).toContain('Rapport de sauvegarde');
    const page = await get(h, auditor, `/preuves/${id}`);
    expect(page.html).toMatch(/sha256 <\/span><code class="hash-full">[0-9a-f]{64}<\/code>/);

    const noReason = await post(h, auditor, `/preuves/${id}/versions/1/reject`, { comment: '' });
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('Indiquez pourquoi la version est rejetée.');
    const rejected = await post(h, auditor, `/preuves/${id}/versions/1/reject`, { comment: 'Rapport non signé.' });
    expect(rejected.status).toBe(303);

    const v2 = await upload(h, mef, action, new File(['sauvegarde signée\n'], 'rapport-signe.txt', { type: 'text/plain' }), { effectiveAt: '2026-11-20', expiresAt: '2027-11-20' });
    expect(v2.status).toBe(303);
    const accepted = await post(h, auditor, `/preuves/${id}/versions/2/accept`, { comment: '' });
    expect(accepted.status).toBe(303);
    const api = await h.call('auditor', 'GET', `/api/v1/evidence/${id}`);
    expect(api.body.versions.map((v: { version: number; reviewStatus: string }) => [v.version, v.reviewStatus])).toEqual([
      [2, 'accepted'],
      [1, 'rejected'],
    ]);
    const again = await post(h, auditor, `/preuves/${id}/versions/2/reject`, { comment: 'trop tard' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('Cette version a déjà été revue');
  });

  it('hides another ministry’s evidence behind a 404', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const id = await fileItem(mef);
    const mnd = await signIn(h, 'dsi@mnd.bj');
    expect((await get(h, mnd, `/preuves/${id}`)).status).toBe(404);
    expect((await get(h, mnd, '/preuves')).html).not.toContain('Rapport de sauvegarde');
  });
});

describe('controls and findings', () => {
  it('lets an operator update a control status; an ISO exclusion needs its justification, in French', async () => {
    const op = await signIn(h, 'op1@test.bj');
    const page = await get(h, op, '/referentiels/iso27001-2022/A.5.1');
    expect(page.html).toContain('Mettre à jour le statut');
    const before = h.snapshot();
    const short = await post(h, op, '/referentiels/iso27001-2022/A.5.1', { version: '0', applicable: 'false', justification: 'non', implementation: 'not_started', owner: '' });
    expect(short.status).toBe(422);
    expect(short.html).toContain('demande une justification d’au moins 10 caractères');
    expect(short.html).toContain('>non</textarea>');
    expect(h.snapshot()).toEqual(before);
    const ok = await post(h, op, '/referentiels/iso27001-2022/A.5.1', { version: '0', applicable: 'true', justification: '', implementation: 'implemented', owner: 'RSSI', reviewed: 'on' });
    expect(ok.status).toBe(303);
    const auditor = await signIn(h, 'audit@test.bj');
    const view = await get(h, auditor, '/referentiels/iso27001-2022/A.5.1');
    expect(view.html).toContain('RSSI');
    expect(view.html).not.toContain('Mettre à jour le statut');
    expect((await post(h, auditor, '/referentiels/iso27001-2022/A.5.1', { version: '1', applicable: 'true', implementation: 'planned' })).status).toBe(403);
  });

  it('lets an auditor raise a finding from the form', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    const bad = await post(h, auditor, '/constats/nouveau', { title: 'Sauvegardes non testées', description: 'Aucun test de restauration.', grade: 'minor', framework: 'iso27001-2022', controls: '', dueDate: '31/12/2026' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Indiquez au moins une mesure.');
    expect(bad.html).toContain('Saisissez une date valide (AAAA-MM-JJ).');
    const ok = await post(h, auditor, '/constats/nouveau', { title: 'Sauvegardes non testées', description: 'Aucun test de restauration.', grade: 'minor', framework: 'iso27001-2022', controls: 'A.8.13', dueDate: '2026-12-31' });
    expect(ok.status).toBe(303);
    const list = await get(h, auditor, '/constats');
    expect(list.html).toContain('Sauvegardes non testées');
    expect(list.html).toContain('Non-conformité mineure');
  });

  it('draws readiness as an SVG chart with a table of the same figures', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    const home = await get(h, auditor, '/');
    expect(home.html).toMatch(/<svg viewBox="0 0 720 \d+"[^>]*role="img"/);
    expect(home.html).toContain('<table class="data compact" id="readiness-table">');
    expect(home.html).toContain('href="/api/v1/exports/oscal/assessment-results.json"');
    const soa = await h.app.request('/api/v1/exports/soa.csv', { headers: { cookie: auditor.cookie } });
    expect(soa.status).toBe(200);
  });
});

describe('administration pages', () => {
  it('creates an account and shows its generated password once', async () => {
    const admin = await signIn(h, 'admin@test.bj');
    const bad = await post(h, admin, '/admin/utilisateurs', { email: 'pas-une-adresse', name: 'Agent', role: 'requester', ministry: '', password: 'court' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Saisissez une adresse e-mail valide.');
    expect(bad.html).toContain('Le mot de passe doit contenir au moins 12 caractères.');
    expect(bad.html).toContain('Un demandeur appartient à un ministère\u00a0: choisissez-le.');
    expect(bad.html).not.toContain('value="court"');
    const ok = await post(h, admin, '/admin/utilisateurs', { email: 'agent@mef.bj', name: 'Agent', role: 'requester', ministry: 'MEF', password: '' });
    expect(ok.status).toBe(201);
    expect(ok.html).toMatch(/<code class="secret">\S{12,}<\/code>/);
    const dup = await post(h, admin, '/admin/utilisateurs', { email: 'agent@mef.bj', name: 'Agent', role: 'requester', ministry: 'MEF', password: '' });
    expect(dup.status).toBe(409);
    expect(dup.html).toContain('Cette valeur est déjà utilisée.');
  });

  it('refuses a quota below what is booked, naming the field in French', async () => {
    await h.requestIn('mef', 'portail', ['submit', 'approve']);
    const admin = await signIn(h, 'admin@test.bj');
    const before = h.snapshot();
    const res = await post(h, admin, '/admin/ministeres/MEF', { name: 'Économie et Finances', kind: 'ministry', 'quotas.vcpu': '0,5', 'quotas.memoryMb': '32768', 'quotas.storageGb': '500', 'quotas.environments': '5' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('Le quota ne peut pas descendre sous ce qui est déjà réservé (1).');
    expect(res.html).toContain('value="0,5"');
    expect(h.snapshot()).toEqual(before);
    const ok = await post(h, admin, '/admin/ministeres/MEF', { name: 'Économie et Finances', kind: 'ministry', 'quotas.vcpu': '20', 'quotas.memoryMb': '32768', 'quotas.storageGb': '500', 'quotas.environments': '5' });
    expect(ok.status).toBe(303);
  });

  it('closes a host to placement from its form', async () => {
    const admin = await signIn(h, 'admin@test.bj');
    const ok = await post(h, admin, '/admin/hotes/h1', { dockerHost: 'tcp://10.0.0.1:2376', vcpu: '16', memoryMb: '32768', storageGb: '1000', powerFeed: 'A', zone: 'salle-1' });
    expect(ok.status).toBe(303);
    const hosts = await h.call('admin', 'GET', '/api/v1/site/hosts/h1');
    expect(hosts.body.schedulable).toBe(false);
    const requester = await signIn(h, 'dsi@mef.bj');
    expect((await get(h, requester, '/admin/hotes')).status).toBe(403);
  });
});
