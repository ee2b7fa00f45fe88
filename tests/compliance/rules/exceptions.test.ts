import { describe, expect, it } from 'vitest';

import {
  MAX_EXCEPTION_DAYS,
  addressMatches,
  applyExceptions,
  createPolicyException,
  isExceptionLive,
  policyExceptionSchema,
  type PolicyException,
  type SuppressibleResult,
} from '../../../compliance/exceptions.js';

const NOW = new Date('2025-06-01T08:00:00Z');

function stored(overrides: Partial<PolicyException> = {}): PolicyException {
  return {
    id: 'EXC-1',
    ruleId: 'container-healthcheck',
    resource: 'ministry-mef/docker_container.portal_web_0',
    reason: "L'image du fournisseur n'expose pas de sonde ; supervision externe en place.",
    requestedBy: 'dsi.mef@finances.bj',
    approvedBy: 'rssi@asin.bj',
    createdAt: '2025-05-01T00:00:00Z',
    expiresAt: '2025-08-01T00:00:00Z',
    ...overrides,
  };
}

const request = {
  ruleId: 'container-healthcheck',
  resource: 'ministry-mef/docker_container.portal_web_*',
  reason: 'Sonde de santé ajoutée à la version 3 de l’image, livrée en juillet.',
  requestedBy: 'dsi.mef@finances.bj',
  approvedBy: 'rssi@asin.bj',
  expiresAt: '2025-07-31T00:00:00Z',
};

describe('exception schema', () => {
  it('accepts a complete exception', () => {
    expect(policyExceptionSchema.safeParse(stored()).success).toBe(true);
  });

  it.each([
    ['reason under 10 characters', { reason: 'parce que' }],
    ['reason of blanks', { reason: '              ' }],
    ['approver is the requester', { approvedBy: 'dsi.mef@finances.bj' }],
    ['approver is the requester, other case and spaces', { approvedBy: ' DSI.MEF@Finances.bj ' }],
    ['expiry before creation', { expiresAt: '2025-04-01T00:00:00Z' }],
    ['expiry more than a year after creation', { expiresAt: '2026-06-01T00:00:00Z' }],
    ['expiry not a date-time', { expiresAt: '2025-08-01' }],
    ['pattern made only of wildcards', { resource: '*/*' }],
    ['pattern without a stack part', { resource: 'docker_container.portal_web_0' }],
    ['rule id not kebab case', { ruleId: 'Container Healthcheck' }],
    ['empty requester', { requestedBy: '' }],
  ])('rejects %s', (_label, overrides) => {
    expect(policyExceptionSchema.safeParse(stored(overrides as Partial<PolicyException>)).success).toBe(false);
  });

  it('rejects unknown fields', () => {
    expect(policyExceptionSchema.safeParse({ ...stored(), severity: 'low' }).success).toBe(false);
  });

  it(`caps the life of an exception at ${MAX_EXCEPTION_DAYS} days`, () => {
    const created = new Date('2025-01-01T00:00:00Z');
    const atCap = new Date(created.getTime() + MAX_EXCEPTION_DAYS * 86_400_000).toISOString();
    expect(policyExceptionSchema.safeParse(stored({ createdAt: created.toISOString(), expiresAt: atCap })).success).toBe(true);
  });
});

describe('createPolicyException', () => {
  it('stamps the id and the creation time', () => {
    const exception = createPolicyException(request, { id: 'EXC-7', now: NOW });
    expect(exception).toMatchObject({ id: 'EXC-7', createdAt: NOW.toISOString(), resource: request.resource });
  });

  it('requires an expiry in the future', () => {
    expect(() => createPolicyException({ ...request, expiresAt: '2025-06-01T08:00:00Z' }, { id: 'EXC-8', now: NOW })).toThrow(/future/);
    expect(() => createPolicyException({ ...request, expiresAt: '2025-05-01T00:00:00Z' }, { id: 'EXC-8', now: NOW })).toThrow();
  });

  it('requires a second person to approve', () => {
    expect(() => createPolicyException({ ...request, approvedBy: request.requestedBy }, { id: 'EXC-9', now: NOW })).toThrow(/requester/);
  });

  it('requires a reason', () => {
    const { reason: _reason, ...withoutReason } = request;
    void _reason;
    expect(() => createPolicyException(withoutReason, { id: 'EXC-10', now: NOW })).toThrow();
  });
});

