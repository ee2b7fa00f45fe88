/**
 * The defects a hostile review found, each checked from the outside: token lifetime and
 * parentage, lockout turned against a user, world-readable data, /metrics open by default,
 * control characters and lone surrogates, an evidence blob replaced by a directory, weak
 * passwords, unlimited writes, evidence counts across ministries, bearer sign-out.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../console/db/open.js';
import { makeHarness, PASSWORD, type Harness } from '../helpers/harness.js';
import { createItem, download, PDF_BYTES, storedPath, upload } from './evidence/helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function loginFrom(harness: Harness, email: string, password: string, address: string) {
  const res = await harness.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { previousSignIn?: { failedAttemptsSince: number } } };
}

describe('API tokens', () => {
  it('are created only from a session: a token cannot mint a longer-lived one', async () => {
    const before = h.snapshot();
    const minted = await h.call('operator', 'POST', '/api/v1/auth/tokens', { name: 'enfant', expiresInDays: 90 });
    expect(minted.status).toBe(403);
    expect(minted.headers.get('content-type')).toContain('application/problem+json');
    expect(h.snapshot()).toEqual(before);
    expect((await h.issueToken('operator', { name: 'depuis la session' })).status).toBe(201);
  });

  it('have a lifetime capped at 90 days by default, configurable', async () => {
    const asked = await h.issueToken('operator', { name: 'dix ans', expiresInDays: 3650 });
    expect(asked.status).toBe(422);
    expect(asked.body.errors).toEqual([expect.objectContaining({ pointer: '/expiresInDays' })]);
    const longer = await makeHarness({ env: { DCOPS_API_TOKEN_MAX_DAYS: '365', DCOPS_API_TOKEN_TTL_DAYS: '30' } });
    try {
      const made = await longer.issueToken('operator', { name: 'un an', expiresInDays: 365 });
      expect(made.status).toBe(201);
      expect(Date.parse(made.body.expiresAt) - longer.clock.now().getTime()).toBe(365 * 86_400_000);
      expect((await longer.issueToken('operator', { name: 'trop', expiresInDays: 366 })).status).toBe(422);
      const byDefault = await longer.issueToken('operator', { name: 'défaut' });
      expect(Date.parse(byDefault.body.expiresAt) - longer.clock.now().getTime()).toBe(30 * 86_400_000);
    } finally {
      longer.close();
    }
  });

  it('carry scopes: read, write, metrics; without scopes, their owner’s rights', async () => {
    const reader = (await h.issueToken('operator', { name: 'lecture', scopes: ['read'] })).body;
    expect(reader.scopes).toEqual(['read']);
    const asReader = { ...h.callers.operator!, token: reader.token as string };
    expect((await h.call(asReader, 'GET', '/api/v1/requests')).status).toBe(200);
    const refused = await h.call(asReader, 'POST', '/api/v1/site/hosts', { name: 'h9', dockerHost: 'tcp://10.0.0.9:2376', vcpu: 8, memoryMb: 8192, storageGb: 100, powerFeed: 'A', zone: 'salle-1' });
    expect(refused.status).toBe(403);

    const writer = (await h.issueToken('mef', { name: 'écriture', scopes: ['write'] })).body;
    const asWriter = { ...h.callers.mef!, token: writer.token as string };
    expect((await h.call(asWriter, 'GET', '/api/v1/requests')).status).toBe(403);

    const full = (await h.issueToken('mef', { name: 'tout' })).body;
    expect(full.scopes).toBeNull();
    const asOwner = { ...h.callers.mef!, token: full.token as string };
    expect((await h.call(asOwner, 'GET', '/api/v1/requests')).status).toBe(200);

    expect((await h.issueToken('mef', { name: 'vide', scopes: [] })).status).toBe(422);
    expect((await h.issueToken('mef', { name: 'inconnu', scopes: ['admin'] })).status).toBe(422);
  });

  it('signing out with a bearer token revokes that token', async () => {
    const made = (await h.issueToken('operator', { name: 'script' })).body;
    const auth = { authorization: `Bearer ${made.token}` };
    expect((await h.app.request('/api/v1/auth/me', { headers: auth })).status).toBe(200);
    const out = await h.app.request('/api/v1/auth/logout', { method: 'POST', headers: auth });
    expect(out.status).toBe(204);
    expect((await h.app.request('/api/v1/auth/me', { headers: auth })).status).toBe(401);
    const listed = await h.call('operator', 'GET', '/api/v1/auth/tokens');
    expect(listed.body.items.find((t: { id: string }) => t.id === made.id).revokedAt).not.toBeNull();
  });
});

describe('lockout', () => {
  it('a stranger’s failures from one address never lock the owner out from another', async () => {
    const proxied = await makeHarness({ env: { DCOPS_TRUST_PROXY: 'true' } });
    try {
      for (let i = 0; i < 6; i++) expect((await loginFrom(proxied, 'admin@test.bj', 'mauvais-mot-de-passe', '203.0.113.66')).status).toBe(401);
      // The attacker's address is slowed down, even with the right password…
      expect((await loginFrom(proxied, 'admin@test.bj', PASSWORD, '203.0.113.66')).status).toBe(429);
      // …the owner, elsewhere, is not, and is told of the failed attempts since the last sign-in.
      const owner = await loginFrom(proxied, 'admin@test.bj', PASSWORD, '192.0.2.10');
      expect(owner.status).toBe(200);
      expect(owner.body.previousSignIn).toMatchObject({ failedAttemptsSince: 6 });
      const again = await loginFrom(proxied, 'admin@test.bj', PASSWORD, '192.0.2.10');
      expect(again.body.previousSignIn).toMatchObject({ failedAttemptsSince: 0 });

      const metrics = await (await proxied.app.request('/metrics')).text();
      expect(metrics).toMatch(/dcops_sign_in_failures_total\{reason="credentials"\} 6/);
      expect(metrics).toMatch(/dcops_sign_in_throttled_total\{limit="account_address"\} 1/);
      // Failed and throttled sign-ins are security events, with the address they came from; the
      // audit chain holds the owner's two sign-ins and nothing of the stranger's attempts.
      const events = proxied.db.$client.prepare("SELECT kind, address FROM security_events WHERE actor = 'admin@test.bj' ORDER BY seq").all();
      expect(events).toEqual([...Array.from({ length: 6 }, () => ({ kind: 'sign_in_failed', address: '203.0.113.66' })), { kind: 'sign_in_throttled', address: '203.0.113.66' }]);
      const trail = proxied.db.$client.prepare("SELECT action FROM audit_log WHERE action LIKE 'auth.login%'").all();
      expect(trail).toEqual([{ action: 'auth.login' }, { action: 'auth.login' }]);
    } finally {
      proxied.close();
    }
  });
});

describe('data directory', () => {
  it('is created 0700 with database files 0600, and wider files are narrowed', () => {
    const parent = mkdtempSync(join(tmpdir(), 'dcops-perm-'));
    try {
      const dir = join(parent, 'data');
      const db = openDatabase(join(dir, 'dcops.db'));
      db.$client.prepare('CREATE TABLE t (x)').run();
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const f of ['dcops.db', 'dcops.db-wal', 'dcops.db-shm']) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
      closeDatabase(db);

      // A database file left readable by everyone (before this rule) is narrowed when opened.
      chmodSync(join(dir, 'dcops.db'), 0o644);
      const again = openDatabase(join(dir, 'dcops.db'));
      expect(statSync(join(dir, 'dcops.db')).mode & 0o777).toBe(0o600);
      closeDatabase(again);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('/metrics', () => {
  it('needs a token outside the demo: the configured one, or an API token with the metrics scope', async () => {
    const closed = await makeHarness({ env: { DCOPS_METRICS_PUBLIC: 'false' } });
    try {
      expect(closed.config.metricsPublic).toBe(false);
      const anonymous = await closed.app.request('/metrics');
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toContain('dcops_ministry');
      expect((await closed.app.request('/metrics', { headers: { authorization: `Bearer ${closed.callers.operator!.token}` } })).status).toBe(401);
      const scoped = (await closed.issueToken('operator', { name: 'prometheus', scopes: ['metrics'] })).body.token as string;
      expect((await closed.app.request('/metrics', { headers: { authorization: `Bearer ${scoped}` } })).status).toBe(200);
      const requesterScoped = (await closed.issueToken('mef', { name: 'curieux', scopes: ['metrics'] })).body.token as string;
      expect((await closed.app.request('/metrics', { headers: { authorization: `Bearer ${requesterScoped}` } })).status).toBe(401);
    } finally {
      closed.close();
    }
  });

  it('is closed by default in the configuration', async () => {
    const { parseConfig } = await import('../../console/env.js');
    expect(parseConfig({}).metricsPublic).toBe(false);
  });
});

describe('text fields', () => {
  const hostile = [
    ['a lone high surrogate', 'Finances \ud800'],
    ['a lone low surrogate', '\udc00 Finances'],
    ['only NUL characters', '\u0000\u0000\u0000'],
    ['an escape sequence', 'Finances \u001b[31m'],
    ['a C1 control', 'Finances \u0085'],
  ] as const;

  for (const [what, name] of hostile) {
    it(`refuse ${what} with 422 naming the field, and change nothing`, async () => {
      const before = h.snapshot();
      const body = `{"code":"MJS","name":${JSON.stringify(name)},"kind":"ministry","quotas":{"vcpu":1,"memoryMb":1,"storageGb":1,"environments":1}}`;
      const res = await h.call('admin', 'POST', '/api/v1/ministries', body);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/name', code: 'invalid_text' })]);
      expect(h.snapshot()).toEqual(before);
    });
  }

  it('through the same rule in nested fields, queries and object keys', async () => {
    const nested = await h.call('mef', 'POST', '/api/v1/requests', JSON.stringify({ environmentName: 'x', purpose: 'ok', services: [{ name: 'a\u0007' }] }));
    expect(nested.status).toBe(422);
    expect(nested.body.errors).toEqual([expect.objectContaining({ pointer: '/services/0/name', code: 'invalid_text' })]);
    const query = await h.call('operator', 'GET', '/api/v1/requests?state=%00');
    expect(query.status).toBe(422);
    const key = await h.call('admin', 'POST', '/api/v1/ministries', '{"na\\u0000me":"x"}');
    expect(key.status).toBe(422);
    // Tabs and line breaks stay allowed, and so do characters outside the BMP (a valid pair).
    const ok = await h.call('admin', 'POST', '/api/v1/ministries', { code: 'MJS', name: 'Justice 🇧🇯\tet\nlégislation', kind: 'ministry', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } });
    expect(ok.status).toBe(201);
  });
});

describe('evidence files', () => {
  it('a blob replaced by a directory gives the corruption answer, not a 500', async () => {
    const id = await createItem(h, 'operator');
    await upload(h, 'operator', id, {});
    const path = storedPath(h, sha(PDF_BYTES));
    rmSync(path);
    mkdirSync(path);
    const got = await download(h, 'auditor', id, 1);
    expect(got.status).toBe(409);
    expect(got.body).toMatchObject({ type: expect.stringMatching(/evidence-corrupted$/) });
    const accept = await h.call('auditor', 'POST', `/api/v1/evidence/${id}/versions/1/accept`);
    expect(accept.status).toBe(409);
  });
});

describe('passwords', () => {
  const weak = [
    ['repeated', 'aaaaaaaaaaaa'],
    ['common', 'password1234'],
    ['French common', 'motdepasse123'],
    ['keyboard walk', 'azertyuiop12'],
    ['the email', 'nouveau@mef.bj'],
    ['the email and a year', 'nouveau@mef.bj2026'],
    ['the name', 'Aminata Dossou 1'],
  ] as const;

  for (const [what, password] of weak) {
    it(`refuse ${what} (${password}) when an account is created, naming the field`, async () => {
      const before = h.snapshot();
      const res = await h.call('admin', 'POST', '/api/v1/users', { email: 'nouveau@mef.bj', name: 'Aminata Dossou', role: 'requester', ministry: 'MEF', password });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/password', code: 'weak_password' })]);
      expect(h.snapshot()).toEqual(before);
    });
  }

  it('accept a strong one, and apply on an update too', async () => {
    const made = await h.call('admin', 'POST', '/api/v1/users', { email: 'nouveau@mef.bj', name: 'Aminata Dossou', role: 'requester', ministry: 'MEF', password: 'ferme-lagune-ouidah-42' });
    expect(made.status).toBe(201);
    const weakUpdate = await h.call('admin', 'PATCH', `/api/v1/users/${made.body.user.id}`, { password: 'password1234' });
    expect(weakUpdate.status).toBe(422);
  });
});

describe('write rate limits', () => {
  it('per account: 429 problem+json with Retry-After past the allowance; others and reads unaffected', async () => {
    const limited = await makeHarness({ env: { DCOPS_WRITE_RATE_PER_MINUTE: '60', DCOPS_WRITE_BURST: '5' } });
    try {
      const draft = (who: string, i: number) => limited.call(who, 'POST', '/api/v1/requests', { environmentName: `brouillon-${i}`, purpose: 'x', classification: 'internal', exposure: 'government', availability: 'standard', backup: { policy: 'daily', retentionDays: 30 }, services: [] });
      for (let i = 0; i < 5; i++) expect((await draft('mef', i)).status).not.toBe(429);
      const before = limited.snapshot();
      const refused = await draft('mef', 99);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.snapshot()).toEqual(before);
      expect((await limited.call('mef', 'GET', '/api/v1/requests')).status).toBe(200);
      expect((await draft('mnd', 1)).status).not.toBe(429);
      // The allowance refills with time.
      limited.clock.advance(1000 * Number(refused.headers.get('retry-after')));
      expect((await draft('mef', 100)).status).not.toBe(429);
      expect(await (await limited.app.request('/metrics')).text()).toMatch(/dcops_write_throttled_total 1/);
    } finally {
      limited.close();
    }
  });

  it('are on by default', async () => {
    const { parseConfig } = await import('../../console/env.js');
    expect(parseConfig({}).writeRatePerMinute).toBeGreaterThan(0);
  });
});

describe('evidence counts', () => {
  it('a requester counts only their own ministry’s evidence', async () => {
    const control = { frameworkId: 'iso27001-2022', controlId: 'A.5.18' };
    const mine = await createItem(h, 'mef', { kind: 'note', controls: [control] });
    await h.call('mef', 'POST', `/api/v1/evidence/${mine}/versions`, { note: 'revue MEF', effectiveAt: '2026-11-01' });
    for (const who of ['mnd', 'mnd']) {
      const theirs = await createItem(h, who, { kind: 'note', controls: [control] });
      await h.call(who, 'POST', `/api/v1/evidence/${theirs}/versions`, { note: 'revue MND', effectiveAt: '2026-11-01' });
    }
    // Only accepted evidence counts: the auditor accepts every version first.
    const items = (await h.call('auditor', 'GET', '/api/v1/evidence?limit=200')).body.items as { id: string }[];
    for (const { id } of items) {
      const detail = (await h.call('auditor', 'GET', `/api/v1/evidence/${id}`)).body as { versions: { version: number; reviewStatus: string }[] };
      for (const v of detail.versions) if (v.reviewStatus === 'pending') await h.call('auditor', 'POST', `/api/v1/evidence/${id}/versions/${v.version}/accept`);
    }
    const count = async (who: string) => {
      const list = await h.call(who, 'GET', '/api/v1/controls?framework=iso27001-2022&q=A.5.18');
      const item = list.body.items.find((c: { id: string }) => c.id === 'A.5.18');
      const one = await h.call(who, 'GET', '/api/v1/controls/iso27001-2022/A.5.18');
      return [item.liveEvidence, one.body.readiness.liveEvidence];
    };
    expect(await count('auditor')).toEqual([3, 3]);
    expect(await count('mef')).toEqual([1, 1]);
    expect(await count('mnd')).toEqual([2, 2]);
  });
});
