/**
 * Property-based checks of every write endpoint under /api/v1, listed from the app's own routes
 * (so a new endpoint is fuzzed the day it appears). Generated calls mix callers of every role,
 * real ids (often another ministry's), random and hostile path segments, and bodies with wrong
 * types, missing and extra fields, huge and unicode strings, random bytes, wrong or missing
 * content types and oversized payloads. Whatever comes in: never a 5xx, every error is
 * problem+json, a refused call changes nothing (rows, audit head, evidence files), and no write
 * is ever accepted from an anonymous caller but sign-in and sign-out.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../console/api/openapi.js';
import { SESSION_COOKIE } from '../../console/http/auth.js';
import { login } from '../../console/services/auth/login.js';
import { VERSION } from '../../console/version.js';
import type { TerraformJson } from '../../infra/synth.js';
import { makeHarness, PASSWORD, requestBody, type Harness } from '../helpers/harness.js';

const RUNS_PER_ENDPOINT = 100;
const BODY_LIMIT = 65_536;
const BOUNDARY = 'fuzz-boundary-3f9a';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Stand-ins for synthesis and terraform: the infrastructure routes answer without building anything. */
const infra = { synthesize: () => new Map<string, TerraformJson>([['platform', { resource: {} }]]), terraform: { env: { PATH: '/nonexistent' } } };

let h: Harness;
/** Ids, codes and names that exist, owned by various ministries and people. */
let realIds: string[] = [];

beforeAll(async () => {
  h = await makeHarness({ env: { DCOPS_BODY_LIMIT_BYTES: String(BODY_LIMIT) }, infra });
  const draft = await h.requestIn('mef', 'brouillon', []);
  const submitted = await h.requestIn('mef', 'soumise', ['submit']);
  const approved = await h.requestIn('mnd', 'approuvee', ['submit', 'approve']);
  const control = { frameworkId: 'iso27001-2022', controlId: 'A.8.13' };
  const fileItem = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'Fichier', kind: 'file', controls: [control] });
  const noteItem = await h.call('mnd', 'POST', '/api/v1/evidence', { title: 'Note', kind: 'note', controls: [control] });
  await h.call('mnd', 'POST', `/api/v1/evidence/${noteItem.body.id}/versions`, { note: 'contenu', effectiveAt: '2026-11-01' });
  // People the fuzzer may act on without locking the test callers out.
  const victims = await Promise.all(['victime1@test.bj', 'victime2@test.bj'].map((email, i) => h.call('admin', 'POST', '/api/v1/users', i ? { email, name: 'V', role: 'requester', ministry: 'MND' } : { email, name: 'V', role: 'operator' })));
  realIds = [draft.id, submitted.id, approved.id, fileItem.body.id, noteItem.body.id, ...victims.map((v) => v.body.user?.id ?? v.body.id), 'MEF', 'MND', 'h1', 'h2', 'platform', 'ministry-mef', 'iso27001-2022', 'A.8.13', '1', '2'].filter((x): x is string => typeof x === 'string');
});
afterAll(() => h.close());

function storedEvidence(): string[] {
  const root = join(h.dir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Field names the OpenAPI document gives for an endpoint's body (the fuzzer's best guesses). */
function documentedFields(method: string, path: string): string[] {
  const doc = openApiDocument(VERSION) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> };
  const key = path.replace(/^\/api\/v1/, '').replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
  const content = doc.paths[key]?.[method.toLowerCase()]?.requestBody?.content ?? {};
  return [...new Set(Object.values(content).flatMap((c) => Object.keys(c.schema?.properties ?? {})))];
}

const hostile = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202etxt.exe',
  '../../etc/passwd',
  '..\\..\\boot.ini',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}',
  '__proto__',
  'constructor',
  'null',
  '-1',
  '1e309',
  'NaN',
  '2026-13-45',
  'dcops_' + 'x'.repeat(43),
);
const hugeString = fc.integer({ min: 2_000, max: 40_000 }).chain((n) => fc.constantFrom('x'.repeat(n), 'é'.repeat(n), '𝕏'.repeat(n)));
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: hugeString },
);

