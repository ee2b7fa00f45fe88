/**
 * Malformed input on every write endpoint: a 4xx problem+json that names the offending field,
 * and nothing changed — same row counts, same audit head.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, requestBody, service, type Harness } from '../helpers/harness.js';

let h: Harness;
let draftId = '';
let submittedId = '';
beforeAll(async () => {
  h = await makeHarness({ env: { DCOPS_BODY_LIMIT_BYTES: '65536' } });
  draftId = (await h.requestIn('mef', 'draft', [])).id;
  submittedId = (await h.requestIn('mef', 'submitted', ['submit'])).id;
  await h.requestIn('mnd', 'placed', ['submit', 'approve']);
});
afterAll(() => h.close());

interface Bad {
  name: string;
  who: string;
  method: string;
  path: () => string;
  body: unknown;
  /** The field the problem must name (dotted path); null when the body as a whole is wrong. */
  field: string | null;
  status?: number;
  headers?: Record<string, string>;
}

const req = (over: Record<string, unknown>) => requestBody('valid-name', over);
const svc = (over: Record<string, unknown>) => req({ services: [service('api', over)] });
const create = (name: string, body: unknown, field: string | null, status = 422): Bad => ({ name: `create request: ${name}`, who: 'mef', method: 'POST', path: () => '/api/v1/requests', body, field, status });

