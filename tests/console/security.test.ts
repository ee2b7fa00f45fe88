/**
 * Security hardening, checked from the outside: secure headers and a strict CSP on every page
 * and API response, sessions (expiry, a new id at each login, no fixation), API token expiry,
 * login back-off per account and per address (parallel guesses included), secrets kept out of
 * logs, error bodies and the audit trail, and no path traversal through any name or id.
 */
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../console/app.js';
import { loginLimiters } from '../../console/auth/rate-limit.js';
import { createLogger } from '../../console/logger.js';
import type { TerraformJson } from '../../infra/synth.js';
import { makeHarness, PASSWORD, requestBody, type Harness } from '../helpers/harness.js';
import { expectSecureHeaders } from '../helpers/secure-headers.js';

/** Stand-ins for synthesis and terraform: the infrastructure routes answer without building anything. */
const infra = { synthesize: () => new Map<string, TerraformJson>([['platform', { resource: {} }]]), terraform: { env: { PATH: '/nonexistent' } } };

const SAFE_STATUSES = new Set([200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405, 409, 413, 415, 422, 429]);

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ infra });
});
afterEach(() => h.close());

async function login(app: Harness['app'], email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ email, password }) });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const value = /dcops_session=([^;]+)/.exec(setCookie)?.[1];
  const body = (await res.json()) as { csrfToken?: string; expiresAt?: string };
  return { status: res.status, res, setCookie, cookie: value ? `dcops_session=${value}` : undefined, value, body };
}

const me = (cookie: string) => h.app.request('/api/v1/auth/me', { headers: { cookie } });

/** Every GET route of the app with its parameters filled by real ids (or plausible ones). */
async function everyGetPath(): Promise<string[]> {
  const request = await h.requestIn('mef', 'entete', ['submit']);
  const evidence = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'Preuve', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
  await h.call('operator', 'POST', `/api/v1/evidence/${evidence.body.id}/versions`, { note: 'texte', effectiveAt: '2026-11-01' });
  const values: Record<string, string> = {
    id: request.id,
    code: 'MEF',
    name: 'h1',
    version: '1',
    fw: 'iso27001-2022',
    framework: 'iso27001-2022',
    control: 'A.5.1',
    stack: 'platform',
  };
  const fill = (path: string): string =>
    path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => {
      if (name === 'id' && /evidence|preuves/.test(path)) return evidence.body.id as string;
      if (name === 'id' && /users|utilisateurs/.test(path)) return h.callers.mef!.actor.userId!;
      if (name === 'id' && /frameworks/.test(path)) return 'iso27001-2022';
      if (name === 'id' && /controls/.test(path)) return 'A.5.1';
      if (name === 'name' && path.startsWith('/static')) return 'app.css';
      return values[name] ?? '00000000-0000-4000-8000-000000000000';
    });
  const paths = new Set<string>();
  for (const r of h.app.routes) if (r.method === 'GET' && !r.path.includes('*')) paths.add(fill(r.path));
  paths.add('/assets/swagger-ui/swagger-ui.css');
  return [...paths].sort();
}