function valueArb(): fc.Arbitrary<unknown> {
  return fc.oneof(
    anyString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1, 2 ** 53, -(2 ** 53), 1e308, 0.1, 0.25),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...realIds),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }),
  );
}

interface Body {
  contentType: string | null;
  body: string | Uint8Array | null;
  label: string;
}

const contentTypes = fc.constantFrom<string | null>(
  null,
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  `multipart/form-data; boundary=${BOUNDARY}`,
  'application/xml',
  'application/merge-patch+json',
  'x/y; a=b',
);

function multipartArb(): fc.Arbitrary<Body> {
  const part = fc.oneof(
    fc.record({ name: fc.oneof(fc.constantFrom('effectiveAt', 'expiresAt', 'file', 'note'), fc.string({ maxLength: 10 })), value: anyString.map((s) => s.slice(0, 3000)) }).map((p) => `Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}`),
    fc
      .record({ filename: anyString.map((s) => s.slice(0, 300)), type: fc.constantFrom('application/pdf', 'text/plain', 'image/png', 'application/x-msdownload', 'text/html', ''), data: fc.uint8Array({ maxLength: 4096 }) })
      .map((p) => `Content-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n${Buffer.from(p.data).toString('latin1')}`),
  );
  return fc.array(part, { maxLength: 4 }).map((parts) => ({
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: Buffer.from(parts.map((p) => `--${BOUNDARY}\r\n${p}\r\n`).join('') + `--${BOUNDARY}--\r\n`, 'latin1'),
    label: 'multipart',
  }));
}

function bodyArb(fields: string[]): fc.Arbitrary<Body> {
  const names = fields.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }) : fc.string({ maxLength: 20 });
  const json = (value: unknown, label: string, type: fc.Arbitrary<string | null> = fc.constant('application/json')) => type.map((contentType) => ({ contentType, body: JSON.stringify(value) ?? 'undefined', label }));
  return fc.oneof(
    // The documented fields with wrong types, some missing, some extra.
    { weight: 6, arbitrary: fc.dictionary(names, valueArb(), { maxKeys: Math.max(3, fields.length + 2) }).chain((o) => json(o, 'fields')) },
    // A valid request body whatever the endpoint: the right shape in the wrong place.
    { weight: 1, arbitrary: fc.constantFrom(requestBody('fuzz-env'), { version: 1 }, { comment: 'ok' }, {}).chain((o) => json(o, 'foreign shape', contentTypes)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).chain((v) => json(v, 'any JSON')) },
    { weight: 2, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2048 }), contentTypes).map(([bytes, contentType]) => ({ contentType, body: bytes, label: 'random bytes' })) },
    { weight: 1, arbitrary: fc.string().map((s) => ({ contentType: 'application/json', body: `{"${s}`, label: 'broken JSON' })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(fields.length ? fields : ['x'])), fc.integer({ min: BODY_LIMIT, max: BODY_LIMIT * 3 })).map(([f, n]) => ({ contentType: 'application/json', body: JSON.stringify({ [f]: 'x'.repeat(n) }), label: 'oversized' })) },
    { weight: 1, arbitrary: contentTypes.map((contentType) => ({ contentType, body: null, label: 'no body' })) },
    { weight: 2, arbitrary: multipartArb() },
  );
}

/** Built once the fixtures exist: real ids are most of what a path segment receives. */
const paramArb = () =>
  fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...realIds) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 10 }).map(String) },
  // Lone surrogates cannot be percent-encoded: made well-formed first (raw '%' cases follow).
  { weight: 2, arbitrary: anyString.map((s) => encodeURIComponent(Buffer.from(s.slice(0, 3000)).toString()) || 'x') },
  { weight: 1, arbitrary: fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', '%', '%zz', '%C0%AF', 'a'.repeat(3000)) },
  );
