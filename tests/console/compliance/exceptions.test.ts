import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyExceptions, policyExceptionSchema } from '../../../compliance/index.js';
import { liveExceptions } from '../../../console/services/exceptions/index.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { inDays } from './fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const request = (h: Harness, overrides: Record<string, unknown> = {}) => ({
  ruleId: 'container-read-only-rootfs',
  resource: 'ministry-mef/docker_container.sigfip_*',
  reason: "L'application écrit ses fichiers temporaires hors tmpfs ; correctif prévu au prochain trimestre.",
  expiresAt: inDays(h, 90),
  ...overrides,
});

describe('policy exceptions', () => {
  it('is requested by one operator and approved by another, then live until it expires', async () => {
    // Within the 30 days of the harness's API tokens, so the callers are still signed in at expiry.
    const created = await h.call('operator', 'POST', '/api/v1/exceptions', request(h, { expiresAt: inDays(h, 20) }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', requestedBy: 'op1@test.bj', live: false, expired: false, allowedActions: ['approve', 'reject', 'revoke'] });
    expect(created.body.rule.title).toEqual(expect.any(String));
    const id = created.body.id;
    expect(liveExceptions(h.db, h.clock.now())).toEqual([]);

    // Separation of duties: the requester never signs off their own exception.
    const before = h.snapshot();
    for (const action of ['approve', 'reject']) {
      const own = await h.call('operator', 'POST', `/api/v1/exceptions/${id}/${action}`);
      expect(own.status).toBe(403);
      expect(own.body.detail).toMatch(/separation of duties/);
    }
    expect((await h.call('auditor', 'POST', `/api/v1/exceptions/${id}/approve`)).status).toBe(403);
    expect((await h.call('mef', 'POST', `/api/v1/exceptions/${id}/approve`)).status).toBe(403);
    expect(h.snapshot()).toEqual(before);

    const approved = await h.call('operator2', 'POST', `/api/v1/exceptions/${id}/approve`, { comment: 'Risque accepté, tmpfs à venir' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'op2@test.bj', decidedAt: '2026-11-21T08:00:00.000Z', live: true, allowedActions: ['revoke'] });
    expect((await h.call('admin', 'POST', `/api/v1/exceptions/${id}/approve`)).status).toBe(409);

    const live = liveExceptions(h.db, h.clock.now());
    expect(live).toHaveLength(1);
    expect(policyExceptionSchema.parse(live[0])).toEqual(live[0]);
    expect(live[0]).toMatchObject({ id, ruleId: 'container-read-only-rootfs', requestedBy: 'op1@test.bj', approvedBy: 'op2@test.bj' });
    // The shape is what the evaluator expects: it suppresses the matching finding.
    const applied = applyExceptions(
      [{ ruleId: 'container-read-only-rootfs', address: 'ministry-mef/docker_container.sigfip_api', status: 'non_compliant' as const }],
      live,
      h.clock.now(),
    );
    expect(applied.results[0]).toMatchObject({ status: 'suppressed', exceptionId: id });

    expect((await h.call('auditor', 'GET', '/api/v1/exceptions?live=true')).body.items.map((e: { id: string }) => e.id)).toEqual([id]);
    // Expiry is derived from the clock: nothing is written, yet it stops counting.
    const atApproval = h.snapshot();
    h.clock.set(new Date(created.body.expiresAt));
    expect(liveExceptions(h.db, h.clock.now())).toEqual([]);
    const expired = await h.call('auditor', 'GET', `/api/v1/exceptions/${id}`);
    expect(expired.body).toMatchObject({ status: 'approved', live: false, expired: true });
    expect((await h.call('auditor', 'GET', '/api/v1/exceptions?live=true')).body.items).toEqual([]);
    expect((await h.call('auditor', 'GET', '/api/v1/exceptions?live=false')).body.total).toBe(1);
    expect(h.snapshot()).toEqual(atApproval);
  });

  it('is revoked (or withdrawn) by anyone on the team and stops counting at once', async () => {
    const a = await h.call('operator', 'POST', '/api/v1/exceptions', request(h));
    await h.call('admin', 'POST', `/api/v1/exceptions/${a.body.id}/approve`);
    expect(liveExceptions(h.db, h.clock.now()).map((e) => e.id)).toEqual([a.body.id]);
    const revoked = await h.call('operator', 'POST', `/api/v1/exceptions/${a.body.id}/revoke`, { comment: 'Correctif déployé' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', live: false, allowedActions: [] });
    expect(liveExceptions(h.db, h.clock.now())).toEqual([]);
    expect((await h.call('operator', 'POST', `/api/v1/exceptions/${a.body.id}/revoke`)).status).toBe(409);

    const b = await h.call('admin', 'POST', '/api/v1/exceptions', request(h, { ruleId: 'container-non-root-user' }));
    const withdrawn = await h.call('admin', 'POST', `/api/v1/exceptions/${b.body.id}/revoke`);
    expect(withdrawn.body.status).toBe('revoked');
    const c = await h.call('operator2', 'POST', '/api/v1/exceptions', request(h));
    const rejected = await h.call('admin', 'POST', `/api/v1/exceptions/${c.body.id}/reject`, { comment: 'Mesure compensatoire insuffisante' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'admin@test.bj', live: false });
    const trail = await h.call('auditor', 'GET', `/api/v1/audit?entity=policy-exception&entityId=${a.body.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['policy-exception.revoke', 'policy-exception.approve', 'policy-exception.request']);
    const list = await h.call('auditor', 'GET', '/api/v1/exceptions?status=revoked');
    expect(list.body.total).toBe(2);
  });

  it('refuses to approve an exception that expired while pending', async () => {
    const a = await h.call('operator', 'POST', '/api/v1/exceptions', request(h, { expiresAt: inDays(h, 1) }));
    h.clock.advance(2 * 86_400_000);
    const before = h.snapshot();
    const late = await h.call('operator2', 'POST', `/api/v1/exceptions/${a.body.id}/approve`);
    expect(late.status).toBe(409);
    expect(h.snapshot()).toEqual(before);
  });

  it('validates the rule, the pattern, the reason and the expiry', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ruleId: 'no-such-rule' }, 'ruleId'],
      [{ ruleId: 'Not A Rule' }, 'ruleId'],
      [{ resource: '*/*' }, 'resource'],
      [{ resource: 'no-slash' }, 'resource'],
      [{ reason: 'trop bref' }, 'reason'],
      [{ expiresAt: inDays(h, -1) }, 'expiresAt'],
      [{ expiresAt: inDays(h, 367) }, 'expiresAt'],
      [{ expiresAt: '2027-01-01' }, 'expiresAt'],
    ];
    for (const [override, field] of cases) {
      const before = h.snapshot();
      const res = await h.call('operator', 'POST', '/api/v1/exceptions', request(h, override));
      expect(res.status, JSON.stringify(override)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(h.snapshot()).toEqual(before);
    }
    expect((await h.call('operator', 'POST', '/api/v1/exceptions', request(h, { expiresAt: inDays(h, 366) }))).status).toBe(201);
  });
});