describe('secure headers and a strict CSP', () => {
  it('on every page and API response, signed in or not, and on errors', async () => {
    const paths = await everyGetPath();
    expect(paths.length).toBeGreaterThan(40);
    const { cookie } = await login(h.app, 'op1@test.bj');
    for (const path of paths) {
      const callers: Record<string, string>[] = [{}, { cookie: cookie! }, { authorization: `Bearer ${h.callers.admin!.token}` }];
      for (const headers of callers) {
        const res = await h.app.request(path, { headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBeLessThan(500);
        const html = (res.headers.get('content-type') ?? '').startsWith('text/html') ? await res.text() : (await res.arrayBuffer(), undefined);
        expectSecureHeaders(path, res, html);
      }
    }
    const errors: [string, RequestInit][] = [
      ['/api/v1/nowhere', {}],
      ['/nulle-part', {}],
      ['/api/v1/requests', { method: 'POST', headers: { authorization: `Bearer ${h.callers.mef!.token}`, 'content-type': 'text/plain' }, body: 'x' }],
      ['/api/v1/requests', { method: 'POST', headers: { authorization: `Bearer ${h.callers.mef!.token}`, 'content-type': 'application/json' }, body: '{' }],
      ['/api/v1/requests', { method: 'POST', headers: { authorization: `Bearer ${h.callers.mef!.token}`, 'content-type': 'application/json' }, body: JSON.stringify(requestBody('x', { purpose: 'x'.repeat(2_000_000) })) }],
      ['/api/v1/requests', { headers: { authorization: 'Bearer dcops_unknown-token-value' } }],
    ];
    for (const [path, init] of errors) {
      const res = await h.app.request(path, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expectSecureHeaders(path, res);
    }
  });

  it('on the internal error answer too, which names no cause', async () => {
    const token = h.callers.operator!.token;
    h.db.$client.close();
    const res = await h.app.request('/api/v1/requests', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    expectSecureHeaders('/api/v1/requests', res);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ status: 500, requestId: expect.any(String) });
    expect(body).not.toMatch(/database|sqlite|connection|stack|\.ts:/i);
  });
});

describe('sessions', () => {
  it('get a new id at every login, whatever cookie the browser brought (no fixation)', async () => {
    const planted = 'dcops_session=' + 'A'.repeat(43);
    const a = await login(h.app, 'dsi@mef.bj', PASSWORD, { cookie: planted });
    expect(a.status).toBe(200);
    expect(a.cookie).not.toBe(planted);
    expect((await me(planted)).status).toBe(401);
    const b = await login(h.app, 'dsi@mef.bj', PASSWORD, { cookie: a.cookie! });
    expect(b.value).not.toBe(a.value);
    expect(b.body.csrfToken).not.toBe(a.body.csrfToken);
    // Only the digest is stored: the cookie value appears nowhere in the database.
    const sessions = JSON.stringify(h.db.$client.prepare('SELECT * FROM sessions').all());
    expect(sessions).not.toContain(a.value);
    expect(sessions).not.toContain(b.value);
  });

  it('are HttpOnly, SameSite, scoped to the site, and last exactly the configured time', async () => {
    const { setCookie, cookie, body } = await login(h.app, 'dsi@mef.bj');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)?.[1])).toBe(h.config.sessionTtlMs / 1000);
    expect(new Date(body.expiresAt!).getTime() - h.clock.now().getTime()).toBe(h.config.sessionTtlMs);
    // Used every 20 minutes (under the idle timeout), it lasts exactly its lifetime.
    for (let left = h.config.sessionTtlMs - 1000; left > 0; ) {
      const step = Math.min(left, 20 * 60_000);
      h.clock.advance(step);
      left -= step;
      expect((await me(cookie!)).status).toBe(200);
    }
    h.clock.advance(1000);
    expect((await me(cookie!)).status).toBe(401);
  });

  it('end after the idle timeout (30 minutes by default) whatever their lifetime left', async () => {
    expect(h.config.sessionIdleMs).toBe(30 * 60_000);
    const { cookie } = await login(h.app, 'dsi@mef.bj');
    h.clock.advance(29 * 60_000);
    expect((await me(cookie!)).status).toBe(200);
    // Each use restarts the idle clock.
    h.clock.advance(29 * 60_000);
    expect((await me(cookie!)).status).toBe(200);
    h.clock.advance(30 * 60_000 + 1);
    expect((await me(cookie!)).status).toBe(401);
  });

  it('end at logout and when the account is disabled', async () => {
    const a = await login(h.app, 'dsi@mef.bj');
    const out = await h.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: a.cookie!, 'x-csrf-token': a.body.csrfToken! } });
    expect(out.status).toBe(204);
    expect((await me(a.cookie!)).status).toBe(401);
    const b = await login(h.app, 'dsi@mef.bj');
    await h.call('admin', 'PATCH', `/api/v1/users/${h.callers.mef!.actor.userId}`, { disabled: true });
    expect((await me(b.cookie!)).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('expire after the configured default, at the latest after the configured cap, and are stored only as digests', async () => {
    const forever = await h.issueToken('operator', { name: 'éternel', expiresInDays: 3650 });
    expect(forever.status).toBe(422);
    expect(forever.body.errors[0]).toMatchObject({ pointer: '/expiresInDays' });
    expect((await h.issueToken('operator', { name: 'trop long', expiresInDays: 91 })).status).toBe(422);
    expect((await h.issueToken('operator', { name: 'au plafond', expiresInDays: 90 })).status).toBe(201);
    const made = await h.issueToken('operator', { name: 'par défaut' });
    expect(made.status).toBe(201);
    expect(new Date(made.body.expiresAt).getTime() - h.clock.now().getTime()).toBe(h.config.apiTokenTtlDays * 86_400_000);
    const auth = { authorization: `Bearer ${made.body.token}` };
    h.clock.advance(h.config.apiTokenTtlDays * 86_400_000 - 1000);
    expect((await h.app.request('/api/v1/auth/me', { headers: auth })).status).toBe(200);
    h.clock.advance(1000);
    expect((await h.app.request('/api/v1/auth/me', { headers: auth })).status).toBe(401);
    expect(JSON.stringify(h.db.$client.prepare('SELECT * FROM api_tokens').all())).not.toContain(made.body.token);
  });
});

