/**
 * The role × ministry × endpoint matrix. `mef`/`mef2` are requesters of the ministry that owns
 * the objects, `mnd` a requester of another ministry: foreign objects must read as missing (404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PASSWORD, requestBody, type Harness } from '../helpers/harness.js';

type Who = 'anonymous' | 'mef' | 'mnd' | 'operator' | 'auditor' | 'admin';
const everyone: Who[] = ['anonymous', 'mef', 'mnd', 'operator', 'auditor', 'admin'];

interface Case {
  name: string;
  method: string;
  /** Builds the path (and any object it needs) fresh for each caller. */
  path: (h: Harness) => Promise<string> | string;
  body?: (n: number) => unknown;
  expect: Record<Who, number>;
}

let n = 0;
const draftOf = async (h: Harness) => (await h.requestIn('mef', `m-${++n}`, [])).id as string;
const submittedOf = async (h: Harness) => (await h.requestIn('mef', `m-${++n}`, ['submit'])).id as string;
const activeOf = async (h: Harness) => (await h.requestIn('mef', `m-${++n}`, ['submit', 'approve', 'start-provisioning', 'activate'])).id as string;

const cases: Case[] = [
  { name: 'list ministries', method: 'GET', path: () => '/api/v1/ministries', expect: { anonymous: 401, mef: 200, mnd: 200, operator: 200, auditor: 200, admin: 200 } },
  { name: 'read own/foreign ministry', method: 'GET', path: () => '/api/v1/ministries/MEF', expect: { anonymous: 401, mef: 200, mnd: 404, operator: 200, auditor: 200, admin: 200 } },
  { name: 'create ministry', method: 'POST', path: () => '/api/v1/ministries', body: (i) => ({ code: `MX${i}`, name: 'Nouveau', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 201 } },
  { name: 'change quotas', method: 'PATCH', path: () => '/api/v1/ministries/MEF', body: () => ({ quotas: { vcpu: 20 } }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 200 } },
  { name: 'list users', method: 'GET', path: () => '/api/v1/users', expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 200, admin: 200 } },
  { name: 'create user', method: 'POST', path: () => '/api/v1/users', body: (i) => ({ email: `u${i}@x.bj`, name: 'U', role: 'auditor' }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 201 } },
  { name: 'list hosts', method: 'GET', path: () => '/api/v1/site/hosts', expect: { anonymous: 401, mef: 403, mnd: 403, operator: 200, auditor: 200, admin: 200 } },
  { name: 'add host', method: 'POST', path: () => '/api/v1/site/hosts', body: (i) => ({ name: `hx-${i}`, dockerHost: 'tcp://10.0.0.9:2376', vcpu: 8, memoryMb: 8192, storageGb: 100, powerFeed: 'A', zone: 'salle-2' }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 201, auditor: 403, admin: 201 } },
  { name: 'drain host', method: 'PATCH', path: () => '/api/v1/site/hosts/h4', body: () => ({ schedulable: true }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 200, auditor: 403, admin: 200 } },
  { name: 'list requests', method: 'GET', path: () => '/api/v1/requests', expect: { anonymous: 401, mef: 200, mnd: 200, operator: 200, auditor: 200, admin: 200 } },
  { name: 'create request', method: 'POST', path: () => '/api/v1/requests', body: (i) => requestBody(`new-${i}`), expect: { anonymous: 401, mef: 201, mnd: 201, operator: 403, auditor: 403, admin: 403 } },
  { name: 'read request', method: 'GET', path: async (h) => `/api/v1/requests/${await draftOf(h)}`, expect: { anonymous: 401, mef: 200, mnd: 404, operator: 200, auditor: 200, admin: 200 } },
  { name: 'edit draft', method: 'PATCH', path: async (h) => `/api/v1/requests/${await draftOf(h)}`, body: () => ({ version: 1, purpose: 'Modifié' }), expect: { anonymous: 401, mef: 200, mnd: 404, operator: 403, auditor: 403, admin: 403 } },
  { name: 'submit', method: 'POST', path: async (h) => `/api/v1/requests/${await draftOf(h)}/submit`, expect: { anonymous: 401, mef: 200, mnd: 404, operator: 403, auditor: 403, admin: 403 } },
  { name: 'approve', method: 'POST', path: async (h) => `/api/v1/requests/${await submittedOf(h)}/approve`, expect: { anonymous: 401, mef: 403, mnd: 404, operator: 200, auditor: 403, admin: 403 } },
  { name: 'reject', method: 'POST', path: async (h) => `/api/v1/requests/${await submittedOf(h)}/reject`, body: () => ({ comment: 'non' }), expect: { anonymous: 401, mef: 403, mnd: 404, operator: 200, auditor: 403, admin: 403 } },
  { name: 'request changes', method: 'POST', path: async (h) => `/api/v1/requests/${await submittedOf(h)}/request-changes`, body: () => ({ comment: 'revoir' }), expect: { anonymous: 401, mef: 403, mnd: 404, operator: 200, auditor: 403, admin: 403 } },
  { name: 'request decommission', method: 'POST', path: async (h) => `/api/v1/requests/${await activeOf(h)}/request-decommission`, expect: { anonymous: 401, mef: 200, mnd: 404, operator: 200, auditor: 403, admin: 403 } },
  { name: 'read audit trail', method: 'GET', path: () => '/api/v1/audit', expect: { anonymous: 401, mef: 200, mnd: 200, operator: 200, auditor: 200, admin: 200 } },
  { name: 'verify audit chain', method: 'GET', path: () => '/api/v1/audit/verify', expect: { anonymous: 401, mef: 403, mnd: 403, operator: 200, auditor: 200, admin: 200 } },
  { name: 'own API tokens', method: 'GET', path: () => '/api/v1/auth/tokens', expect: { anonymous: 401, mef: 200, mnd: 200, operator: 200, auditor: 200, admin: 200 } },
  // Account security: a token never mints tokens, changes a password or turns off the second factor.
  { name: 'create a token with a token', method: 'POST', path: () => '/api/v1/auth/tokens', body: () => ({ name: 'enfant' }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 403 } },
  { name: 'own sessions', method: 'GET', path: () => '/api/v1/auth/sessions', expect: { anonymous: 401, mef: 200, mnd: 200, operator: 200, auditor: 200, admin: 200 } },
  { name: 'end a session that is not one’s own', method: 'DELETE', path: () => '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000', expect: { anonymous: 401, mef: 404, mnd: 404, operator: 404, auditor: 404, admin: 404 } },
  { name: 'change password with a token', method: 'POST', path: () => '/api/v1/auth/password', body: () => ({ currentPassword: PASSWORD, newPassword: 'ferme-lagune-ouidah-42' }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 403 } },
  { name: 'enrol a second factor with a token', method: 'POST', path: () => '/api/v1/auth/mfa/enrol', expect: { anonymous: 401, mef: 401, mnd: 401, operator: 401, auditor: 401, admin: 401 } },
  { name: 'verify a second factor with a token', method: 'POST', path: () => '/api/v1/auth/mfa/verify', body: () => ({ code: '123456' }), expect: { anonymous: 401, mef: 401, mnd: 401, operator: 401, auditor: 401, admin: 401 } },
  { name: 'turn off the second factor with a token', method: 'POST', path: () => '/api/v1/auth/mfa/disable', body: () => ({ password: PASSWORD, code: '123456' }), expect: { anonymous: 401, mef: 403, mnd: 403, operator: 403, auditor: 403, admin: 403 } },
];

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  // The matrix books many environments for MEF; room enough that quota never decides a status.
  await h.call('admin', 'PATCH', '/api/v1/ministries/MEF', { quotas: { vcpu: 1000, memoryMb: 10_000_000, storageGb: 100_000, environments: 1000 } });
});
afterAll(() => h.close());

describe.each(cases)('$method $name', (c) => {
  it.each(everyone)('as %s', async (who) => {
    const path = await c.path(h);
    const before = h.snapshot();
    const res = await h.call(who === 'anonymous' ? null : who, c.method, path, c.body?.(++n));
    expect(res.status, JSON.stringify(res.body)).toBe(c.expect[who]);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(h.snapshot()).toEqual(before);
    }
  });
});

describe('scoping of lists', () => {
  it('requesters list only their ministry', async () => {
    const ministries = await h.call('mnd', 'GET', '/api/v1/ministries');
    expect(ministries.body.items.map((m: { code: string }) => m.code)).toEqual(['MND']);
    const requests = await h.call('mnd', 'GET', '/api/v1/requests?limit=200');
    expect(requests.body.items.every((r: { ministry: { code: string } }) => r.ministry.code === 'MND')).toBe(true);
  });
});
