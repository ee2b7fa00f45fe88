/**
 * The web console in process: sign-in through the form, each role's home, the language switch,
 * CSRF refusals, field errors in French that keep what was typed, and foreign objects as 404.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../console/i18n/en.js';
import { fr } from '../../console/i18n/fr.js';
import { IMAGE, makeHarness, PASSWORD, type Harness } from '../helpers/harness.js';
import { cookieOf, csrfIn, FORM, get, post, signIn } from '../helpers/web.js';

/** The fields of a valid one-service request, as the form names them. */
function requestFields(env: string, overrides: Record<string, string> = {}): Record<string, string> {
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
    'services.0.vcpu': '0,5',
    'services.0.memoryMb': '1',
    'services.0.storageGb': '0',
    'services.0.ports': '8080, 8443',
    'services.0.healthcheck.test': 'wget -qO- http://127.0.0.1:8080/health',
    'services.0.replicas': '1',
    ...overrides,
  };
}

/** The text a reader sees, without tags or entity noise. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('sign-in and session', () => {
  it('sends anonymous visitors to the sign-in page and back where they were going', async () => {
    const res = await h.app.request('/demandes?state=draft');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/connexion?retour=%2Fdemandes%3Fstate%3Ddraft');
    const login = await get(h, null, '/connexion');
    expect(login.status).toBe(200);
    expect(login.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(login.html).toContain('<label for="f-email">Adresse e-mail');
  });

  it('sets the same session cookie as the API, usable on /api/v1 with the page CSRF token', async () => {
    const form = await h.app.request('/connexion');
    const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
    const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), email: 'dsi@mef.bj', password: PASSWORD, retour: '/demandes' });
    const res = await h.app.request('/connexion', { method: 'POST', headers: { cookie: loginCookie, 'content-type': FORM }, body: body.toString() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/demandes');
    const line = res.headers.getSetCookie().find((l) => l.startsWith('dcops_session='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).toMatch(/Path=\//);
    expect(line).toMatch(/Max-Age=43200/);
    const cookie = line.split(';')[0]!;
    const me = await h.app.request('/api/v1/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const page = await get(h, { cookie, csrf: '' }, '/');
    expect(csrfIn(page.html)).toBe(csrfToken);
  });

  it('refuses a sign-in form without its own CSRF cookie, and wrong credentials, in French', async () => {
    const form = await h.app.request('/connexion');
    const token = csrfIn(await form.text());
    const noCookie = await h.app.request('/connexion', { method: 'POST', headers: { 'content-type': FORM }, body: new URLSearchParams({ _csrf: token, email: 'dsi@mef.bj', password: PASSWORD }).toString() });
    expect(noCookie.status).toBe(403);
    expect(cookieOf(noCookie, 'dcops_session')).toBeNull();
    expect(await noCookie.text()).toContain('Le formulaire a expiré');

    const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
    const wrong = await h.app.request('/connexion', { method: 'POST', headers: { cookie: loginCookie, 'content-type': FORM }, body: new URLSearchParams({ _csrf: token, email: 'dsi@mef.bj', password: 'not-the-password' }).toString() });
    expect(wrong.status).toBe(401);
    const html = await wrong.text();
    expect(html).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(html).toContain('value="dsi@mef.bj"');
    expect(html).not.toContain('not-the-password');
  });

  it('applies the login back-off of the API limiters', async () => {
    const form = await h.app.request('/connexion');
    const token = csrfIn(await form.text());
    const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
    const attempt = (password: string) =>
      h.app.request('/connexion', { method: 'POST', headers: { cookie: loginCookie, 'content-type': FORM }, body: new URLSearchParams({ _csrf: token, email: 'dsi@mef.bj', password }).toString() });
    for (let i = 0; i < 6; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const blocked = await attempt(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Trop de tentatives échouées');
    // The API sees the same back-off: it is one limiter.
    const api = await h.call(null, 'POST', '/api/v1/auth/login', { email: 'dsi@mef.bj', password: PASSWORD });
    expect(api.status).toBe(429);
  });

  it('signs out with a POST carrying the CSRF token, and the session is gone', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const out = await post(h, s, '/deconnexion', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/connexion?ok=logged-out');
    const after = await h.app.request('/', { headers: { cookie: s.cookie } });
    expect(after.status).toBe(303);
  });
});

describe('homes and language', () => {
  const homes = [
    ['dsi@mef.bj', 'Espace du ministère', 'Ministry workspace'],
    ['op1@test.bj', 'Exploitation du datacenter', 'Datacenter operations'],
    ['audit@test.bj', 'Certification et audit', 'Certification and audit'],
    ['admin@test.bj', 'Administration de la console', 'Console administration'],
  ] as const;

  it.each(homes)('renders the home of %s in French, with the frame every page shares', async (email, french) => {
    const s = await signIn(h, email);
    const page = await get(h, s, '/');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(page.html).toContain(`<h1>${french}</h1>`);
    expect(page.html).toContain('<a class="skip-link" href="#contenu">Aller au contenu</a>');
    expect(page.html).toContain('<main id="contenu"');
    expect(page.html).toContain('aria-current="page"');
    expect(page.headers.get('content-language')).toBe('fr');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // No inline script and no inline event handler: the CSP would block them anyway.
    expect(page.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.html).not.toMatch(/\son[a-z]+=/i);
  });

  it.each(homes)('renders the home of %s in English when the dcops_lang cookie says so', async (email, _fr, english) => {
    const s = await signIn(h, email);
    const page = await get(h, { ...s, cookie: `${s.cookie}; dcops_lang=en` }, '/');
    expect(page.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(page.html).toContain(`<h1>${english}</h1>`);
    expect(page.headers.get('content-language')).toBe('en');
  });

  it('follows Accept-Language, and the cookie set by the switch wins over it', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    expect((await get(h, s, '/', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' })).html).toContain('lang="en"');
    expect((await get(h, s, '/', { 'accept-language': 'de-DE, fr;q=0.3, en;q=0.2' })).html).toContain('lang="fr"');
    const sw = await h.app.request('/langue?lang=fr&retour=%2Fdemandes%3Fstate%3Ddraft', { headers: { cookie: s.cookie } });
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/demandes?state=draft');
    const lang = cookieOf(sw, 'dcops_lang')!;
    expect(lang).toBe('dcops_lang=fr');
    const page = await get(h, { ...s, cookie: `${s.cookie}; ${lang}` }, '/', { 'accept-language': 'en' });
    expect(page.html).toContain('lang="fr"');
    // The switch never redirects off the site.
    const away = await h.app.request('/langue?lang=en&retour=https%3A%2F%2Fevil.example%2F');
    expect(away.headers.get('location')).toBe('/');
  });

  it('formats dates and numbers for the language, in Benin time', async () => {
    await h.requestIn('mef', 'portail', ['submit']);
    const s = await signIn(h, 'op1@test.bj');
    const frPage = text((await get(h, s, '/demandes')).html);
    // 08:00 UTC is 09:00 in Porto-Novo.
    expect(frPage).toContain('21 nov. 2026, 09:00');
    expect(frPage).toContain('1 vCPU · 1 Gio · 10 Gio');
    const enPage = text((await get(h, { ...s, cookie: `${s.cookie}; dcops_lang=en` }, '/demandes')).html);
    expect(enPage).toContain('21 Nov 2026, 09:00');
    expect(enPage).toContain('1 vCPU · 1 GiB · 10 GiB');
  });

  it('has every French message in English too, none empty, with the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, value] of Object.entries(fr)) {
      const english = en[key as keyof typeof en];
      expect(value.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
      const names = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
      expect(names(english), key).toEqual(names(value));
    }
  });
});

describe('CSRF', () => {
  it('refuses a form post without or with a wrong _csrf, and changes nothing', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const before = h.snapshot();
    for (const csrf of [null, 'x'.repeat(43), `${s.csrf}x`]) {
      const res = await post(h, s, '/demandes/nouvelle', { ...requestFields('portail'), _action: 'save' }, { csrf });
      expect(res.status).toBe(403);
      expect(res.html).toContain('Accès refusé');
      expect(res.html).toContain('rien n’a été modifié');
    }
    expect(h.snapshot()).toEqual(before);
  });

  it('refuses a transition and a sign-out without the token', async () => {
    const draft = await h.requestIn('mef', 'portail', []);
    const s = await signIn(h, 'dsi@mef.bj');
    const before = h.snapshot();
    expect((await post(h, s, `/demandes/${draft.id}/actions/submit`, { version: '1' }, { csrf: null })).status).toBe(403);
    expect((await post(h, s, '/deconnexion', {}, { csrf: 'nope' })).status).toBe(403);
    expect(h.snapshot()).toEqual(before);
    expect((await get(h, s, '/')).status).toBe(200);
  });

  it("refuses another session's token", async () => {
    const mine = await signIn(h, 'dsi@mef.bj');
    const other = await signIn(h, 'dsi2@mef.bj');
    const before = h.snapshot();
    const res = await post(h, mine, '/demandes/nouvelle', { ...requestFields('portail'), _action: 'save' }, { csrf: other.csrf });
    expect(res.status).toBe(403);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('request form', () => {
  it('re-renders bad input with field errors in French, keeps what was typed, and saves nothing', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const before = h.snapshot();
    const res = await post(h, s, '/demandes/nouvelle', {
      ...requestFields('Mon Portail', { 'services.0.vcpu': 'beaucoup', 'services.0.image': 'nginx:latest', 'services.0.ports': '8080, 8080', 'backup.retentionDays': '' }),
      _action: 'save',
    });
    expect(res.status).toBe(422);
    expect(h.snapshot()).toEqual(before);
    const html = res.html;
    expect(html).toContain('Le formulaire contient des erreurs');
    expect(html).toContain('Utilisez uniquement des minuscules, des chiffres et des tirets intérieurs');
    expect(html).toContain('Saisissez un nombre.');
    expect(html).toContain('Indiquez une image épinglée par empreinte');
    expect(html).toContain('Chaque port ne doit figurer qu’une fois.');
    // A field left empty is no error in a draft: it is asked for at submission.
    expect(html).not.toContain('Ce champ est obligatoire.');
    // What was typed is still there, in the right inputs.
    expect(html).toContain('id="f-environmentName" name="environmentName" type="text" value="Mon Portail"');
    expect(html).toContain('name="services.0.vcpu" type="text" value="beaucoup"');
    expect(html).toContain('name="services.0.image" type="text" value="nginx:latest"');
    expect(html).toMatch(/id="f-services-0-vcpu"[^>]*aria-invalid="true"/);
    expect(html).toContain('href="#f-services-0-vcpu"');
    expect(html).toContain('<textarea id="f-purpose" name="purpose" rows="2" aria-required="true">Portail de test</textarea>');
  });

  it('asks for at least one service when every row is left blank and the request is submitted', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const fields = Object.fromEntries(Object.entries(requestFields('portail')).filter(([k]) => !k.startsWith('services.')));
    const res = await post(h, s, '/demandes/nouvelle', { ...fields, 'services.0.name': '', 'services.0.replicas': '1', _action: 'save-submit' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Décrivez au moins un service (nom, image, ressources).');
    expect(res.html).toContain('href="#f-services"');
  });

  it('shows the same errors in English for an English reader', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const res = await post(h, { ...s, cookie: `${s.cookie}; dcops_lang=en` }, '/demandes/nouvelle', { ...requestFields('portail', { 'services.0.replicas': '0' }), _action: 'save' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('The value must be at least 1.');
  });

  it('translates the cross-field policy and keeps the verb refusal on its field', async () => {
    await h.requestIn('mef', 'portail', []);
    const s = await signIn(h, 'dsi@mef.bj');
    const policy = await post(h, s, '/demandes/nouvelle', { ...requestFields('autre', { classification: 'secret', exposure: 'public', availability: 'high' }), _action: 'save' });
    expect(policy.status).toBe(422);
    expect(policy.html).toContain('Des données «\u00a0Secrète\u00a0» ne sont jamais exposées publiquement.');
    expect(policy.html).toContain('La haute disponibilité exige au moins 2 réplicas.');
    const before = h.snapshot();
    const taken = await post(h, s, '/demandes/nouvelle', { ...requestFields('portail'), _action: 'save' });
    expect(taken.status).toBe(409);
    expect(taken.html).toContain('Ce nom est déjà utilisé par un environnement du ministère.');
    expect(taken.html).toMatch(/id="f-environmentName"[^>]*aria-invalid="true"/);
    expect(h.snapshot()).toEqual(before);
  });

  it('adds and removes service rows without script, keeping every value', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const blank = await get(h, s, '/demandes/nouvelle');
    expect(blank.html.match(/<fieldset class="service-row" data-service-row="\d+"/g)).toHaveLength(3);
    const before = h.snapshot();
    const added = await post(h, s, '/demandes/nouvelle', { ...requestFields('portail'), 'services.1.name': 'web', _action: 'add-row' });
    expect(added.status).toBe(200);
    expect(added.html.match(/<fieldset class="service-row" data-service-row="\d+"/g)).toHaveLength(3);
    expect(added.html).toContain('name="services.1.name" type="text" value="web"');
    expect(added.html).toContain('name="services.2.name"');
    const removed = await post(h, s, '/demandes/nouvelle', { ...requestFields('portail'), 'services.1.name': 'web', _action: 'remove-row:0' });
    expect(removed.html).not.toContain('name="services.0.name"');
    expect(removed.html).toContain('name="services.1.name" type="text" value="web"');
    expect(h.snapshot()).toEqual(before);
  });

  it('creates a draft, shows the quota beside the form, submits, and lands on the request', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const form = await get(h, s, '/demandes/nouvelle');
    expect(text(form.html)).toContain('Quota du ministère');
    expect(text(form.html)).toContain('0 sur 16');
    const created = await post(h, s, '/demandes/nouvelle', { ...requestFields('portail'), 'services.1.name': '', _action: 'save-submit' });
    expect(created.status).toBe(303);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/demandes\/[0-9a-f-]{36}\?ok=submit$/);
    const page = await get(h, s, location);
    expect(page.html).toContain('La demande a été soumise aux opérateurs.');
    expect(page.html).toContain('Soumise');
    const id = location.split('/')[2]!.split('?')[0]!;
    const api = await h.call('mef', 'GET', `/api/v1/requests/${id}`);
    expect(api.body.services[0]).toMatchObject({ name: 'api', vcpu: 0.5, ports: [8080, 8443], healthcheck: { test: ['CMD', 'wget', '-qO-', 'http://127.0.0.1:8080/health'] } });
  });
});

describe('request lifecycle pages', () => {
  it('lets an operator ask for changes (reason required, in French), then approve after resubmission', async () => {
    const req = await h.requestIn('mef', 'portail', ['submit']);
    const op = await signIn(h, 'op1@test.bj');
    const queue = await get(h, op, '/approbations');
    expect(queue.status).toBe(200);
    expect(text(queue.html)).toContain('Impact sur la capacité');
    expect(text(queue.html)).toContain('Approuvable');
    expect(queue.html).toContain(`href="/demandes/${req.id}"`);

    const before = h.snapshot();
    const noReason = await post(h, op, `/demandes/${req.id}/actions/request-changes`, { version: String(req.version), comment: '  ', retour: '/approbations' });
    expect(noReason.status).toBe(422);
    expect(noReason.html).toContain('Un motif est obligatoire pour cette action.');
    expect(h.snapshot()).toEqual(before);

    const asked = await post(h, op, `/demandes/${req.id}/actions/request-changes`, { version: String(req.version), comment: 'Préciser la rétention.', retour: '/approbations' });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/approbations?ok=request-changes');

    const mef = await signIn(h, 'dsi@mef.bj');
    const detail = await get(h, mef, `/demandes/${req.id}`);
    expect(detail.html).toContain('Modifications demandées par les opérateurs');
    expect(detail.html).toContain('Préciser la rétention.');
    const edit = await get(h, mef, `/demandes/${req.id}/modifier`);
    expect(edit.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(edit.html)![1]!;
    const saved = await post(h, mef, `/demandes/${req.id}/modifier`, { ...requestFields('portail', { 'backup.retentionDays': '60' }), version, _action: 'save' });
    expect(saved.status).toBe(303);
    const resubmit = await post(h, mef, `/demandes/${req.id}/actions/submit`, { version: String(Number(version) + 1) });
    expect(resubmit.status).toBe(303);

    const stale = await post(h, op, `/demandes/${req.id}/actions/approve`, { version: String(req.version) });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('a été modifié par quelqu’un d’autre');
    const approved = await post(h, op, `/demandes/${req.id}/actions/approve`, { version: String(Number(version) + 2) });
    expect(approved.status).toBe(303);
    const api = await h.call('mef', 'GET', `/api/v1/requests/${req.id}`);
    expect(api.body.state).toBe('approved');
    expect(api.body.backup.retentionDays).toBe(60);
  });

  it('answers a request of another ministry with the 404 page', async () => {
    const req = await h.requestIn('mef', 'portail', ['submit']);
    const mnd = await signIn(h, 'dsi@mnd.bj');
    const page = await get(h, mnd, `/demandes/${req.id}`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('<h1>Page introuvable</h1>');
    expect(page.html).not.toContain('portail');
    expect((await get(h, mnd, `/demandes/${req.id}/modifier`)).status).toBe(404);
    const before = h.snapshot();
    expect((await post(h, mnd, `/demandes/${req.id}/actions/request-decommission`, {})).status).toBe(404);
    expect(h.snapshot()).toEqual(before);
    const list = await get(h, mnd, '/demandes');
    expect(list.html).not.toContain(req.reference);
  });

  it('shows a clear page for a forbidden page and for a quota refusal', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const forbidden = await get(h, mef, '/approbations');
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).toContain('Accès refusé');
    const big = await h.requestIn('mef', 'gros', ['submit'], { services: [{ name: 'api', image: IMAGE, vcpu: 8, memoryMb: 1024, storageGb: 0, ports: [], healthcheck: { test: ['CMD', 'true'] }, replicas: 3 }] });
    const op = await signIn(h, 'op1@test.bj');
    // The queue and the request say the same thing: over quota, whatever the hosts could take.
    const queue = (await get(h, op, '/approbations')).html;
    expect(queue).toContain('<span class="badge badge-danger">Quota insuffisant</span>');
    expect(queue).not.toContain('<span class="badge badge-success">Approuvable</span>');
    const detail = await get(h, op, `/demandes/${big.id}`);
    expect(detail.html).not.toContain('class="placement-ok"');
    expect(detail.html).toMatch(/<button type="submit" formaction="[^"]*\/approve" disabled="" aria-describedby="verdict-quota"/);
    // Refused, the approval comes back on the request's own page, with units.
    const before = h.snapshot();
    const refused = await post(h, op, `/demandes/${big.id}/actions/approve`, { version: String(big.version), retour: '/approbations' });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('<h1>DEM-');
    expect(text(refused.html)).toContain('le quota du ministère ne suffit pas (vCPU : manque 8 vCPU, reste 16 vCPU)');
    expect(h.snapshot()).toEqual(before);
  });
});

describe('other pages', () => {
  it('shows requesters only their ministry in the audit trail', async () => {
    await h.requestIn('mef', 'portail-mef', []);
    await h.requestIn('mnd', 'portail-mnd', []);
    const mef = await signIn(h, 'dsi@mef.bj');
    const page = text((await get(h, mef, '/journal?entity=hosting-request')).html);
    expect(page).toContain('hosting-request.create');
    const api = await h.call('mnd', 'GET', '/api/v1/audit?entity=hosting-request');
    const foreign = api.body.items[0].id as string;
    expect(page).not.toContain(foreign);
    const audit = await signIn(h, 'audit@test.bj');
    expect(text((await get(h, audit, '/journal?entity=hosting-request')).html)).toContain(foreign);
  });

  it('serves the style sheet and script from the console, cached by content hash', async () => {
    const s = await signIn(h, 'dsi@mef.bj');
    const page = await get(h, s, '/');
    const css = /href="(\/static\/app\.css\?v=[0-9a-f]+)"/.exec(page.html)![1]!;
    const js = /src="(\/static\/app\.js\?v=[0-9a-f]+)"/.exec(page.html)![1]!;
    const cssRes = await h.app.request(css);
    expect(cssRes.status).toBe(200);
    expect(cssRes.headers.get('content-type')).toContain('text/css');
    expect(cssRes.headers.get('cache-control')).toContain('immutable');
    const jsRes = await h.app.request(js);
    expect(jsRes.headers.get('content-type')).toContain('javascript');
    expect((await h.app.request('/static/app.css')).headers.get('cache-control')).toBe('no-cache');
  });

  it('renders every main page of every role without error', async () => {
    const req = await h.requestIn('mef', 'portail', ['submit', 'approve']);
    const pages: Record<string, string[]> = {
      'dsi@mef.bj': ['/', '/demandes', '/demandes/nouvelle', `/demandes/${req.id}`, '/preuves', '/preuves/nouvelle', '/journal', '/referentiels', '/referentiels/iso27001-2022/A.5.1'],
      'op1@test.bj': ['/', '/approbations', '/demandes', '/hebergement', '/executions', '/politique', '/referentiels', '/referentiels/iso27001-2022', '/referentiels/tia942-r3/TIA-TEL-01', '/preuves', '/preuves/nouvelle', '/journal'],
      'audit@test.bj': ['/', '/referentiels', '/referentiels/pssie-bj-2021', '/preuves?review=pending', '/constats', '/constats/nouveau', '/demandes', '/politique', '/hebergement', '/executions', '/journal'],
      'admin@test.bj': ['/', '/admin/utilisateurs', '/admin/ministeres', '/admin/ministeres/MEF', '/admin/hotes', '/admin/hotes/h1', '/demandes', '/referentiels', '/journal'],
    };
    for (const [email, paths] of Object.entries(pages)) {
      const s = await signIn(h, email);
      for (const path of paths) {
        const page = await get(h, s, path);
        expect(page.status, `${email} ${path}`).toBe(200);
        expect(page.html, `${email} ${path}`).toMatch(/<h1>[^<]+<\/h1>/);
      }
    }
  });
});
