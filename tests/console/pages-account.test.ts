/**
 * « Mon compte » and the second factor in the web console, as a browser without script uses
 * them: enrolment required by the role, the QR code, recovery codes, the code at sign-in,
 * sessions, tokens and password, the warning about failed sign-ins.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../console/auth/totp.js';
import { makeHarness, PASSWORD, type Harness } from '../helpers/harness.js';
import { cookieOf, csrfIn, FORM, get, post, type Session } from '../helpers/web.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ env: { DCOPS_MFA_REQUIRED_ROLES: 'admin,operator,auditor' } });
});
afterEach(() => h.close());

/** Signs in through the form and follows nothing: the session and where the console sends it. */
async function formSignIn(email: string, password = PASSWORD): Promise<{ session: Session; location: string | null; status: number }> {
  const form = await h.app.request('/connexion');
  const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
  const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), email, password, retour: '/demandes' });
  const res = await h.app.request('/connexion', { method: 'POST', headers: { cookie: loginCookie, 'content-type': FORM }, body: body.toString() });
  const cookie = cookieOf(res, 'dcops_session') ?? '';
  return { session: { cookie, csrf: '' }, location: res.headers.get('location'), status: res.status };
}

const secretOf = (email: string) => (h.db.$client.prepare('SELECT mfa_secret FROM users WHERE email = ?').get(email) as { mfa_secret: string }).mfa_secret;

