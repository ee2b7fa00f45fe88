/** Malformed input on the certification endpoints: a 4xx problem naming the field, and nothing written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { inDays } from './fixtures.js';

let h: Harness;
let findingId = '';
let plannedId = '';
let exceptionId = '';
beforeAll(async () => {
  h = await makeHarness();
  const controls = [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }];
  findingId = (await h.call('auditor', 'POST', '/api/v1/findings', { title: 'Constat', description: 'Description', grade: 'minor', controls })).body.id;
  plannedId = (await h.call('auditor', 'POST', '/api/v1/findings', { title: 'Constat 2', description: 'Description', grade: 'minor', controls })).body.id;
  await h.call('operator', 'POST', `/api/v1/findings/${plannedId}/plan`, { version: 1, correctiveAction: 'Action corrective', owner: 'Exploitation', dueDate: '2026-12-31' });
  exceptionId = (
    await h.call('operator', 'POST', '/api/v1/exceptions', {
      ruleId: 'container-cpu-limit',
      resource: 'ministry-mef/docker_container.batch',
      reason: 'Traitement de nuit sans limite, surveillé.',
      expiresAt: inDays(h, 10),
    })
  ).body.id;
});
afterAll(() => h.close());

const status = (overrides: Record<string, unknown>) => ({ version: 0, applicable: true, implementation: 'planned', ...overrides });
const raise = (overrides: Record<string, unknown>) => ({
  title: 'Constat',
  description: 'Description du constat',
  grade: 'minor',
  controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }],
  ...overrides,
});
const exception = (overrides: Record<string, unknown>) => ({
  ruleId: 'container-cpu-limit',
  resource: 'ministry-mef/docker_container.web',
  reason: 'Une raison assez longue pour passer.',
  expiresAt: '2027-02-01T00:00:00Z',
  ...overrides,
});
const withoutKey = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

interface Case {
  name: string;
  who: string;
  method: string;
  path: () => string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  /** The field the problem must name; null for a body that is not JSON at all. */
  field: string | null;
}