const cases: Bad[] = [
  create('missing environmentName', (() => { const b: Record<string, unknown> = req({}); delete b.environmentName; return b; })(), 'environmentName'),
  create('environmentName with upper case', req({ environmentName: 'Portail' }), 'environmentName'),
  create('environmentName with underscore', req({ environmentName: 'mon_env' }), 'environmentName'),
  create('environmentName too long', req({ environmentName: 'a'.repeat(41) }), 'environmentName'),
  create('environmentName trailing hyphen', req({ environmentName: 'env-' }), 'environmentName'),
  create('environmentName a number', req({ environmentName: 42 }), 'environmentName'),
  create('empty purpose', req({ purpose: '   ' }), 'purpose'),
  create('purpose too long', req({ purpose: 'x'.repeat(501) }), 'purpose'),
  create('unknown classification', req({ classification: 'top-secret' }), 'classification'),
  create('unknown exposure', req({ exposure: 'internet' }), 'exposure'),
  create('unknown availability', req({ availability: 'extreme' }), 'availability'),
  create('secret exposed publicly', req({ classification: 'secret', exposure: 'public' }), 'exposure'),
  create('restricted exposed publicly', req({ classification: 'restricted', exposure: 'public' }), 'exposure'),
  create('backup missing', (() => { const b: Record<string, unknown> = req({}); delete b.backup; return b; })(), 'backup'),
  create('unknown backup policy', req({ backup: { policy: 'weekly', retentionDays: 7 } }), 'backup.policy'),
  create('negative retention', req({ backup: { policy: 'daily', retentionDays: -1 } }), 'backup.retentionDays'),
  create('retention without backups', req({ backup: { policy: 'none', retentionDays: 5 } }), 'backup.retentionDays'),
  create('backups without retention', req({ backup: { policy: 'daily', retentionDays: 0 } }), 'backup.retentionDays'),
  create('stored secret data without backup', req({ classification: 'secret', backup: { policy: 'none', retentionDays: 0 } }), 'backup.policy'),
  create('extra field in backup', req({ backup: { policy: 'daily', retentionDays: 7, offsite: true } }), 'backup.offsite'),
  create('no services', req({ services: [] }), 'services'),
  create('services not an array', req({ services: { name: 'api' } }), 'services'),
  create('21 services', req({ services: Array.from({ length: 21 }, (_, i) => service(`s${i}`)) }), 'services'),
  create('duplicate service names', req({ services: [service('api'), service('api')] }), 'services'),
  create('service name with space', svc({ name: 'mon api' }), 'services.0.name'),
  create('image without digest', svc({ image: 'registry.asin.bj/app:latest' }), 'services.0.image'),
  create('image with short digest', svc({ image: 'registry.asin.bj/app@sha256:abc' }), 'services.0.image'),
  create('image empty', svc({ image: '' }), 'services.0.image'),
  create('vcpu zero', svc({ vcpu: 0 }), 'services.0.vcpu'),
  create('vcpu not a multiple of 0.25', svc({ vcpu: 0.3 }), 'services.0.vcpu'),
  create('vcpu as a string', svc({ vcpu: '2' }), 'services.0.vcpu'),
  create('vcpu too large', svc({ vcpu: 65 }), 'services.0.vcpu'),
  create('memory too small', svc({ memoryMb: 8 }), 'services.0.memoryMb'),
  create('memory fractional', svc({ memoryMb: 512.5 }), 'services.0.memoryMb'),
  create('storage negative', svc({ storageGb: -5 }), 'services.0.storageGb'),
  create('port zero', svc({ ports: [0] }), 'services.0.ports.0'),
  create('port too high', svc({ ports: [70000] }), 'services.0.ports.0'),
  create('duplicate ports', svc({ ports: [8080, 8080] }), 'services.0.ports'),
  create('healthcheck without test', svc({ healthcheck: { test: [] } }), 'services.0.healthcheck.test'),
  create('healthcheck interval zero', svc({ healthcheck: { test: ['CMD', 'true'], intervalSeconds: 0 } }), 'services.0.healthcheck.intervalSeconds'),
  create('replicas zero', svc({ replicas: 0 }), 'services.0.replicas'),
  create('replicas eleven', svc({ replicas: 11 }), 'services.0.replicas'),
  create('high availability with one replica', req({ availability: 'high', services: [service('api', { replicas: 1 })] }), 'services.0.replicas'),
  create('unknown top-level field', req({ ministry: 'MND' }), 'ministry'),
  create('unknown service field', svc({ privileged: true }), 'services.0.privileged'),
  create('unknown service kind', svc({ kind: 'mysql' }), 'services.0.kind'),
  create('database exposed through the ingress', svc({ kind: 'postgresql', ports: [5432], expose: { port: 5432, hostname: 'base' } }), 'services.0.expose'),
  create('exposed port not among the ports', svc({ expose: { port: 9999, hostname: 'api' } }), 'services.0.expose.port'),
  create('internal environment exposing a service', req({ exposure: 'internal', services: [service('api', { expose: { port: 8080, hostname: 'api' } })] }), 'services.0.expose'),
  create('exposed host name not DNS-safe', svc({ expose: { port: 8080, hostname: 'Mon_API' } }), 'services.0.expose.hostname'),
  create('exposure without a host name', svc({ expose: { port: 8080 } }), 'services.0.expose.hostname'),
  create('body is an array', [req({})], null),
  create('body is null', null, null),
  { name: 'create request: broken JSON', who: 'mef', method: 'POST', path: () => '/api/v1/requests', body: '{"environmentName": ', field: null, status: 400 },
  { name: 'create request: wrong content type', who: 'mef', method: 'POST', path: () => '/api/v1/requests', body: 'environmentName=x', field: null, status: 415, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'create request: oversized body', who: 'mef', method: 'POST', path: () => '/api/v1/requests', body: req({ purpose: 'x'.repeat(70_000) }), field: null, status: 413 },
  { name: 'edit draft: no version', who: 'mef', method: 'PATCH', path: () => `/api/v1/requests/${draftId}`, body: { purpose: 'Nouveau' }, field: 'version' },
  { name: 'edit draft: version zero', who: 'mef', method: 'PATCH', path: () => `/api/v1/requests/${draftId}`, body: { version: 0, purpose: 'Nouveau' }, field: 'version' },
  { name: 'edit draft: nothing to change', who: 'mef', method: 'PATCH', path: () => `/api/v1/requests/${draftId}`, body: { version: 1 }, field: '' },
  { name: 'edit draft: bad service', who: 'mef', method: 'PATCH', path: () => `/api/v1/requests/${draftId}`, body: { version: 1, services: [service('api', { memoryMb: -1 })] }, field: 'services.0.memoryMb' },
  { name: 'edit draft: unknown field', who: 'mef', method: 'PATCH', path: () => `/api/v1/requests/${draftId}`, body: { version: 1, state: 'approved' }, field: 'state' },
  { name: 'approve: version a string', who: 'operator', method: 'POST', path: () => `/api/v1/requests/${submittedId}/approve`, body: { version: 'one' }, field: 'version' },
  { name: 'reject: comment too long', who: 'operator', method: 'POST', path: () => `/api/v1/requests/${submittedId}/reject`, body: { comment: 'x'.repeat(2001) }, field: 'comment' },
  { name: 'reject: unknown field', who: 'operator', method: 'POST', path: () => `/api/v1/requests/${submittedId}/reject`, body: { comment: 'non', force: true }, field: 'force' },
  { name: 'create ministry: lower-case code', who: 'admin', method: 'POST', path: () => '/api/v1/ministries', body: { code: 'mef2', name: 'X', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } }, field: 'code' },
  { name: 'create ministry: missing quotas', who: 'admin', method: 'POST', path: () => '/api/v1/ministries', body: { code: 'MX', name: 'X' }, field: 'quotas' },
  { name: 'create ministry: negative vcpu quota', who: 'admin', method: 'POST', path: () => '/api/v1/ministries', body: { code: 'MX', name: 'X', quotas: { vcpu: -1, memoryMb: 1, storageGb: 1, environments: 1 } }, field: 'quotas.vcpu' },
  { name: 'create ministry: unknown kind', who: 'admin', method: 'POST', path: () => '/api/v1/ministries', body: { code: 'MX', name: 'X', kind: 'ngo', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } }, field: 'kind' },
  { name: 'create ministry: duplicate code', who: 'admin', method: 'POST', path: () => '/api/v1/ministries', body: { code: 'MEF', name: 'Doublon', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } }, field: 'code', status: 409 },
  { name: 'change quotas: negative', who: 'admin', method: 'PATCH', path: () => '/api/v1/ministries/MND', body: { quotas: { environments: -1 } }, field: 'quotas.environments' },
  { name: 'change quotas: below what is booked', who: 'admin', method: 'PATCH', path: () => '/api/v1/ministries/MND', body: { quotas: { environments: 0 } }, field: 'quotas.environments', status: 409 },
  { name: 'change quotas: empty patch', who: 'admin', method: 'PATCH', path: () => '/api/v1/ministries/MND', body: {}, field: '' },
  { name: 'add host: bad docker endpoint', who: 'operator', method: 'POST', path: () => '/api/v1/site/hosts', body: { name: 'h9', dockerHost: 'http://x', vcpu: 8, memoryMb: 8192, storageGb: 10, powerFeed: 'A', zone: 'z' }, field: 'dockerHost' },
  { name: 'add host: power feed C', who: 'operator', method: 'POST', path: () => '/api/v1/site/hosts', body: { name: 'h9', dockerHost: 'tcp://x:1', vcpu: 8, memoryMb: 8192, storageGb: 10, powerFeed: 'C', zone: 'z' }, field: 'powerFeed' },
  { name: 'add host: fractional vcpu', who: 'operator', method: 'POST', path: () => '/api/v1/site/hosts', body: { name: 'h9', dockerHost: 'tcp://x:1', vcpu: 7.5, memoryMb: 8192, storageGb: 10, powerFeed: 'A', zone: 'z' }, field: 'vcpu' },
  { name: 'add host: duplicate name', who: 'operator', method: 'POST', path: () => '/api/v1/site/hosts', body: { name: 'h1', dockerHost: 'tcp://x:1', vcpu: 8, memoryMb: 8192, storageGb: 10, powerFeed: 'A', zone: 'z' }, field: 'name', status: 409 },
  { name: 'shrink host: below placed', who: 'operator', method: 'PATCH', path: () => '/api/v1/site/hosts/h1', body: { storageGb: 5 }, field: 'storageGb', status: 409 },
  { name: 'create user: bad email', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'pas-un-email', name: 'X', role: 'auditor' }, field: 'email' },
  { name: 'create user: unknown role', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'x@y.bj', name: 'X', role: 'root' }, field: 'role' },
  { name: 'create user: requester without ministry', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'x@y.bj', name: 'X', role: 'requester' }, field: 'ministry' },
  { name: 'create user: operator with ministry', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'x@y.bj', name: 'X', role: 'operator', ministry: 'MEF' }, field: 'ministry' },
  { name: 'create user: unknown ministry', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'x@y.bj', name: 'X', role: 'requester', ministry: 'NOPE' }, field: 'ministry' },
  { name: 'create user: short password', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'x@y.bj', name: 'X', role: 'auditor', password: 'court' }, field: 'password' },
  { name: 'create user: duplicate email', who: 'admin', method: 'POST', path: () => '/api/v1/users', body: { email: 'DSI@mef.bj', name: 'X', role: 'auditor' }, field: 'email', status: 409 },
  { name: 'create token: empty name', who: 'operator', method: 'POST', path: () => '/api/v1/auth/tokens', body: { name: '' }, field: 'name' },
  { name: 'create token: ten-year-plus expiry', who: 'operator', method: 'POST', path: () => '/api/v1/auth/tokens', body: { name: 'x', expiresInDays: 4000 }, field: 'expiresInDays' },
  { name: 'login: missing password', who: '', method: 'POST', path: () => '/api/v1/auth/login', body: { email: 'dsi@mef.bj' }, field: 'password' },
  { name: 'login: email a number', who: '', method: 'POST', path: () => '/api/v1/auth/login', body: { email: 5, password: 'x' }, field: 'email' },
  { name: 'list requests: limit 0', who: 'operator', method: 'GET', path: () => '/api/v1/requests?limit=0', body: undefined, field: 'limit' },
  { name: 'list requests: unknown state', who: 'operator', method: 'GET', path: () => '/api/v1/requests?state=done', body: undefined, field: 'state' },
  { name: 'list requests: unknown parameter', who: 'operator', method: 'GET', path: () => '/api/v1/requests?sort=name', body: undefined, field: 'sort' },
  { name: 'audit: before not a number', who: 'auditor', method: 'GET', path: () => '/api/v1/audit?before=abc', body: undefined, field: 'before' },
];

