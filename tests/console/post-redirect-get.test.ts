/**
 * Post/redirect/get after a refused form: a navigating browser is sent back (303) to the page
 * the form was on, which shows the refusal — errors and what was typed — kept on the server for
 * that session only. Reloading shows it again and posts nothing. Scripts that post the form get
 * the refusal itself, and the API keeps answering problem+json.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { cookieOf, csrfIn, FORM, get, signIn, type Session } from '../helpers/web.js';

const ORIGIN = 'http://localhost';
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A form submitted by a browser from `from`. */
async function submit(s: Session, from: string, action: string, fields: Record<string, string>, referer = true) {
  const body = new URLSearchParams({ ...fields, _csrf: s.csrf });
  return h.app.request(action, { method: 'POST', headers: { ...BROWSER, cookie: s.cookie, 'content-type': FORM, ...(referer ? { referer: `${ORIGIN}${from}` } : {}) }, body: body.toString() });
}

const badRequest = {
  environmentName: 'Portail TVA',
  purpose: 'Essai',
  classification: 'internal',
  exposure: 'government',
  availability: 'standard',
  'backup.policy': 'daily',
  'backup.retentionDays': '30',
  'services.0.name': 'web',
  'services.0.image': 'nginx:latest',
  'services.0.vcpu': 'beaucoup',
  'services.0.memoryMb': '0,5',
  'services.0.healthcheck.test': 'true',
  _action: 'save',
};

describe('a refused form post', () => {
  it('redirects the browser to the form, which shows the errors and the typed values; a reload posts nothing', async () => {
    const mef = await signIn(h, 'dsi@mef.bj');
    const before = h.snapshot();
    const res = await submit(mef, '/demandes/nouvelle', '/demandes/nouvelle', badRequest);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/demandes\/nouvelle\?refus=[A-Za-z0-9_-]{22}$/);
    expect(h.snapshot()).toEqual(before);

    const shown = await get(h, mef, location, BROWSER);
    expect(shown.status).toBe(422);
    expect(shown.html).toContain('Le formulaire contient des erreurs');
    expect(shown.html).toContain('value="Portail TVA"');
    expect(shown.html).toContain('value="beaucoup"');
    // The language switch comes back to the form, not to the action.
    expect(shown.html).toMatch(/href="\/langue\?lang=en&amp;retour=%2Fdemandes%2Fnouvelle"/);

    // A reload is a GET of the same address: the same refusal, nothing posted, nothing changed.
    const reload = await get(h, mef, location, BROWSER);
    expect(reload.status).toBe(422);
    expect(reload.html).toBe(shown.html);
    expect(h.snapshot()).toEqual(before);

    // The kept refusal is that session's only: another session gets the blank form.
    const other = await signIn(h, 'dsi2@mef.bj');
    const afterSignIn = h.snapshot();
    const foreign = await get(h, other, location, BROWSER);
    expect(foreign.status).toBe(200);
    expect(foreign.html).not.toContain('Portail TVA');
    // In English it is not shown in French: the form comes fresh, in English.
    const english = await get(h, null, location, { ...BROWSER, cookie: `${mef.cookie}; dcops_lang=en` });
    expect(english.status).toBe(200);
    expect(english.html).not.toContain('Le formulaire contient des erreurs');

    // A script posting the form gets the refusal itself; the API answers problem+json.
    const script = await h.app.request('/demandes/nouvelle', { method: 'POST', headers: { cookie: mef.cookie, 'content-type': FORM }, body: new URLSearchParams({ ...badRequest, _csrf: mef.csrf }).toString() });
    expect(script.status).toBe(422);
    expect(script.headers.get('content-type')).toMatch(/^text\/html/);
    const api = await h.call('mef', 'POST', '/api/v1/requests', { environmentName: 'Portail TVA' });
    expect(api.status).toBe(422);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(h.snapshot()).toEqual(afterSignIn);
  });

  it('sends a refused decision back to the request page, in French and in English', async () => {
    const r = await h.requestIn('mef', 'sigfip', ['submit']);
    const op = await signIn(h, 'op1@test.bj');
    const before = h.snapshot();
    const res = await submit(op, `/demandes/${r.id}`, `/demandes/${r.id}/actions/request-changes`, { version: String(r.version) });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location.startsWith(`/demandes/${r.id}?refus=`)).toBe(true);
    const shown = await get(h, op, location, BROWSER);
    expect(shown.status).toBe(422);
    expect(shown.html).toContain('Un motif est obligatoire pour cette action.');
    expect(h.snapshot()).toEqual(before);

    // Without a Referer the browser is sent to the action's address, which shows the refusal too.
    const en = { ...op, cookie: `${op.cookie}; dcops_lang=en` };
    const bare = await h.app.request(`/demandes/${r.id}/actions/request-changes`, { method: 'POST', headers: { ...BROWSER, cookie: en.cookie, 'content-type': FORM }, body: new URLSearchParams({ version: String(r.version), _csrf: op.csrf }).toString() });
    expect(bare.status).toBe(303);
    const there = bare.headers.get('location')!;
    expect(there.startsWith(`/demandes/${r.id}/actions/request-changes?refus=`)).toBe(true);
    const page = await get(h, null, there, { ...BROWSER, cookie: en.cookie });
    expect(page.status).toBe(422);
    expect(page.html).toContain('A reason is required for this action.');
    expect(h.snapshot()).toEqual(before);
  });

  it('sends a refused sign-in back to the sign-in form, so a reload never posts the password again', async () => {
    const form = await h.app.request('/connexion?retour=%2Fdemandes', { headers: BROWSER });
    const login = cookieOf(form, 'dcops_login_csrf')!;
    const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), email: 'dsi@mef.bj', password: 'pas-le-bon-mot-de-passe', retour: '/demandes' });
    const res = await h.app.request('/connexion', { method: 'POST', headers: { ...BROWSER, cookie: login, 'content-type': FORM, referer: `${ORIGIN}/connexion?retour=%2Fdemandes` }, body: body.toString() });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/connexion\?retour=%2Fdemandes&refus=[A-Za-z0-9_-]{22}$/);
    const shown = await h.app.request(location, { headers: { ...BROWSER, cookie: login } });
    expect(shown.status).toBe(401);
    const html = (await shown.text()).replace(/[\u00a0\u202f]/g, ' ');
    expect(html).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(html).toContain('value="dsi@mef.bj"');
    expect(html).not.toContain('pas-le-bon-mot-de-passe');
    // Another browser (no sign-in form cookie of this one) gets the blank form.
    const stranger = await h.app.request(location, { headers: BROWSER });
    expect(stranger.status).toBe(200);
    expect(await stranger.text()).not.toContain('value="dsi@mef.bj"');
  });
});
