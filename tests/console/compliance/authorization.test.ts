/**
 * Who may do what on the certification side. Frameworks and controls are not secret: every
 * signed-in role reads them. Findings, exceptions and exports are the team's and the
 * auditors'; ministries get 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { inDays, insertEvidence } from './fixtures.js';

type Who = 'anonymous' | 'mef' | 'operator' | 'auditor' | 'admin';
const everyone: Who[] = ['anonymous', 'mef', 'operator', 'auditor', 'admin'];

interface Case {
  name: string;
  method: string;
  path: (h: Harness) => Promise<string> | string;
  body?: (h: Harness) => unknown;
  expect: Record<Who, number>;
}

let n = 0;
const readAll = { anonymous: 401, mef: 200, operator: 200, auditor: 200, admin: 200 };
const staffRead = { anonymous: 401, mef: 403, operator: 200, auditor: 200, admin: 200 };
const teamWrite = { anonymous: 401, mef: 403, operator: 200, auditor: 403, admin: 200 };

async function finding(h: Harness, grade = 'observation'): Promise<{ id: string; version: number }> {
  const res = await h.call('auditor', 'POST', '/api/v1/findings', {
    title: `Constat ${++n}`,
    description: 'Description du constat',
    grade,
    controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }],
  });
  return { id: res.body.id, version: res.body.version };
}

async function pendingException(h: Harness): Promise<string> {
  const res = await h.call('operator2', 'POST', '/api/v1/exceptions', {
    ruleId: 'container-non-root-user',
    resource: `ministry-mef/docker_container.app_${++n}`,
    reason: 'Image tierce qui exige root, isolée sur son réseau.',
    expiresAt: inDays(h, 30),
  });
  return res.body.id;
}

let accepted = '';

const cases: Case[] = [
  { name: 'list frameworks', method: 'GET', path: () => '/api/v1/frameworks', expect: readAll },
  { name: 'read framework', method: 'GET', path: () => '/api/v1/frameworks/tia942-r3', expect: readAll },
  { name: 'list controls', method: 'GET', path: () => '/api/v1/controls?framework=pssie-bj-2021', expect: readAll },
  { name: 'read control', method: 'GET', path: () => '/api/v1/controls/pssie-bj-2021/SCC-02', expect: readAll },
  {
    name: 'set control status',
    method: 'PUT',
    path: () => `/api/v1/controls/iso27001-2022/A.8.${(++n % 34) + 1}/status`,
    body: () => ({ version: 0, applicable: true, implementation: 'planned' }),
    expect: teamWrite,
  },
  { name: 'list findings', method: 'GET', path: () => '/api/v1/findings', expect: staffRead },
  {
    name: 'raise finding',
    method: 'POST',
    path: () => '/api/v1/findings',
    body: () => ({ title: 'Constat', description: 'Description', grade: 'minor', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.2' }] }),
    expect: { anonymous: 401, mef: 403, operator: 403, auditor: 201, admin: 403 },
  },
  { name: 'read finding', method: 'GET', path: async (h) => `/api/v1/findings/${(await finding(h)).id}`, expect: staffRead },
  {
    name: 'plan finding',
    method: 'POST',
    path: async (h) => `/api/v1/findings/${(await finding(h)).id}/plan`,
    body: () => ({ version: 1, correctiveAction: 'Action corrective prévue', owner: 'Exploitation', dueDate: '2026-12-31' }),
    expect: teamWrite,
  },
  {
    name: 'propose closure',
    method: 'POST',
    path: async (h) => `/api/v1/findings/${(await finding(h)).id}/propose-closure`,
    body: () => ({ version: 1, closingEvidenceVersionId: accepted }),
    expect: { anonymous: 401, mef: 403, operator: 200, auditor: 200, admin: 200 },
  },
  {
    name: 'verify closure',
    method: 'POST',
    path: async (h) => {
      const f = await finding(h);
      await h.call('operator', 'POST', `/api/v1/findings/${f.id}/propose-closure`, { version: 1, closingEvidenceVersionId: accepted });
      return `/api/v1/findings/${f.id}/close`;
    },
    body: () => ({ version: 2 }),
    expect: { anonymous: 401, mef: 403, operator: 403, auditor: 200, admin: 403 },
  },
  {
    name: 'add corrective action',
    method: 'POST',
    path: async (h) => `/api/v1/findings/${(await finding(h)).id}/actions`,
    body: () => ({ version: 1, description: 'Mettre en place la revue', owner: 'Exploitation', dueDate: '2026-12-31' }),
    expect: { anonymous: 401, mef: 403, operator: 201, auditor: 403, admin: 201 },
  },
  {
    name: 'record root cause',
    method: 'POST',
    path: async (h) => `/api/v1/findings/${(await finding(h)).id}/root-cause`,
    body: () => ({ version: 1, rootCause: 'Procédure jamais diffusée aux équipes' }),
    expect: teamWrite,
  },
  { name: 'list exceptions', method: 'GET', path: () => '/api/v1/exceptions', expect: staffRead },
  {
    name: 'request exception',
    method: 'POST',
    path: () => '/api/v1/exceptions',
    body: (h) => ({ ruleId: 'container-cpu-limit', resource: `ministry-mef/docker_container.batch_${++n}`, reason: 'Traitement de nuit sans limite, surveillé.', expiresAt: inDays(h, 10) }),
    expect: { anonymous: 401, mef: 403, operator: 201, auditor: 403, admin: 201 },
  },
  { name: 'read exception', method: 'GET', path: async (h) => `/api/v1/exceptions/${await pendingException(h)}`, expect: staffRead },
  { name: 'approve exception', method: 'POST', path: async (h) => `/api/v1/exceptions/${await pendingException(h)}/approve`, expect: teamWrite },
  { name: 'reject exception', method: 'POST', path: async (h) => `/api/v1/exceptions/${await pendingException(h)}/reject`, expect: teamWrite },
  { name: 'revoke exception', method: 'POST', path: async (h) => `/api/v1/exceptions/${await pendingException(h)}/revoke`, expect: teamWrite },
  { name: 'export SoA CSV', method: 'GET', path: () => '/api/v1/exports/soa.csv', expect: staffRead },
  { name: 'export SoA page', method: 'GET', path: () => '/api/v1/exports/soa', expect: staffRead },
  { name: 'export OSCAL', method: 'GET', path: () => '/api/v1/exports/oscal/assessment-results.json', expect: staffRead },
  { name: 'export evidence package', method: 'GET', path: () => '/api/v1/exports/evidence-package.zip', expect: staffRead },
];

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
  accepted = insertEvidence(h, { controls: [['iso27001-2022', 'A.5.1']], versions: [{ content: 'preuve acceptée' }] }).versions[0]!.id;
});
afterAll(() => h.close());

describe.each(cases)('$method $name', (c) => {
  it.each(everyone)('as %s', async (who) => {
    const path = await c.path(h);
    const before = h.snapshot();
    const res = await h.call(who === 'anonymous' ? null : who, c.method, path, c.body?.(h));
    expect(res.status, JSON.stringify(res.body)).toBe(c.expect[who]);
    if (res.status >= 400) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(h.snapshot()).toEqual(before);
    }
  });
});
