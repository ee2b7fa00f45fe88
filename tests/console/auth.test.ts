import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../console/services/auth/bootstrap-admin.js';
import { openDatabase } from '../../console/db/open.js';
import { hashPassword, verifyPassword } from '../../console/auth/password.js';
import { makeHarness, PASSWORD, requestBody, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function login(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const res = await h.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { csrfToken?: string; user?: { email: string }; type?: string };
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = /dcops_session=([^;]+)/.exec(setCookie)?.[1];
  return { res, body, setCookie, cookie: cookie ? `dcops_session=${cookie}` : undefined };
}

function withCookie(cookie: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  return h.app.request(path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

describe('passwords', () => {
  it('hashes with scrypt, salted, and verifies only the right password', async () => {
    const a = await hashPassword('un mot de passe', 1024);
    const b = await hashPassword('un mot de passe', 1024);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('un mot de passe', a)).toBe(true);
    expect(await verifyPassword('un autre', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('sessions', () => {
  it('logs in with an HttpOnly SameSite cookie, reads /me, and logs out', async () => {
    const { res, body, setCookie, cookie } = await login('DSI@mef.bj');
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(body.user?.email).toBe('dsi@mef.bj');
    const me = await withCookie(cookie!, 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: 'dsi@mef.bj', role: 'requester', ministry: 'MEF' }, via: 'session', csrfToken: body.csrfToken });
    const out = await withCookie(cookie!, 'POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': body.csrfToken! });
    expect(out.status).toBe(204);
    expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('marks the cookie Secure behind a trusted TLS proxy', async () => {
    const trusted = await makeHarness({ env: { DCOPS_TRUST_PROXY: 'true' } });
    try {
      const res = await trusted.app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'dsi@mef.bj', password: PASSWORD }),
      });
      expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    } finally {
      trusted.close();
    }
  });

  it('gives a new session id at every login', async () => {
    const a = await login('dsi@mef.bj');
    const b = await login('dsi@mef.bj');
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('expires sessions', async () => {
    const { cookie } = await login('dsi@mef.bj');
    h.clock.advance(h.config.sessionTtlMs + 1000);
    expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses wrong passwords, unknown and disabled accounts alike', async () => {
    expect((await login('dsi@mef.bj', 'wrong-password')).res.status).toBe(401);
    expect((await login('nobody@mef.bj')).res.status).toBe(401);
    await h.call('admin', 'PATCH', `/api/v1/users/${h.callers.mnd!.actor.userId}`, { disabled: true });
    const disabled = await login('dsi@mnd.bj');
    expect(disabled.res.status).toBe(401);
    expect(disabled.body.type).toMatch(/unauthenticated$/);
  });

  it('backs off after repeated failures on one account, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login('dsi@mef.bj', 'wrong')).res.status).toBe(401);
    const sixth = await login('dsi@mef.bj', 'wrong');
    expect(sixth.res.status).toBe(401);
    const blocked = await login('dsi@mef.bj');
    expect(blocked.res.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from the same (test) address is not blocked yet.
    expect((await login('dsi@mnd.bj')).res.status).toBe(200);
    h.clock.advance(31_000);
    expect((await login('dsi@mef.bj')).res.status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated writes without the token, and accepts them with it', async () => {
    const { body, cookie } = await login('dsi@mef.bj');
    const before = h.snapshot();
    const missing = await withCookie(cookie!, 'POST', '/api/v1/requests', requestBody('csrf'));
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/CSRF/);
    const wrong = await withCookie(cookie!, 'POST', '/api/v1/requests', requestBody('csrf'), { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect(h.snapshot()).toEqual(before);
    const ok = await withCookie(cookie!, 'POST', '/api/v1/requests', requestBody('csrf'), { 'x-csrf-token': body.csrfToken! });
    expect(ok.status).toBe(201);
  });

  it('does not ask bearer-token calls for a CSRF token', async () => {
    const res = await h.call('mef', 'POST', '/api/v1/requests', requestBody('bearer'));
    expect(res.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('are shown once, listed without secret, usable, and revocable', async () => {
    const created = await h.issueToken('operator', { name: 'pipeline', expiresInDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^dcops_/);
    const stored = h.db.$client.prepare('SELECT token_hash FROM api_tokens WHERE id = ?').get(created.body.id) as { token_hash: string };
    expect(stored.token_hash).not.toContain(created.body.token);
    const list = await h.call('operator', 'GET', '/api/v1/auth/tokens');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.items.map((t: { name: string }) => t.name)).toContain('pipeline');
    const me = await h.app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${created.body.token}` } });
    expect(me.status).toBe(200);
    const foreign = await h.call('mef', 'DELETE', `/api/v1/auth/tokens/${created.body.id}`);
    expect(foreign.status).toBe(404);
    const revoked = await h.call('operator', 'DELETE', `/api/v1/auth/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    const after = await h.app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${created.body.token}` } });
    expect(after.status).toBe(401);
  });

  it('expire', async () => {
    const created = await h.issueToken('operator', { name: 'short', expiresInDays: 1 });
    h.clock.advance(86_400_000 + 1);
    const res = await h.app.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${created.body.token}` } });
    expect(res.status).toBe(401);
  });

  it('refuse a malformed or unknown bearer outright', async () => {
    for (const header of ['Bearer nope', 'Bearer dcops_' + 'x'.repeat(43), 'Basic abc']) {
      const res = await h.app.request('/api/v1/requests', { headers: { authorization: header } });
      expect(res.status).toBe(401);
    }
  });

  it('stop working when the account’s role changes', async () => {
    await h.call('admin', 'PATCH', `/api/v1/users/${h.callers.operator!.actor.userId}`, { role: 'auditor' });
    expect((await h.call('operator', 'GET', '/api/v1/requests')).status).toBe(401);
  });
});

describe('callers resolved from memory between writes', () => {
  const me = (authorization: string) => h.app.request('/api/v1/auth/me', { headers: { authorization } });

  it('still end a token and a session at their expiry when nothing was written since', async () => {
    const created = await h.issueToken('operator', { name: 'short', expiresInDays: 1 });
    const { cookie } = await login('dsi@mef.bj');
    h.clock.advance(20 * 60_000);
    expect((await me(`Bearer ${created.body.token}`)).status).toBe(200);
    expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(200);
    const before = h.snapshot();
    h.clock.advance(Math.max(86_400_000, h.config.sessionTtlMs));
    expect(h.snapshot()).toEqual(before);
    expect((await me(`Bearer ${created.body.token}`)).status).toBe(401);
    expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('see at once a revocation, a disabled account or a sign-out written by another process', async () => {
    const { cookie } = await login('dsi@mef.bj');
    const token = h.callers.operator!.token;
    expect((await me(`Bearer ${token}`)).status).toBe(200);
    expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await h.call('mnd', 'GET', '/api/v1/requests')).status).toBe(200);

    // The CLI or an operator's sqlite shell: another connection to the same file.
    const other = openDatabase(`${h.dir}/dcops.db`);
    try {
      other.$client.prepare("UPDATE api_tokens SET revoked_at = '2026-11-21T08:00:00.000Z' WHERE user_id = ?").run(h.callers.operator!.actor.userId);
      expect((await me(`Bearer ${token}`)).status).toBe(401);
      other.$client.prepare('DELETE FROM sessions').run();
      expect((await withCookie(cookie!, 'GET', '/api/v1/auth/me')).status).toBe(401);
      other.$client.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(h.callers.mnd!.actor.userId);
      expect((await h.call('mnd', 'GET', '/api/v1/requests')).status).toBe(401);
    } finally {
      other.$client.close();
    }
  });
});

describe('first start', () => {
  it('creates one admin on an empty database, with a generated password, and only once', async () => {
    const empty = await import('../../console/db/open.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const db = empty.openDatabase(`${mkdtempSync(`${tmpdir()}/dcops-boot-`)}/dcops.db`);
    try {
      const first = await bootstrapAdmin({ ctx: { db, clock: h.clock }, input: { email: 'chef@asin.bj', scryptN: 1024 } });
      expect(first?.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
      const second = await bootstrapAdmin({ ctx: { db, clock: h.clock }, input: { email: 'chef@asin.bj', scryptN: 1024 } });
      expect(second).toBeNull();
      const row = db.$client.prepare('SELECT role, password_hash FROM users').all() as { role: string; password_hash: string }[];
      expect(row).toHaveLength(1);
      expect(row[0]!.role).toBe('admin');
      expect(await verifyPassword(first!.generatedPassword!, row[0]!.password_hash)).toBe(true);
      const given = await bootstrapAdmin({ ctx: { db, clock: h.clock }, input: { email: 'x@asin.bj', password: 'a-very-long-password', scryptN: 1024 } });
      expect(given).toBeNull();
    } finally {
      db.$client.close();
    }
  });

  it('holds a given administrator password to the password policy, and creates nothing with a weak one', async () => {
    const empty = await import('../../console/db/open.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const db = empty.openDatabase(`${mkdtempSync(`${tmpdir()}/dcops-boot-`)}/dcops.db`);
    try {
      await expect(bootstrapAdmin({ ctx: { db, clock: h.clock }, input: { email: 'chef@asin.bj', password: 'password1234', scryptN: 1024 } })).rejects.toMatchObject({
        status: 422,
        errors: [{ pointer: '/password', code: 'weak_password' }],
      });
      expect(db.$client.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
      const strong = await bootstrapAdmin({ ctx: { db, clock: h.clock }, input: { email: 'chef@asin.bj', password: 'Lagune-de-Porto-Novo-au-matin', scryptN: 1024 } });
      expect(strong).toEqual({ email: 'chef@asin.bj', generatedPassword: undefined });
    } finally {
      db.$client.close();
    }
  });
});