const STATUS = '/api/v1/controls/iso27001-2022/A.5.9/status';
const cases: Case[] = [
  { name: 'status without version', who: 'operator', method: 'PUT', path: () => STATUS, body: withoutKey(status({}), 'version'), status: 422, field: 'version' },
  { name: 'negative version', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ version: -1 }), status: 422, field: 'version' },
  { name: 'unknown implementation', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ implementation: 'done' }), status: 422, field: 'implementation' },
  { name: 'applicable as text', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ applicable: 'yes' }), status: 422, field: 'applicable' },
  { name: 'unknown status field', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ score: 1 }), status: 422, field: 'score' },
  { name: 'exclusion without reason', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ applicable: false }), status: 422, field: 'justification' },
  { name: 'ISO exclusion too short', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ applicable: false, justification: 'Non' }), status: 422, field: 'justification' },
  { name: 'blank owner', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ owner: '   ' }), status: 422, field: 'owner' },
  { name: 'justification too long', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ justification: 'x'.repeat(2001) }), status: 422, field: 'justification' },
  { name: 'stale version', who: 'operator', method: 'PUT', path: () => STATUS, body: status({ version: 4 }), status: 409, field: null },
  { name: 'status as text/plain', who: 'operator', method: 'PUT', path: () => STATUS, body: JSON.stringify(status({})), headers: { 'content-type': 'text/plain' }, status: 415, field: null },
  { name: 'broken JSON', who: 'operator', method: 'PUT', path: () => STATUS, body: '{"version": 0,', status: 400, field: null },
  { name: 'unknown control status filter', who: 'auditor', method: 'GET', path: () => '/api/v1/controls?status=done', status: 422, field: 'status' },
  { name: 'applicable filter not a boolean', who: 'auditor', method: 'GET', path: () => '/api/v1/controls?applicable=yes', status: 422, field: 'applicable' },
  { name: 'limit zero', who: 'auditor', method: 'GET', path: () => '/api/v1/controls?limit=0', status: 422, field: 'limit' },
  { name: 'unknown framework filter', who: 'auditor', method: 'GET', path: () => '/api/v1/controls?framework=nist-800-53', status: 422, field: 'framework' },
  { name: 'unknown query parameter', who: 'auditor', method: 'GET', path: () => '/api/v1/controls?sort=id', status: 422, field: 'sort' },
  { name: 'unknown grade', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: raise({ grade: 'critical' }), status: 422, field: 'grade' },
  { name: 'no controls', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: raise({ controls: [] }), status: 422, field: 'controls' },
  {
    name: 'duplicate controls',
    who: 'auditor',
    method: 'POST',
    path: () => '/api/v1/findings',
    body: raise({ controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }, { frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] }),
    status: 422,
    field: 'controls',
  },
  { name: 'unknown framework in a control', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: raise({ controls: [{ frameworkId: 'nist', controlId: 'AC-2' }] }), status: 422, field: 'controls.0.frameworkId' },
  { name: 'control not in the catalogue', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: raise({ controls: [{ frameworkId: 'pssie-bj-2021', controlId: 'ORG-99' }] }), status: 422, field: 'controls.0.controlId' },
  { name: 'due date in French format', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: raise({ dueDate: '31/12/2026' }), status: 422, field: 'dueDate' },
  { name: 'finding without title', who: 'auditor', method: 'POST', path: () => '/api/v1/findings', body: withoutKey(raise({}), 'title'), status: 422, field: 'title' },
  {
    name: 'corrective action too short',
    who: 'operator',
    method: 'POST',
    path: () => `/api/v1/findings/${findingId}/plan`,
    body: { version: 1, correctiveAction: 'Corriger', owner: 'Exploitation', dueDate: '2026-12-31' },
    status: 422,
    field: 'correctiveAction',
  },
  { name: 'plan without due date', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${findingId}/plan`, body: { version: 1, correctiveAction: 'Action corrective', owner: 'Exploitation' }, status: 422, field: 'dueDate' },
  { name: 'plan due in the past', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${findingId}/plan`, body: { version: 1, correctiveAction: 'Action corrective', owner: 'Exploitation', dueDate: '2026-01-01' }, status: 422, field: 'dueDate' },
  { name: 'propose closure without evidence', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${plannedId}/propose-closure`, body: { version: 2 }, status: 422, field: 'closingEvidenceVersionId' },
  { name: 'propose closure on unknown evidence', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${plannedId}/propose-closure`, body: { version: 2, closingEvidenceVersionId: 'nope' }, status: 422, field: 'closingEvidenceVersionId' },
  { name: 'corrective action without owner', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${plannedId}/actions`, body: { version: 2, description: 'Action corrective prévue', dueDate: '2026-12-31' }, status: 422, field: 'owner' },
  { name: 'corrective action on unknown evidence', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${plannedId}/actions`, body: { version: 2, description: 'Action corrective prévue', owner: 'Exploitation', dueDate: '2026-12-31', evidenceId: 'nope' }, status: 422, field: 'evidenceId' },
  { name: 'root cause too short', who: 'operator', method: 'POST', path: () => `/api/v1/findings/${plannedId}/root-cause`, body: { version: 2, rootCause: 'court' }, status: 422, field: 'rootCause' },
  { name: 'reopen without a reason', who: 'auditor', method: 'POST', path: () => `/api/v1/findings/${plannedId}/reopen`, body: { version: 2 }, status: 422, field: 'comment' },
  { name: 'unknown justification reason', who: 'operator', method: 'PUT', path: () => '/api/v1/controls/iso27001-2022/A.5.3/status', body: { version: 0, applicable: true, implementation: 'planned', justification: 'Texte', justificationReason: 'habit' }, status: 422, field: 'justificationReason' },
  { name: 'overdue filter not a boolean', who: 'auditor', method: 'GET', path: () => '/api/v1/findings?overdue=maybe', status: 422, field: 'overdue' },
  { name: 'unknown finding status filter', who: 'auditor', method: 'GET', path: () => '/api/v1/findings?status=done', status: 422, field: 'status' },
  { name: 'exception without reason', who: 'operator', method: 'POST', path: () => '/api/v1/exceptions', body: withoutKey(exception({}), 'reason'), status: 422, field: 'reason' },
  { name: 'expiry as a word', who: 'operator', method: 'POST', path: () => '/api/v1/exceptions', body: exception({ expiresAt: 'demain' }), status: 422, field: 'expiresAt' },
  { name: 'unknown rule', who: 'operator', method: 'POST', path: () => '/api/v1/exceptions', body: exception({ ruleId: 'container-uses-magic' }), status: 422, field: 'ruleId' },
  { name: 'pattern matching everything', who: 'operator', method: 'POST', path: () => '/api/v1/exceptions', body: exception({ resource: '*/*.*' }), status: 422, field: 'resource' },
  { name: 'live filter as 1', who: 'auditor', method: 'GET', path: () => '/api/v1/exceptions?live=1', status: 422, field: 'live' },
  { name: 'unknown decision field', who: 'operator2', method: 'POST', path: () => `/api/v1/exceptions/${exceptionId}/approve`, body: { approved: true }, status: 422, field: 'approved' },
  { name: 'decision comment too long', who: 'operator2', method: 'POST', path: () => `/api/v1/exceptions/${exceptionId}/reject`, body: { comment: 'x'.repeat(2001) }, status: 422, field: 'comment' },
];

describe('malformed input', () => {
  it('has at least 20 cases', () => {
    expect(cases.filter((c) => c.field !== null).length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$name → $status', async (c) => {
    const before = h.snapshot();
    const res = await h.call(c.who, c.method, c.path(), c.body, c.headers);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (c.field !== null) {
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
      for (const e of res.body.errors) expect(e.pointer).toBe('/' + e.field.split('.').join('/'));
    }
    expect(h.snapshot()).toEqual(before);
  });
});