/** Bearer callers of every role, anonymous, and a browser session with and without its CSRF token. */
const callerArb = fc.constantFrom<string | null>(null, 'admin', 'operator', 'operator2', 'auditor', 'mef', 'mef2', 'mnd', 'session', 'session-without-csrf');
let session = { cookie: '', csrf: '' };

/**
 * A browser session of an operator, opened by the sign-in verb itself: the fuzzed sign-in route
 * soon locks the test address out, and a fuzzed sign-out may end the previous session.
 */
async function freshSession(): Promise<typeof session> {
  const s = await login({ ctx: { db: h.db, clock: h.clock }, input: { email: 'op1@test.bj', password: PASSWORD }, sessionTtlMs: h.config.sessionTtlMs });
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfToken };
}

function writeEndpoints(app: Harness['app']): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes) if (WRITE_METHODS.has(r.method) && r.path.startsWith('/api/v1/')) seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()].sort((a, b) => (a.path + a.method).localeCompare(b.path + b.method));
}

// Listed from a throwaway app: the test names must be known before the fixtures exist.
const listing = await makeHarness({ infra });
const endpoints = writeEndpoints(listing.app);
listing.close();

describe('fuzzing every write endpoint', () => {
  it('finds them all in the app’s routes', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(30);
    for (const e of [
      'POST /api/v1/requests',
      'PATCH /api/v1/requests/:id',
      'POST /api/v1/evidence/:id/versions',
      'DELETE /api/v1/auth/tokens/:id',
      'PUT /api/v1/controls/:framework/:id/status',
      'DELETE /api/v1/auth/sessions/:id',
      'POST /api/v1/auth/password',
      'POST /api/v1/auth/mfa/enrol',
      'POST /api/v1/auth/mfa/enrol/confirm',
      'POST /api/v1/auth/mfa/verify',
      'POST /api/v1/auth/mfa/disable',
    ]) {
      expect(endpoints.map((x) => `${x.method} ${x.path}`)).toContain(e);
    }
  });

  it.each(endpoints)('$method $path', async ({ method, path }) => {
    session = await freshSession();
    const fields = documentedFields(method, path);
    const params = (path.match(/:\w+/g) ?? []).length;
    await fc.assert(
      fc.asyncProperty(callerArb, fc.array(paramArb(), { minLength: params, maxLength: params }), bodyArb(fields), async (who, values, input) => {
        let i = 0;
        const url = path.replace(/:(\w+)(\{[^}]*\})?/g, () => values[i++]!);
        const headers: Record<string, string> = {};
        if (who === 'session' || who === 'session-without-csrf') {
          headers.cookie = session.cookie;
          if (who === 'session') headers['x-csrf-token'] = session.csrf;
        } else if (who) headers.authorization = `Bearer ${h.callers[who]!.token}`;
        if (input.contentType !== null) headers['content-type'] = input.contentType;
        const before = h.snapshot();
        const filesBefore = storedEvidence();
        const res = await h.app.request(url, { method, headers, ...(input.body !== null ? { body: input.body } : {}) });
        const text = await res.text();
        const where = `${method} ${url.slice(0, 200)} as ${who ?? 'anonymous'} (${input.label}): ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, where).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type'), where).toContain('application/problem+json');
          const problem = JSON.parse(text) as { type: unknown; title: unknown; status: unknown; detail: unknown };
          expect(problem.type, where).toMatch(/^https:\/\//);
          expect(typeof problem.title, where).toBe('string');
          expect(typeof problem.detail, where).toBe('string');
          expect(problem.status, where).toBe(res.status);
          expect(h.snapshot(), `refused, yet changed: ${where}`).toEqual(before);
          expect(storedEvidence(), `refused, yet left files: ${where}`).toEqual(filesBefore);
        } else {
          if (res.status !== 204) expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
          if (who === null || who === 'session-without-csrf') expect(['/api/v1/auth/login', '/api/v1/auth/logout'], `accepted without credentials: ${where}`).toContain(path);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
  });
});
