/**
 * What people manage themselves: the second factor (TOTP enrolment with a QR code, recovery
 * codes, required by role), their sessions and tokens, their password.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../console/auth/totp.js';
import { makeHarness, PASSWORD, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ env: { DCOPS_MFA_REQUIRED_ROLES: 'admin,operator,auditor' } });
});
afterEach(() => h.close());

const secretOf = (email: string) => (h.db.$client.prepare('SELECT mfa_secret FROM users WHERE email = ?').get(email) as { mfa_secret: string }).mfa_secret;

async function enrol(who: string) {
  const session = await h.signIn(who);
  const started = await h.callAs(session, 'POST', '/api/v1/auth/mfa/enrol');
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const confirmed = await h.callAs(session, 'POST', '/api/v1/auth/mfa/enrol/confirm', { code: totpCode(started.body.secret, h.clock.now()) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { session, started: started.body, recoveryCodes: confirmed.body.recoveryCodes as string[] };
}

describe('second factor', () => {
  it('is required by default for admin, operator and auditor: until enrolled, only enrolment is open', async () => {
    const { parseConfig } = await import('../../console/env.js');
    expect(parseConfig({}).mfaRequiredRoles).toEqual(['admin', 'operator', 'auditor']);
    const session = await h.signIn('operator');
    expect(session.body.mfa).toBe('enrol');
    expect((await h.callAs(session, 'GET', '/api/v1/requests')).status).toBe(401);
    expect((await h.callAs(session, 'POST', '/api/v1/auth/tokens', { name: 'x' })).status).toBe(401);
    const me = await h.callAs(session, 'GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ mfa: 'enrol' });
    expect(me.body.user).toBeUndefined();
    // Requesters are not required to.
    const requester = await h.signIn('mef');
    expect(requester.body.mfa).toBe('none');
    expect((await h.callAs(requester, 'GET', '/api/v1/requests')).status).toBe(200);
  });

  it('enrols with a server-rendered SVG QR code of an otpauth URI, then opens the session', async () => {
    const { session, started, recoveryCodes } = await enrol('operator');
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(started.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(started.qrSvg).not.toMatch(/<script/i);
    expect(recoveryCodes).toHaveLength(10);
    expect((await h.callAs(session, 'GET', '/api/v1/requests')).status).toBe(200);
    // Only digests are kept; the secret never reaches the trail.
    const stored = h.db.$client.prepare("SELECT mfa_recovery_codes FROM users WHERE email = 'op1@test.bj'").get() as { mfa_recovery_codes: string };
    for (const code of recoveryCodes) expect(stored.mfa_recovery_codes).not.toContain(code);
    const trail = JSON.stringify(h.db.$client.prepare('SELECT * FROM audit_log').all());
    expect(trail).not.toContain(started.secret);
    for (const code of recoveryCodes) expect(trail).not.toContain(code);
  });

  it('refuses a wrong confirmation code and changes nothing', async () => {
    const session = await h.signIn('auditor');
    await h.callAs(session, 'POST', '/api/v1/auth/mfa/enrol');
    const wrong = await h.callAs(session, 'POST', '/api/v1/auth/mfa/enrol/confirm', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/code' });
    expect((await h.callAs(session, 'GET', '/api/v1/requests')).status).toBe(401);
  });

  it('at the next sign-in asks for a code (RFC 6238, ±1 step), or a recovery code that works once', async () => {
    const { recoveryCodes } = await enrol('admin');
    // A minute later: the code that confirmed enrolment (and the step before it) are spent.
    h.clock.advance(60_000);
    const next = await h.signIn('admin');
    expect(next.body.mfa).toBe('pending');
    expect((await h.callAs(next, 'GET', '/api/v1/users')).status).toBe(401);
    const wrong = await h.callAs(next, 'POST', '/api/v1/auth/mfa/verify', { code: '123456' });
    expect(wrong.status).toBe(401);
    const code = totpCode(secretOf('admin@test.bj'), new Date(h.clock.now().getTime() - 30_000));
    const ok = await h.callAs(next, 'POST', '/api/v1/auth/mfa/verify', { code });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await h.callAs(next, 'GET', '/api/v1/users')).status).toBe(200);

    const third = await h.signIn('admin');
    expect((await h.callAs(third, 'POST', '/api/v1/auth/mfa/verify', { code: recoveryCodes[0]! })).body).toMatchObject({ verified: true, recoveryCodeUsed: true });
    const fourth = await h.signIn('admin');
    expect((await h.callAs(fourth, 'POST', '/api/v1/auth/mfa/verify', { code: recoveryCodes[0]! })).status).toBe(401);
    const me = await h.callAs(third, 'GET', '/api/v1/auth/me');
    expect(me.body.security).toMatchObject({ mfaEnabled: true, recoveryCodesLeft: 9 });
    const metrics = await (await h.app.request('/metrics')).text();
    expect(metrics).toMatch(/dcops_sign_in_failures_total\{reason="second_factor"\} 2/);
  });

  it('accepts a code once: the same valid code at a second sign-in is refused like a wrong one, and logged', async () => {
    await enrol('admin');
    h.clock.advance(60_000);
    const code = totpCode(secretOf('admin@test.bj'), h.clock.now());
    const first = await h.signIn('admin');
    expect((await h.callAs(first, 'POST', '/api/v1/auth/mfa/verify', { code })).status).toBe(200);
    const trail = (h.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

    // Someone who saw the code (and knows the password) tries it within its 90-second window.
    h.clock.advance(20_000);
    const second = await h.signIn('admin');
    const replayed = await h.callAs(second, 'POST', '/api/v1/auth/mfa/verify', { code });
    const wrong = await h.callAs(second, 'POST', '/api/v1/auth/mfa/verify', { code: code === '123456' ? '654321' : '123456' });
    expect(replayed.status).toBe(401);
    expect({ ...replayed.body, instance: undefined, requestId: undefined }).toEqual({ ...wrong.body, instance: undefined, requestId: undefined });
    expect((await h.callAs(second, 'GET', '/api/v1/users')).status).toBe(401);

    // Only the security-event log tells a replay from a wrong code; the audit chain got the sign-in, nothing of the failures.
    const events = h.db.$client.prepare("SELECT kind, actor, target, detail FROM security_events WHERE target = 'second-factor' ORDER BY seq").all();
    expect(events).toEqual([
      { kind: 'sign_in_failed', actor: 'admin@test.bj', target: 'second-factor', detail: '{"reason":"replayed_code"}' },
      { kind: 'sign_in_failed', actor: 'admin@test.bj', target: 'second-factor', detail: '{"reason":"wrong_code"}' },
    ]);
    expect((h.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'auth.%failed'").get() as { n: number }).n).toBe(0);
    expect((h.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(trail + 1);

    // The next code of the authenticator opens the session.
    h.clock.advance(30_000);
    const next = await h.callAs(second, 'POST', '/api/v1/auth/mfa/verify', { code: totpCode(secretOf('admin@test.bj'), h.clock.now()) });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
  });

  it('slows down code guessing', async () => {
    await enrol('admin');
    const next = await h.signIn('admin');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.callAs(next, 'POST', '/api/v1/auth/mfa/verify', { code: String(100000 + i) })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('cannot be turned off where the role requires it; elsewhere with the password and a code', async () => {
    const { session } = await enrol('operator');
    const refused = await h.callAs(session, 'POST', '/api/v1/auth/mfa/disable', { password: PASSWORD, code: totpCode(secretOf('op1@test.bj'), h.clock.now()) });
    expect(refused.status).toBe(403);

    const requester = await enrol('mef');
    h.clock.advance(30_000);
    const wrongPassword = await h.callAs(requester.session, 'POST', '/api/v1/auth/mfa/disable', { password: 'pas-le-bon', code: totpCode(secretOf('dsi@mef.bj'), h.clock.now()) });
    expect(wrongPassword.status).toBe(422);
    const off = await h.callAs(requester.session, 'POST', '/api/v1/auth/mfa/disable', { password: PASSWORD, code: totpCode(secretOf('dsi@mef.bj'), h.clock.now()) });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await h.signIn('mef')).body.mfa).toBe('none');
  });
});

describe('sessions', () => {
  it('each user lists their own, marked current, and revokes one; another’s reads as missing', async () => {
    const a = await h.signIn('mef');
    const b = await h.signIn('mef');
    const other = await h.signIn('mnd');
    const list = await h.callAs(a, 'GET', '/api/v1/auth/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const bId = list.body.items.find((s: { current: boolean }) => !s.current).id as string;
    const theirs = (await h.callAs(other, 'GET', '/api/v1/auth/sessions')).body.items[0].id as string;
    expect((await h.callAs(a, 'DELETE', `/api/v1/auth/sessions/${theirs}`)).status).toBe(404);
    expect((await h.callAs(other, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await h.callAs(a, 'DELETE', `/api/v1/auth/sessions/${bId}`)).status).toBe(200);
    expect((await h.callAs(b, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await h.callAs(a, 'GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('the user sees the failed attempts since the last sign-in', async () => {
    await h.signIn('mef');
    for (let i = 0; i < 3; i++) await h.call(null, 'POST', '/api/v1/auth/login', { email: 'dsi@mef.bj', password: 'mauvais' });
    const next = await h.signIn('mef');
    expect(next.body.previousSignIn).toMatchObject({ failedAttemptsSince: 3 });
    const me = await h.callAs(next, 'GET', '/api/v1/auth/me');
    expect(me.body.security).toMatchObject({ failedSignInsBeforeThisSession: 3, failedSignInsSinceLastSignIn: 0 });
  });
});

describe('password change', () => {
  it('needs the current password, follows the policy, and ends the other sessions', async () => {
    const a = await h.signIn('mef');
    const b = await h.signIn('mef');
    const before = h.snapshot();
    const wrong = await h.callAs(a, 'POST', '/api/v1/auth/password', { currentPassword: 'faux-mot-de-passe', newPassword: 'ferme-lagune-ouidah-42' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ pointer: '/currentPassword' });
    const weak = await h.callAs(a, 'POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'dsi@mef.bj2026' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0]).toMatchObject({ pointer: '/newPassword', code: 'weak_password' });
    expect(h.snapshot()).toEqual(before);

    const ok = await h.callAs(a, 'POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'ferme-lagune-ouidah-42' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ changed: true, otherSessionsEnded: 1 });
    expect((await h.callAs(a, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await h.callAs(b, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await h.call(null, 'POST', '/api/v1/auth/login', { email: 'dsi@mef.bj', password: PASSWORD })).status).toBe(401);
    expect((await h.signIn('mef', 'ferme-lagune-ouidah-42')).body.user.email).toBe('dsi@mef.bj');
  });

  it('is refused to an API token', async () => {
    const res = await h.call('mef', 'POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'ferme-lagune-ouidah-42' });
    expect(res.status).toBe(403);
  });
});