describe('malformed input', () => {
  it('covers at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('$name', async (c) => {
    const before = h.snapshot();
    const res = await h.call(c.who || null, c.method, c.path(), c.body, c.headers ?? {});
    expect(res.status, JSON.stringify(res.body)).toBe(c.status ?? 422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String), type: expect.stringMatching(/^https:\/\//) });
    if (c.field !== null) {
      const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
      expect(fields, JSON.stringify(res.body)).toContain(c.field);
      for (const e of res.body.errors) expect(e.pointer).toBe(e.field === '' ? '' : '/' + e.field.split('.').join('/'));
    }
    expect(h.snapshot()).toEqual(before);
  });
});

describe('query strings', () => {
  it('answer the same each time: a refused one is refused again, a valid one gives the same page', async () => {
    const first = await h.call('operator', 'GET', '/api/v1/requests?limit=1');
    expect(first.body.items).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const bad = await h.call('operator', 'GET', '/api/v1/requests?limit=0');
      expect(bad.status).toBe(422);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
      const good = await h.call('operator', 'GET', '/api/v1/requests?limit=1');
      expect(good.status).toBe(200);
      expect(good.body).toEqual(first.body);
    }
    // The parsed value is shared between calls: nothing downstream may change it.
    const next = await h.call('operator', 'GET', '/api/v1/requests?limit=1&offset=1');
    expect(next.body).toMatchObject({ limit: 1, offset: 1, total: first.body.total });
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});