describe('second factor in the web console', () => {
  it('an operator is sent to enrolment, scans a server-drawn QR code, keeps recovery codes, then works', async () => {
    const { session, location } = await formSignIn('op1@test.bj');
    expect(location).toBe('/compte/double-authentification');
    // Nothing else opens until then.
    expect((await get(h, session, '/demandes')).location).toBe('/compte/double-authentification');
    const start = await get(h, session, '/compte/double-authentification');
    expect(start.status).toBe(200);
    session.csrf = csrfIn(start.html);
    const enrol = await post(h, session, '/compte/double-authentification', {});
    expect(enrol.status).toBe(200);
    expect(enrol.html).toMatch(/<img class="qr-code" alt="[^"]+" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(enrol.html)![1]!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg/);
    const secret = secretOf('op1@test.bj');
    expect(enrol.html).toContain(secret);

    const wrong = await post(h, session, '/compte/double-authentification/confirmation', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain(secret);
    const done = await post(h, session, '/compte/double-authentification/confirmation', { code: totpCode(secret, h.clock.now()) });
    expect(done.status).toBe(200);
    expect(done.html.match(/<li>[a-z2-9]{5}-[a-z2-9]{5}<\/li>/g)).toHaveLength(10);
    expect((await get(h, session, '/demandes')).status).toBe(200);
  });

  it('at the next sign-in asks for the code, then goes where the user was going', async () => {
    const first = await formSignIn('admin@test.bj');
    first.session.csrf = csrfIn((await get(h, first.session, '/compte/double-authentification')).html);
    await post(h, first.session, '/compte/double-authentification', {});
    await post(h, first.session, '/compte/double-authentification/confirmation', { code: totpCode(secretOf('admin@test.bj'), h.clock.now()) });

    // The code that confirmed enrolment is spent: the next sign-in needs the next one.
    h.clock.advance(30_000);
    const next = await formSignIn('admin@test.bj');
    expect(next.location).toBe('/connexion/verification?retour=%2Fdemandes');
    expect((await get(h, next.session, '/admin/utilisateurs')).location).toBe('/connexion/verification');
    const page = await get(h, next.session, next.location!);
    expect(page.status).toBe(200);
    next.session.csrf = csrfIn(page.html);
    const wrong = await post(h, next.session, '/connexion/verification', { code: '111111', retour: '/demandes' });
    expect(wrong.status).toBe(401);
    const spent = await post(h, next.session, '/connexion/verification', { code: totpCode(secretOf('admin@test.bj'), new Date(h.clock.now().getTime() - 30_000)), retour: '/demandes' });
    expect(spent.status).toBe(401);
    const ok = await post(h, next.session, '/connexion/verification', { code: totpCode(secretOf('admin@test.bj'), h.clock.now()), retour: '/demandes' });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/demandes');
    expect((await get(h, next.session, '/admin/utilisateurs')).status).toBe(200);
  });

  it('a half-signed-in session can still sign out', async () => {
    const { session } = await formSignIn('audit@test.bj');
    session.csrf = csrfIn((await get(h, session, '/compte/double-authentification')).html);
    const out = await post(h, session, '/deconnexion', {});
    expect(out.location).toBe('/connexion?ok=logged-out');
    expect((await get(h, session, '/compte/double-authentification')).location).toMatch(/^\/connexion/);
  });
});

describe('« Mon compte »', () => {
  it('warns of failed sign-ins, lists sessions and tokens, creates a scoped token shown once, changes the password', async () => {
    for (let i = 0; i < 2; i++) await h.call(null, 'POST', '/api/v1/auth/login', { email: 'dsi@mef.bj', password: 'mauvais' });
    const { session, location } = await formSignIn('dsi@mef.bj');
    expect(location).toBe('/demandes');
    const home = await get(h, session, '/demandes');
    expect(home.html).toContain('2 tentatives de connexion échouées');
    session.csrf = csrfIn(home.html);

    const account = await get(h, session, '/compte');
    expect(account.status).toBe(200);
    expect(account.html).toContain('cette session');
    const created = await post(h, session, '/compte/jetons', { name: 'pipeline', expiresInDays: '30', scopes: 'read' });
    expect(created.status).toBe(201);
    const token = /(dcops_[A-Za-z0-9_-]{20,})/.exec(created.html)![1]!;
    expect((await h.app.request('/api/v1/requests', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await get(h, session, '/compte')).html).not.toContain(token);
    const tooLong = await post(h, session, '/compte/jetons', { name: 'long', expiresInDays: '365' });
    expect(tooLong.status).toBe(422);

    // Sessions and tokens are ended from the same kind of table: a button per row, or what the row reads.
    const other = await formSignIn('dsi@mef.bj');
    const listed = (await get(h, session, '/compte')).html;
    const endSession = /action="(\/compte\/sessions\/[^"]+\/fin)"/.exec(listed)![1]!;
    const revokeToken = /<td>pipeline<\/td>[\s\S]*?action="(\/compte\/jetons\/[^"]+\/revocation)"/.exec(listed)![1]!;
    expect((await post(h, session, endSession, {})).location).toBe('/compte?ok=session-ended');
    expect((await get(h, other.session, '/demandes')).status).not.toBe(200);
    expect((await post(h, session, revokeToken, {})).location).toBe('/compte?ok=token-revoked');
    expect((await h.app.request('/api/v1/requests', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    const after = (await get(h, session, '/compte')).html;
    expect(after).toMatch(/<td>pipeline<\/td>(<td>(?:(?!<\/tr>)[\s\S])*?<\/td>){3}<td>révoqué<\/td>/);
    expect(after).not.toContain(endSession);

    const weak = await post(h, session, '/compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: 'password1234' });
    expect(weak.status).toBe(422);
    expect(weak.html).toContain('trop facile à deviner');
    const changed = await post(h, session, '/compte/mot-de-passe', { currentPassword: PASSWORD, newPassword: 'ferme-lagune-ouidah-42' });
    expect(changed.location).toBe('/compte?ok=password-changed');
  });

  it('refuses control characters in a form through the shared rule', async () => {
    const { session } = await formSignIn('dsi@mef.bj');
    session.csrf = csrfIn((await get(h, session, '/compte')).html);
    const res = await post(h, session, '/compte/jetons', { name: 'jeton\u0000' });
    expect(res.status).toBe(422);
    expect(res.html).toContain('Caractères de contrôle');
  });
});