describe('login back-off', () => {
  const attempt = (app: Harness['app'], email: string, password: string, headers: Record<string, string> = {}) => login(app, email, password, headers).then((r) => r.status);

  it('per account, whatever the case of the email', async () => {
    for (const email of ['dsi@mef.bj', 'DSI@mef.bj', 'Dsi@Mef.Bj', 'dsi@MEF.BJ', 'dsi@mef.bj', 'DSI@MEF.bj']) expect(await attempt(h.app, email, 'wrong-password')).toBe(401);
    expect(await attempt(h.app, 'dsi@mef.bj', PASSWORD)).toBe(429);
  });

  it('per account, even for guesses sent all at once', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, () => attempt(h.app, 'dsi@mef.bj', 'wrong-password')));
    // The allowance (5) and the attempt that crosses it; the rest are refused before any check.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(34);
    expect(await attempt(h.app, 'dsi@mef.bj', PASSWORD)).toBe(429);
  });

  it('per address, counting unknown accounts too, without blocking other addresses', async () => {
    const proxied = await makeHarness({ env: { DCOPS_TRUST_PROXY: 'true' } });
    try {
      const from = (ip: string, spoof = '') => ({ 'x-forwarded-for': `${spoof}${ip}` });
      for (let i = 0; i < 21; i++) expect(await attempt(proxied.app, `inconnu${i}@nulle-part.bj`, 'x', from('203.0.113.7', `198.51.100.${i}, `))).toBe(401);
      // Forged hops in front of the proxy's own entry change nothing.
      expect(await attempt(proxied.app, 'dsi@mnd.bj', PASSWORD, from('203.0.113.7', '10.9.9.9, '))).toBe(429);
      expect(await attempt(proxied.app, 'dsi@mnd.bj', PASSWORD, from('203.0.113.8'))).toBe(200);
    } finally {
      proxied.close();
    }
  });

  it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
    for (let i = 0; i < 21; i++) expect(await attempt(h.app, `inconnu${i}@nulle-part.bj`, 'x', { 'x-forwarded-for': `198.51.100.${i}` })).toBe(401);
    expect(await attempt(h.app, 'dsi@mnd.bj', PASSWORD, { 'x-forwarded-for': '192.0.2.1' })).toBe(429);
  });

  it('a successful sign-in of a user behind a shared address does not feed the address count', async () => {
    for (let i = 0; i < 30; i++) expect(await attempt(h.app, i % 2 ? 'dsi@mef.bj' : 'dsi@mnd.bj', PASSWORD)).toBe(200);
    expect(await attempt(h.app, 'op1@test.bj', PASSWORD)).toBe(200);
  });
});