describe('liveness and matching', () => {
  it('is live from creation up to, but not including, expiry', () => {
    const e = stored();
    expect(isExceptionLive(e, new Date('2025-04-30T23:59:59Z'))).toBe(false);
    expect(isExceptionLive(e, new Date('2025-05-01T00:00:00Z'))).toBe(true);
    expect(isExceptionLive(e, new Date('2025-07-31T23:59:59Z'))).toBe(true);
    expect(isExceptionLive(e, new Date('2025-08-01T00:00:00Z'))).toBe(false);
  });

  it('matches exact addresses and globs, regex characters taken literally', () => {
    expect(addressMatches('ministry-mef/docker_container.web_0', 'ministry-mef/docker_container.web_0')).toBe(true);
    expect(addressMatches('ministry-mef/docker_container.web_*', 'ministry-mef/docker_container.web_12')).toBe(true);
    expect(addressMatches('ministry-*/docker_volume.*', 'ministry-mnd/docker_volume.api_0_data')).toBe(true);
    expect(addressMatches('ministry-mef/docker_container.web_*', 'ministry-mnd/docker_container.web_0')).toBe(false);
    expect(addressMatches('ministry-mef/docker_container.web.0', 'ministry-mef/docker_container.webX0')).toBe(false);
  });
});

describe('applyExceptions', () => {
  const results: SuppressibleResult[] = [
    { ruleId: 'container-healthcheck', address: 'ministry-mef/docker_container.portal_web_0', status: 'non_compliant' },
    { ruleId: 'container-healthcheck', address: 'ministry-mef/docker_container.portal_web_1', status: 'non_compliant' },
    { ruleId: 'container-healthcheck', address: 'ministry-mnd/docker_container.api_0', status: 'compliant' },
    { ruleId: 'container-memory-limit', address: 'ministry-mef/docker_container.portal_web_0', status: 'non_compliant' },
  ];

  it('suppresses only the non-compliant results its rule and pattern cover', () => {
    const out = applyExceptions(results, [stored({ resource: 'ministry-*/docker_container.*' })], NOW);
    expect(out.results.map((r) => [r.status, r.exceptionId])).toEqual([
      ['suppressed', 'EXC-1'],
      ['suppressed', 'EXC-1'],
      ['compliant', undefined],
      ['non_compliant', undefined],
    ]);
    expect(out.applied).toEqual(['EXC-1']);
  });

  it('ignores an expired exception and reports it', () => {
    const out = applyExceptions(results, [stored({ createdAt: '2025-01-01T00:00:00Z', expiresAt: '2025-05-31T00:00:00Z' })], NOW);
    expect(out.results.filter((r) => r.status === 'suppressed')).toEqual([]);
    expect(out.inactive).toEqual(['EXC-1']);
  });

  it('picks, among overlapping exceptions, the one lasting longest, whatever the input order', () => {
    const short = stored({ id: 'EXC-A', expiresAt: '2025-06-15T00:00:00Z' });
    const long = stored({ id: 'EXC-B', resource: 'ministry-mef/*', expiresAt: '2025-07-15T00:00:00Z' });
    for (const order of [
      [short, long],
      [long, short],
    ]) {
      const out = applyExceptions(results.slice(0, 1), order, NOW);
      expect(out.results[0]!.exceptionId).toBe('EXC-B');
      expect(out.unused).toEqual(['EXC-A']);
    }
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(results);
    applyExceptions(results, [stored()], NOW);
    expect(results).toEqual(copy);
  });
});
