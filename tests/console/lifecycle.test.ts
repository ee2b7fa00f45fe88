import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedActions, transitions } from '../../console/services/hosting-requests/state-machine.js';
import { requestStates } from '../../console/db/schema/hosting-requests.js';
import { transitionActions } from '../../console/api/schemas.js';
import { makeHarness, requestBody, service, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** Actions that bring a fresh draft to each state. */
const pathTo: Record<string, string[]> = {
  draft: [],
  submitted: ['submit'],
  changes_requested: ['submit', 'request-changes'],
  approved: ['submit', 'approve'],
  rejected: ['submit', 'reject'],
  provisioning: ['submit', 'approve', 'start-provisioning'],
  active: ['submit', 'approve', 'start-provisioning', 'activate'],
  decommission_requested: ['submit', 'approve', 'start-provisioning', 'activate', 'request-decommission'],
  decommissioning: ['submit', 'approve', 'start-provisioning', 'activate', 'request-decommission', 'decommission'],
  // Reached only by an applied run (tests/console/runs-lifecycle.test.ts); set directly here.
  decommissioned: ['submit', 'approve', 'start-provisioning', 'activate', 'request-decommission', 'decommission'],
};

function actorFor(action: string): string {
  const roles = transitions[action as keyof typeof transitions].roles;
  return roles.includes('requester') ? 'mef' : roles.includes('operator') ? 'operator' : 'admin';
}

const roleOf = (who: string) => (who === 'mef' ? 'requester' : who);

describe('hosting-request lifecycle', () => {
  it('walks the happy path with timeline, timestamps and versions', async () => {
    const created = await h.call('mef', 'POST', '/api/v1/requests', requestBody('sigfip'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/requests/${created.body.id}`);
    expect(created.body).toMatchObject({ state: 'draft', version: 1, reference: 'DEM-2026-00001', ministry: { code: 'MEF' }, allowedActions: ['submit'] });
    const id = created.body.id;
    const steps: [string, string, string][] = [
      ['mef', 'submit', 'submitted'],
      ['operator', 'approve', 'approved'],
      ['operator', 'start-provisioning', 'provisioning'],
      ['admin', 'activate', 'active'],
      ['mef', 'request-decommission', 'decommission_requested'],
      ['operator', 'decommission', 'decommissioning'],
    ];
    let version = 1;
    for (const [who, action, state] of steps) {
      h.clock.advance(60_000);
      const r = await h.call(who, 'POST', `/api/v1/requests/${id}/${action}`, { version, ...(action === 'activate' ? { comment: 'appliquée hors console' } : {}) });
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(r.body.state).toBe(state);
      version = r.body.version;
    }
    const final = await h.call('auditor', 'GET', `/api/v1/requests/${id}`);
    expect(final.body.timeline.map((e: { to: string }) => e.to)).toEqual(['draft', 'submitted', 'approved', 'provisioning', 'active', 'decommission_requested', 'decommissioning']);
    expect(final.body.timeline[2].actor).toBe('op1@test.bj');
    expect(final.body.submittedAt).toBe('2026-11-21T08:01:00.000Z');
    expect(final.body.decidedBy).toBe('op1@test.bj');
    expect(final.body.activatedAt).not.toBeNull();
    // Only an applied run that destroyed it completes the decommissioning and frees its hosts.
    expect(final.body.decommissionedAt).toBeNull();
    expect(final.body.placements).toHaveLength(1);
    expect(final.body.version).toBe(7);
  });

  describe('every action from every state', () => {
    for (const state of requestStates) {
      for (const action of transitionActions) {
        const legal = transitions[action].from.includes(state);
        it(`${action} from ${state} is ${legal ? 'legal' : 'refused with 409'}`, async () => {
          let r = await h.requestIn('mef', `env-${state.replace(/_/g, '-')}`, pathTo[state]!);
          if (state === 'decommissioned') {
            h.db.$client.prepare("UPDATE hosting_requests SET state = 'decommissioned' WHERE id = ?").run(r.id);
            r = (await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body;
          }
          expect(r.state).toBe(state);
          const body = transitions[action].commentRequired ? { comment: 'motif' } : undefined;
          const before = h.snapshot();
          const res = await h.call(actorFor(action), 'POST', `/api/v1/requests/${r.id}/${action}`, body);
          if (legal) {
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            expect(res.body.state).toBe(transitions[action].to);
          } else {
            expect(res.status).toBe(409);
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            expect(res.body.type).toMatch(/illegal-transition$/);
            expect(res.body.state).toBe(state);
            expect(res.body.allowedActions).toEqual(allowedActions(state).filter((a) => transitions[a].roles.includes(roleOf(actorFor(action)) as 'requester' | 'operator' | 'admin')));
            expect(h.snapshot()).toEqual(before);
          }
        });
      }
    }
  });

  it('requires a reason to reject or request changes', async () => {
    const r = await h.requestIn('mef', 'needs-reason', ['submit']);
    for (const action of ['reject', 'request-changes']) {
      const before = h.snapshot();
      const res = await h.call('operator', 'POST', `/api/v1/requests/${r.id}/${action}`, {});
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('comment');
      expect(h.snapshot()).toEqual(before);
    }
    const changes = await h.call('operator', 'POST', `/api/v1/requests/${r.id}/request-changes`, { comment: 'Préciser la sauvegarde' });
    expect(changes.body.timeline.at(-1)).toMatchObject({ to: 'changes_requested', comment: 'Préciser la sauvegarde' });
  });

  it('lets the ministry edit a draft and a request sent back, and nothing else', async () => {
    const r = await h.requestIn('mef', 'editable', []);
    const edit = await h.call('mef2', 'PATCH', `/api/v1/requests/${r.id}`, { version: 1, purpose: 'Nouvel objet', services: [service('api', { replicas: 2 })] });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body).toMatchObject({ purpose: 'Nouvel objet', version: 2 });
    expect(edit.body.services[0].replicas).toBe(2);
    const stale = await h.call('mef', 'PATCH', `/api/v1/requests/${r.id}`, { version: 1, purpose: 'Trop tard' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2, expectedVersion: 1 });
    await h.call('mef', 'POST', `/api/v1/requests/${r.id}/submit`);
    const locked = await h.call('mef', 'PATCH', `/api/v1/requests/${r.id}`, { version: 3, purpose: 'Interdit' });
    expect(locked.status).toBe(409);
    expect(locked.body.type).toMatch(/illegal-transition$/);
    await h.call('operator', 'POST', `/api/v1/requests/${r.id}/request-changes`, { comment: 'À revoir' });
    const again = await h.call('mef', 'PATCH', `/api/v1/requests/${r.id}`, { version: 4, exposure: 'internal' });
    expect(again.status).toBe(200);
    const operatorEdit = await h.call('operator', 'PATCH', `/api/v1/requests/${r.id}`, { version: 5, purpose: 'x' });
    expect(operatorEdit.status).toBe(403);
  });

  it('keeps the merged request within policy when patched', async () => {
    const r = await h.requestIn('mef', 'policy', [], { classification: 'restricted', exposure: 'government' });
    const res = await h.call('mef', 'PATCH', `/api/v1/requests/${r.id}`, { version: 1, exposure: 'public' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'exposure', pointer: '/exposure' });
  });

  it('keeps environment names unique within a ministry while alive', async () => {
    await h.requestIn('mef', 'portail', []);
    const clash = await h.call('mef', 'POST', '/api/v1/requests', requestBody('portail'));
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].field).toBe('environmentName');
    const other = await h.call('mnd', 'POST', '/api/v1/requests', requestBody('portail'));
    expect(other.status).toBe(201);
  });
});

describe('separation of duties', () => {
  it('refuses a decision by whoever drafted or submitted the request, even after a role change', async () => {
    const r = await h.requestIn('mef', 'sod', ['submit']);
    // The requester becomes an operator: the verb still refuses, whatever the UI shows.
    const promoted = await h.call('admin', 'PATCH', `/api/v1/users/${h.callers.mef!.actor.userId}`, { role: 'operator', ministry: null });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    const { createApiToken } = await import('../../console/services/auth/tokens.js');
    const actor = { ...h.callers.mef!.actor, role: 'operator' as const, ministryId: null };
    const { token } = createApiToken({ ctx: { db: h.db, clock: h.clock, actor: { ...actor, via: 'session' as const } }, input: { name: 'x' }, defaultTtlDays: 1 });
    for (const action of ['approve', 'reject', 'request-changes']) {
      const res = await h.call({ email: actor.email, token, actor }, 'POST', `/api/v1/requests/${r.id}/${action}`, { comment: 'moi-même' });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/separation of duties/);
    }
    const ok = await h.call('operator2', 'POST', `/api/v1/requests/${r.id}/approve`);
    expect(ok.status).toBe(200);
  });

  it('never lets a requester decide', async () => {
    const r = await h.requestIn('mef', 'self-approve', ['submit']);
    const res = await h.call('mef', 'POST', `/api/v1/requests/${r.id}/approve`);
    expect(res.status).toBe(403);
  });
});

describe('quota and capacity at approval', () => {
  it('refuses with the exact quota shortfall and books nothing', async () => {
    await h.requestIn('mef', 'big-one', ['submit', 'approve'], { services: [service('api', { vcpu: 6, memoryMb: 8192, replicas: 2 })] });
    const r = await h.requestIn('mef', 'too-big', ['submit'], { services: [service('api', { vcpu: 2.5, memoryMb: 20000, storageGb: 100, replicas: 2 })] });
    const before = h.snapshot();
    const res = await h.call('operator', 'POST', `/api/v1/requests/${r.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/quota-exceeded$/);
    expect(res.body.ministry).toBe('MEF');
    expect(res.body.shortfall).toEqual([
      { resource: 'vcpu', unit: 'vCPU', requested: 5, available: 4, missing: 1 },
      { resource: 'memoryMb', unit: 'MiB', requested: 40000, available: 16384, missing: 23616 },
    ]);
    expect(h.snapshot()).toEqual(before);
  });

  it('counts environments against the quota', async () => {
    for (let i = 0; i < 5; i++) await h.requestIn('mnd', `env-${i}`, ['submit', 'approve'], { services: [service('api', { vcpu: 0.5, memoryMb: 256, storageGb: 0 })] });
    const r = await h.requestIn('mnd', 'env-5', ['submit'], { services: [service('api', { vcpu: 0.5, memoryMb: 256, storageGb: 0 })] });
    const res = await h.call('operator', 'POST', `/api/v1/requests/${r.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body.shortfall).toEqual([{ resource: 'environments', unit: 'environments', requested: 1, available: 0, missing: 1 }]);
  });

  it('refuses when no host can take a replica, with each host’s free capacity', async () => {
    const small = await makeHarness({ hosts: [{ name: 'solo-a', vcpu: 4, memoryMb: 8192, storageGb: 100, powerFeed: 'A' }, { name: 'solo-b', vcpu: 4, memoryMb: 8192, storageGb: 100, powerFeed: 'B' }] });
    try {
      const r = await small.requestIn('mef', 'wide', ['submit'], { services: [service('api', { vcpu: 6, memoryMb: 2048 })] });
      const res = await small.call('operator', 'POST', `/api/v1/requests/${r.id}/approve`);
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/capacity-exceeded$/);
      expect(res.body.service).toBe('api');
      expect(res.body.hostsFree).toEqual([
        { host: 'solo-a', powerFeed: 'A', vcpu: 4, memoryMb: 8192, storageGb: 100 },
        { host: 'solo-b', powerFeed: 'B', vcpu: 4, memoryMb: 8192, storageGb: 100 },
      ]);
    } finally {
      small.close();
    }
  });

  it('places high-availability replicas on distinct hosts and both power feeds', async () => {
    const r = await h.requestIn('mef', 'ha', ['submit', 'approve'], { availability: 'high', services: [service('api', { replicas: 2 }), service('db', { replicas: 3 })] });
    const byService = new Map<string, { host: string; powerFeed: string }[]>();
    for (const p of r.placements) byService.set(p.service, [...(byService.get(p.service) ?? []), p]);
    for (const [, list] of byService) {
      expect(new Set(list.map((p) => p.host)).size).toBe(list.length);
      expect(new Set(list.map((p) => p.powerFeed))).toEqual(new Set(['A', 'B']));
    }
  });

  it('refuses high availability on a single-feed site', async () => {
    const oneFeed = await makeHarness({ hosts: [{ name: 'a1', vcpu: 16, memoryMb: 32768, storageGb: 500, powerFeed: 'A' }, { name: 'a2', vcpu: 16, memoryMb: 32768, storageGb: 500, powerFeed: 'A' }] });
    try {
      const r = await oneFeed.requestIn('mef', 'ha', ['submit'], { availability: 'high', services: [service('api', { replicas: 2 })] });
      const res = await oneFeed.call('operator', 'POST', `/api/v1/requests/${r.id}/approve`);
      expect(res.status).toBe(409);
      expect(res.body.reason).toMatch(/both power feeds/);
    } finally {
      oneFeed.close();
    }
  });

  it('keeps quota and capacity booked when an operator decommissions: only an applied run frees them', async () => {
    const r = await h.requestIn('mef', 'freed', ['submit', 'approve', 'start-provisioning', 'activate'], { services: [service('api', { vcpu: 8, memoryMb: 16384 })] });
    let mef = await h.call('operator', 'GET', '/api/v1/ministries/MEF');
    expect(mef.body.allocated).toEqual({ vcpu: 8, memoryMb: 16384, storageGb: 10, environments: 1 });
    await h.call('mef', 'POST', `/api/v1/requests/${r.id}/request-decommission`);
    await h.call('operator', 'POST', `/api/v1/requests/${r.id}/decommission`);
    mef = await h.call('operator', 'GET', '/api/v1/ministries/MEF');
    expect(mef.body.allocated).toEqual({ vcpu: 8, memoryMb: 16384, storageGb: 10, environments: 1 });
    const hosts = await h.call('operator', 'GET', '/api/v1/site/hosts');
    expect(hosts.body.items.reduce((n: number, x: { replicas: number }) => n + x.replicas, 0)).toBe(1);
  });
});

describe('concurrent decisions', () => {
  it('two approvals of one request: one success, one 409, quota booked once', async () => {
    const r = await h.requestIn('mef', 'race', ['submit']);
    const [a, b] = await Promise.all([
      h.call('operator', 'POST', `/api/v1/requests/${r.id}/approve`, { version: r.version }),
      h.call('operator2', 'POST', `/api/v1/requests/${r.id}/approve`, { version: r.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const placements = h.db.$client.prepare('SELECT count(*) AS n FROM placements WHERE request_id = ?').get(r.id) as { n: number };
    expect(placements.n).toBe(1);
    const mef = await h.call('operator', 'GET', '/api/v1/ministries/MEF');
    expect(mef.body.allocated.environments).toBe(1);
  });

  it('two approvals racing for the last quota: one wins, the other is refused', async () => {
    const a = await h.requestIn('mef', 'last-a', ['submit'], { services: [service('api', { vcpu: 10 })] });
    const b = await h.requestIn('mef', 'last-b', ['submit'], { services: [service('api', { vcpu: 10 })] });
    const [ra, rb] = await Promise.all([
      h.call('operator', 'POST', `/api/v1/requests/${a.id}/approve`),
      h.call('operator2', 'POST', `/api/v1/requests/${b.id}/approve`),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const mef = await h.call('operator', 'GET', '/api/v1/ministries/MEF');
    expect(mef.body.allocated.vcpu).toBe(10);
  });

  it('a second connection on the same file sees the booking and cannot double-book', async () => {
    const { openDatabase } = await import('../../console/db/open.js');
    const { transitionRequest } = await import('../../console/services/hosting-requests/transition.js');
    const other = openDatabase(`${h.dir}/dcops.db`);
    try {
      const r = await h.requestIn('mef', 'two-conns', ['submit']);
      const first = transitionRequest({ ctx: { db: h.db, clock: h.clock, actor: h.callers.operator!.actor }, input: { id: r.id, action: 'approve', version: r.version } });
      expect(first.state).toBe('approved');
      expect(() => transitionRequest({ ctx: { db: other, clock: h.clock, actor: h.callers.operator2!.actor }, input: { id: r.id, action: 'approve', version: r.version } })).toThrow(/expected version/);
    } finally {
      other.$client.close();
    }
  });
});

describe('listing', () => {
  it('filters, pages and scopes to the requester’s ministry', async () => {
    for (let i = 0; i < 7; i++) {
      h.clock.advance(1000);
      await h.requestIn(i % 2 === 0 ? 'mef' : 'mnd', `list-${i}`, i < 3 ? ['submit'] : []);
    }
    const all = await h.call('operator', 'GET', '/api/v1/requests?limit=3');
    expect(all.body).toMatchObject({ total: 7, limit: 3, offset: 0 });
    expect(all.body.items.map((x: { environmentName: string }) => x.environmentName)).toEqual(['list-6', 'list-5', 'list-4']);
    const page2 = await h.call('operator', 'GET', '/api/v1/requests?limit=3&offset=3');
    expect(page2.body.items.map((x: { environmentName: string }) => x.environmentName)).toEqual(['list-3', 'list-2', 'list-1']);
    const submitted = await h.call('auditor', 'GET', '/api/v1/requests?state=submitted');
    expect(submitted.body.total).toBe(3);
    const mnd = await h.call('operator', 'GET', '/api/v1/requests?ministry=MND');
    expect(mnd.body.total).toBe(3);
    const own = await h.call('mef', 'GET', '/api/v1/requests?ministry=MND');
    expect(own.body.total).toBe(0);
    const mine = await h.call('mef', 'GET', '/api/v1/requests');
    expect(mine.body.total).toBe(4);
    const search = await h.call('operator', 'GET', '/api/v1/requests?q=list-1');
    expect(search.body.total).toBe(1);
    const wildcard = await h.call('operator', 'GET', '/api/v1/requests?q=%25');
    expect(wildcard.body.total).toBe(0);
    const underscore = await h.call('operator', 'GET', '/api/v1/requests?q=list_1');
    expect(underscore.body.total).toBe(0);
    const partial = await h.call('operator', 'GET', '/api/v1/requests?q=ist-');
    expect(partial.body.total).toBe(7);
    expect(mine.body.items[0].footprint).toEqual({ vcpu: 1, memoryMb: 1024, storageGb: 10 });
  });
});