describe('secrets', () => {
  it('never reach the logs, error bodies or the audit trail', async () => {
    const lines: string[] = [];
    const app = createApp({ db: h.db, clock: h.clock, config: h.config, logger: createLogger('trace', { write: (l: string) => void lines.push(l) }), registry: new Registry(), limiters: loginLimiters(h.clock) });
    const secrets: string[] = [PASSWORD, h.callers.operator!.token];
    const bodies: string[] = [];
    const send = async (path: string, init: RequestInit = {}) => {
      const res = await app.request(path, init);
      const text = await res.text();
      bodies.push(text);
      return { res, text };
    };
    const json = (body: unknown, extra: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });

    const signed = await send('/api/v1/auth/login', json({ email: 'op1@test.bj', password: PASSWORD }));
    const cookieValue = /dcops_session=([^;]+)/.exec(signed.res.headers.get('set-cookie')!)![1]!;
    const csrf = (JSON.parse(signed.text) as { csrfToken: string }).csrfToken;
    secrets.push(cookieValue, csrf);
    bodies.pop();
    const wrong = 'Mauvais-Mot-De-Passe-42';
    secrets.push(wrong);
    await send('/api/v1/auth/login', json({ email: 'op1@test.bj', password: wrong }));
    await send('/api/v1/auth/login', json({ email: 'op1@test.bj', password: wrong, extra: wrong }));
    const token = await send('/api/v1/auth/tokens', json({ name: 'ci' }, { cookie: `dcops_session=${cookieValue}`, 'x-csrf-token': csrf }));
    secrets.push((JSON.parse(token.text) as { token: string }).token);
    bodies.pop();
    await send('/api/v1/requests', { headers: { authorization: `Bearer ${secrets.at(-1)}` } });
    await send('/api/v1/requests', { headers: { authorization: `Bearer ${secrets.at(-1)}x` } });
    await send('/api/v1/requests', json(requestBody('csrf'), { cookie: `dcops_session=${cookieValue}`, 'x-csrf-token': wrong }));
    const newPassword = 'Un-Mot-De-Passe-Tres-Long-2026';
    const shortPassword = 'court-7';
    secrets.push(newPassword, shortPassword);
    await send('/api/v1/users', json({ email: 'nouveau@test.bj', name: 'Nouveau', role: 'auditor', password: newPassword }, { authorization: `Bearer ${h.callers.admin!.token}` }));
    await send('/api/v1/users', json({ email: 'court@test.bj', name: 'Court', role: 'auditor', password: shortPassword }, { authorization: `Bearer ${h.callers.admin!.token}` }));
    await send('/api/v1/users', json({ email: 'x', name: 'X', role: 'auditor', password: newPassword + '!' }, { authorization: `Bearer ${h.callers.admin!.token}` }));
    await send('/api/v1/auth/me', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } });
    await send('/api/v1/users', { headers: { authorization: `Bearer ${h.callers.admin!.token}` } });

    const logs = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    const audit = JSON.stringify(h.db.$client.prepare('SELECT * FROM audit_log').all());
    for (const secret of secrets) {
      expect(logs, `log holds ${secret}`).not.toContain(secret);
      for (const b of bodies) expect(b, `an answer holds ${secret}`).not.toContain(secret);
      expect(audit, `audit holds ${secret}`).not.toContain(secret);
    }
    // Nor their stored forms.
    for (const text of [logs, ...bodies, audit]) expect(text).not.toMatch(/scrypt\$|password_?hash|token_?hash/i);
  });
});

