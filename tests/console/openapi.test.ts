import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../console/version.js';
import { makeHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every /api/v1 route the app serves', async () => {
    const res = await h.call(null, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.version).toBe(VERSION);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const served = new Set(
      h.app.routes
        .filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && !['/api/v1/openapi.json', '/api/v1/docs'].includes(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('derives request bodies from the validation schemas', async () => {
    const res = await h.call(null, 'GET', '/api/v1/openapi.json');
    const create = res.body.paths['/requests'].post.requestBody.content['application/json'].schema;
    expect(create.required).toEqual(expect.arrayContaining(['environmentName', 'services', 'classification']));
    expect(create.properties.classification.enum).toEqual(['public', 'internal', 'restricted', 'secret']);
    expect(create.additionalProperties).toBe(false);
    const list = res.body.paths['/requests'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['state', 'ministry', 'limit', 'offset']));
  });

  it('serves a reference page whose assets come from the console itself', async () => {
    const page = await h.app.request('/api/v1/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith('/'), asset).toBe(true);
      const res = await h.app.request(asset);
      expect(res.status, asset).toBe(200);
    }
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('health and basics', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await h.call(null, 'GET', '/healthz')).body).toEqual({ status: 'ok', version: VERSION });
    const ready = await h.call(null, 'GET', '/readyz');
    expect(ready.body.status).toBe('ready');
    expect(ready.body.migrations).toBeGreaterThanOrEqual(2);
  });

  it('keeps the version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('answers unknown routes with a problem and echoes a safe request id', async () => {
    const res = await h.call(null, 'GET', '/api/v1/nothing-here', undefined, { 'x-request-id': 'abc-123' });
    expect(res.status).toBe(404);
    expect(res.body.requestId).toBe('abc-123');
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const unsafe = await h.call(null, 'GET', '/healthz', undefined, { 'x-request-id': '<script>' });
    expect(unsafe.headers.get('x-request-id')).not.toContain('<');
  });

  it('shows people a page, in their language, at an address nothing serves', async () => {
    const page = await h.app.request('/nulle-part', { headers: { accept: 'text/html', 'accept-language': 'fr' } });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('lang="fr"');
    const api = await h.app.request('/api/v1/nulle-part', { headers: { accept: 'text/html' } });
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sets security headers', async () => {
    const res = await h.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