describe('path traversal', () => {
  const attempts = [
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '..%252F..%252Fetc%252Fpasswd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '....%2F%2F....%2F%2Fetc%2Fpasswd',
    '..%5C..%5Cwindows%5Cwin.ini',
    '%2Fetc%2Fpasswd',
    'C%3A%5Cwindows',
    'x%00.pdf',
    '%C0%AE%C0%AE%C0%AF',
    encodeURIComponent('﹒﹒／﹒﹒／etc'),
    'a'.repeat(5000),
  ];
  const leaks = /root:x:0:0|\[extensions\]|"name":\s*"dcops"|PRAGMA|CREATE TABLE/;

  it('no id, name or version in any route reaches a file outside what it names', async () => {
    const routes = [...new Set(h.app.routes.filter((r) => r.method !== 'ALL' && /:\w+/.test(r.path)).map((r) => `${r.method} ${r.path}`))];
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      for (const bad of attempts) {
        const path = pattern.replace(/:(\w+)(\{[^}]*\})?/g, bad);
        for (const auth of [`Bearer ${h.callers.admin!.token}`, `Bearer ${h.callers.operator!.token}`]) {
          const res = await h.app.request(path, { method, headers: { authorization: auth, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) }, ...(method === 'GET' ? {} : { body: '{}' }) });
          const text = await res.text();
          expect(SAFE_STATUSES.has(res.status), `${res.status} ${method} ${path.slice(0, 120)}`).toBe(true);
          expect([200, 201].includes(res.status) && method !== 'GET', `${method} ${path.slice(0, 120)} accepted`).toBe(false);
          expect(text, `${method} ${path.slice(0, 120)}`).not.toMatch(leaks);
        }
      }
    }
  });

  it('nor do the static and documentation assets', async () => {
    for (const prefix of ['/static/', '/assets/swagger-ui/', '/assets/']) {
      for (const bad of [...attempts, '..%2F..%2Fpackage.json', '..%2F..%2F..%2F..%2Fpackage.json', '%2e%2e/%2e%2e/%2e%2e/package.json', '..\\..\\package.json']) {
        const res = await h.app.request(prefix + bad);
        const text = await res.text();
        expect(res.status, prefix + bad).not.toBe(200);
        expect(text).not.toMatch(leaks);
      }
    }
  });

  it('and an uploaded file name is a name, never a path', async () => {
    const item = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'Noms', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
    const boundary = 'dcops-security-boundary';
    const upload = (filename: string) =>
      h.app.request(`/api/v1/evidence/${item.body.id}/versions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.callers.operator!.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="effectiveAt"\r\n\r\n2026-11-01\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`),
          Buffer.from('contenu\n'),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    const before = h.snapshot();
    for (const name of ['../../etc/passwd', '..\\..\\boot.ini', '/etc/passwd', 'C:\\Windows\\x.txt', 'a/../../b.txt', '.htaccess', '..', 'nul', 'rapport\r\nX-Injected: 1.txt']) {
      const res = await upload(name);
      expect(res.status, name).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(h.snapshot()).toEqual(before);
    const ok = await upload('rapport..final.txt');
    expect(ok.status).toBe(201);
    const download = await h.app.request(`/api/v1/evidence/${item.body.id}/versions/1/download`, { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="rapport\.\.final\.txt"/);
    expect(await download.text()).toBe('contenu\n');
  });
});

let shared: Harness;
beforeAll(async () => {
  shared = await makeHarness();
});
afterAll(() => shared.close());

describe('anonymous callers', () => {
  it('cannot reach any API route but sign-in and the public documents', async () => {
    const open = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/openapi.json', '/api/v1/docs']);
    for (const r of shared.app.routes) {
      if (!r.path.startsWith('/api/v1/') || r.method === 'ALL' || open.has(r.path)) continue;
      const path = r.path.replace(/:(\w+)(\{[^}]*\})?/g, '00000000-0000-4000-8000-000000000000');
      const res = await shared.app.request(path, { method: r.method, ...(r.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }) });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      expect(res.headers.get('content-type'), `${r.method} ${r.path}`).toContain('application/problem+json');
    }
  });
});
