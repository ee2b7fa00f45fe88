import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { createItem, upload } from './evidence/helpers.js';
import { createApiToken } from '../../console/services/auth/tokens.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const DAY = 86_400_000;

async function linkItem(who = 'operator', overrides: Record<string, unknown> = {}) {
  return createItem(h, who, { kind: 'link', title: 'Politique de contrôle d’accès (intranet)', ...overrides });
}

describe('evidence items', () => {
  it('files an item on controls and reads it back, listed and alone', async () => {
    const created = await h.call('operator', 'POST', '/api/v1/evidence', {
      title: 'Politique de sauvegarde',
      kind: 'note',
      controls: [
        { frameworkId: 'iso27001-2022', controlId: 'A.8.13' },
        { frameworkId: 'pssie-bj-2021', controlId: 'EXP-08' },
      ],
      ministry: 'MEF',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/evidence/${created.body.id}`);
    expect(created.body).toMatchObject({
      title: 'Politique de sauvegarde',
      description: '',
      kind: 'note',
      source: 'upload',
      ministry: { code: 'MEF' },
      controls: [
        { frameworkId: 'iso27001-2022', controlId: 'A.8.13' },
        { frameworkId: 'pssie-bj-2021', controlId: 'EXP-08' },
      ],
      versions: [],
      latestVersion: null,
    });
    const one = await h.call('auditor', 'GET', `/api/v1/evidence/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.title).toBe('Politique de sauvegarde');
    const list = await h.call('admin', 'GET', '/api/v1/evidence');
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, versionCount: 0, latestVersion: null });
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=evidence&entityId=${created.body.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['evidence.create']);
  });

  it('refuses unknown controls and frameworks, naming each, and changes nothing', async () => {
    const before = h.snapshot();
    const res = await h.call('operator', 'POST', '/api/v1/evidence', {
      title: 'X',
      kind: 'file',
      controls: [
        { frameworkId: 'iso27001-2022', controlId: 'A.5.18' },
        { frameworkId: 'iso27001-2022', controlId: 'A.99.1' },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'controls.1.controlId', pointer: '/controls/1/controlId' })]);
    const framework = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'X', kind: 'file', controls: [{ frameworkId: 'nist-csf', controlId: 'ID.AM-1' }] });
    expect(framework.status).toBe(422);
    expect(framework.body.errors[0].field).toBe('controls.0.frameworkId');
    const twice = await h.call('operator', 'POST', '/api/v1/evidence', {
      title: 'X',
      kind: 'file',
      controls: [
        { frameworkId: 'iso27001-2022', controlId: 'A.5.18' },
        { frameworkId: 'iso27001-2022', controlId: 'A.5.18' },
      ],
    });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].field).toBe('controls.1');
    const none = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'X', kind: 'file', controls: [] });
    expect(none.body.errors[0].field).toBe('controls');
    const kind = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'X', kind: 'automatic', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }] });
    expect(kind.body.errors[0].field).toBe('kind');
    const ministry = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'X', kind: 'file', ministry: 'MZZ', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }] });
    expect(ministry.status).toBe(422);
    expect(ministry.body.errors[0].field).toBe('ministry');
    expect(h.snapshot()).toEqual(before);
  });

  it('lets requesters file for their own ministry only, and auditors and admins file nothing', async () => {
    const own = await h.call('mef', 'POST', '/api/v1/evidence', { title: 'Charte', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.10' }] });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.ministry.code).toBe('MEF');
    const before = h.snapshot();
    const foreign = await h.call('mef', 'POST', '/api/v1/evidence', { title: 'Charte', kind: 'file', ministry: 'MND', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.10' }] });
    expect(foreign.status).toBe(403);
    for (const who of ['auditor', 'admin']) {
      const res = await h.call(who, 'POST', '/api/v1/evidence', { title: 'Charte', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.10' }] });
      expect(res.status, who).toBe(403);
    }
    expect(h.snapshot()).toEqual(before);
  });
});

describe('link and note versions', () => {
  it('adds link and note versions, numbered in order, with http(s) URLs only', async () => {
    const link = await linkItem();
    const v1 = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://intranet.asin.bj/politiques/acces', effectiveAt: '2026-10-01' });
    expect(v1.status, JSON.stringify(v1.body)).toBe(201);
    expect(v1.body.latestVersion).toMatchObject({ version: 1, url: 'https://intranet.asin.bj/politiques/acces', file: null, reviewStatus: 'pending', freshness: 'current', uploadedBy: 'op1@test.bj', effectiveAt: '2026-09-30T23:00:00.000Z', expiresAt: null });
    const v2 = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'http://intranet.asin.bj/v2', effectiveAt: '2026-11-01T10:00:00+01:00', expiresAt: '' });
    expect(v2.status).toBe(201);
    expect(v2.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const before = h.snapshot();
    for (const url of ['ftp://files.asin.bj/x', 'javascript:alert(1)', 'https://user:secret@intranet.asin.bj/', 'intranet.asin.bj/x', 'file:///etc/passwd']) {
      const res = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url, effectiveAt: '2026-10-01' });
      expect(res.status, url).toBe(422);
      expect(res.body.errors[0].field, url).toBe('url');
    }
    const missing = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { effectiveAt: '2026-10-01' });
    expect(missing.body.errors[0].field).toBe('url');
    const noteOnLink = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/', note: 'x', effectiveAt: '2026-10-01' });
    expect(noteOnLink.body.errors[0].field).toBe('note');
    expect(h.snapshot()).toEqual(before);

    const note = await createItem(h, 'operator', { kind: 'note', title: 'Constat de visite' });
    const n1 = await h.call('operator', 'POST', `/api/v1/evidence/${note}/versions`, { note: 'Visite du 12/11 : baies fermées à clé.', effectiveAt: '2026-11-12' });
    expect(n1.status).toBe(201);
    expect(n1.body.latestVersion.note).toBe('Visite du 12/11 : baies fermées à clé.');
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=evidence&entityId=${note}`);
    const added = audit.body.items.find((e: { action: string }) => e.action === 'evidence.version.add');
    expect(JSON.stringify(added)).not.toContain('baies fermées');
  });

  it('checks dates: valid forms only, expiry strictly after the effective date', async () => {
    const link = await linkItem();
    const before = h.snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'https://a.bj/', effectiveAt: '31/10/2026' }, 'effectiveAt'],
      [{ url: 'https://a.bj/', effectiveAt: '2026-02-30' }, 'effectiveAt'],
      [{ url: 'https://a.bj/' }, 'effectiveAt'],
      [{ url: 'https://a.bj/', effectiveAt: '2026-10-01', expiresAt: 'demain' }, 'expiresAt'],
      [{ url: 'https://a.bj/', effectiveAt: '2026-10-01', expiresAt: '2026-10-01' }, 'expiresAt'],
      [{ url: 'https://a.bj/', effectiveAt: '2026-10-01', expiresAt: '2026-09-01' }, 'expiresAt'],
      [{ url: 'https://a.bj/', effectiveAt: '2026-10-01', status: 'accepted' }, 'status'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    expect(h.snapshot()).toEqual(before);
  });

  it('takes versions of a file item as multipart only, and none by hand on automatic items', async () => {
    const file = await createItem(h, 'operator');
    const json = await h.call('operator', 'POST', `/api/v1/evidence/${file}/versions`, { url: 'https://a.bj/', effectiveAt: '2026-10-01' });
    expect(json.status).toBe(415);
    const link = await linkItem();
    const multipartOnLink = await upload(h, 'operator', link, {});
    expect(multipartOnLink.status).toBe(415);
    h.db.$client.prepare("INSERT INTO evidence (id, title, description, kind, source, source_key, created_at, updated_at) VALUES ('auto-1', 'Auto', '', 'automatic', 'logging', 'k', ?, ?)").run('2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    const onAuto = await h.call('operator', 'POST', '/api/v1/evidence/auto-1/versions', { note: 'x', effectiveAt: '2026-10-01' });
    expect(onAuto.status).toBe(409);
  });
});

describe('status derived from the clock', () => {
  it('moves from not yet effective to current, expiring and expired as time passes', async () => {
    const link = await linkItem();
    // The harness clock stands at 2026-11-21T08:00Z.
    const res = await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/', effectiveAt: '2026-12-01T00:00:00Z', expiresAt: '2027-03-01T00:00:00Z' });
    expect(res.body.latestVersion.freshness).toBe('not_yet_effective');
    // The harness tokens last 30 days; these checks run over months.
    // The API caps tokens at 90 days; a site may configure up to ten years, as here.
    const long = (who: 'auditor' | 'operator') =>
      createApiToken({ ctx: { db: h.db, clock: h.clock, actor: { ...h.callers[who]!.actor, via: 'session' } }, input: { name: 'long', expiresInDays: 3650 }, defaultTtlDays: 90, maxTtlDays: 3650 }).token;
    const auditor = { ...h.callers.auditor!, token: long('auditor') };
    const operator = { ...h.callers.operator!, token: long('operator') };
    const freshness = async () => (await h.call(auditor, 'GET', `/api/v1/evidence/${link}`)).body.latestVersion.freshness;
    const filtered = async (f: string) => (await h.call(auditor, 'GET', `/api/v1/evidence?freshness=${f}`)).body.items.map((i: { id: string }) => i.id);

    expect(await filtered('not_yet_effective')).toEqual([link]);
    h.clock.set(new Date('2026-12-01T00:00:00Z'));
    expect(await freshness()).toBe('current');
    expect(await filtered('current')).toEqual([link]);
    h.clock.set(new Date(Date.parse('2027-03-01T00:00:00Z') - 30 * DAY - 1));
    expect(await freshness()).toBe('current');
    h.clock.advance(1);
    expect(await freshness()).toBe('expiring');
    expect(await filtered('expiring')).toEqual([link]);
    expect(await filtered('current')).toEqual([]);
    h.clock.set(new Date('2027-03-01T00:00:00Z'));
    expect(await freshness()).toBe('expired');
    expect(await filtered('expired')).toEqual([link]);
    expect(await filtered('expiring')).toEqual([]);

    // A new version supersedes: the item reads current again.
    await h.call(operator, 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/v2', effectiveAt: '2027-03-01' });
    expect(await freshness()).toBe('current');
    expect(await filtered('expired')).toEqual([]);
  });
});

describe('review', () => {
  it('accepts or rejects a pending version once, with a reason to reject', async () => {
    const link = await linkItem();
    await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/1', effectiveAt: '2026-10-01' });
    await h.call('operator', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/2', effectiveAt: '2026-10-01' });

    h.clock.advance(60_000);
    const accepted = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/1/accept`, { comment: 'Conforme' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.versions[1]).toMatchObject({ version: 1, reviewStatus: 'accepted', reviewedBy: 'audit@test.bj', reviewedAt: '2026-11-21T08:01:00.000Z', reviewComment: 'Conforme' });

    const before = h.snapshot();
    for (const action of ['accept', 'reject']) {
      const again = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/1/${action}`, { comment: 'encore' });
      expect(again.status).toBe(409);
      expect(again.body.type).toMatch(/evidence-already-reviewed$/);
      expect(again.body.reviewStatus).toBe('accepted');
    }
    const noReason = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/2/reject`);
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('comment');
    const blank = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/2/reject`, { comment: '   ' });
    expect(blank.status).toBe(422);
    expect(h.snapshot()).toEqual(before);

    const rejected = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/2/reject`, { comment: 'Lien mort' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.latestVersion).toMatchObject({ version: 2, reviewStatus: 'rejected', reviewComment: 'Lien mort' });
    const reaccept = await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/2/accept`);
    expect(reaccept.status).toBe(409);

    const pending = await h.call('auditor', 'GET', '/api/v1/evidence?review=rejected');
    expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([link]);
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=evidence&entityId=${link}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['evidence.version.reject', 'evidence.version.accept', 'evidence.version.add', 'evidence.version.add', 'evidence.create']);
  });

  it('lets only auditors review, and answers unknown versions with 404', async () => {
    const link = await linkItem('mef', { ministry: undefined });
    await h.call('mef', 'POST', `/api/v1/evidence/${link}/versions`, { url: 'https://a.bj/', effectiveAt: '2026-10-01' });
    const before = h.snapshot();
    for (const who of ['mef', 'operator', 'admin']) {
      const res = await h.call(who, 'POST', `/api/v1/evidence/${link}/versions/1/accept`);
      expect(res.status, who).toBe(403);
    }
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/9/accept`)).status).toBe(404);
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/${link}/versions/abc/accept`)).status).toBe(404);
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/nope/versions/1/accept`)).status).toBe(404);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('who sees and adds what', () => {
  it('hides other ministries’ and the datacenter’s evidence from requesters', async () => {
    const mef = await createItem(h, 'mef', { kind: 'note' });
    const site = await createItem(h, 'operator', { kind: 'note' });
    const mnd = await createItem(h, 'operator', { kind: 'note', ministry: 'MND' });

    for (const id of [mef, site]) {
      const res = await h.call('mnd', 'GET', `/api/v1/evidence/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.type).toMatch(/not-found$/);
    }
    expect((await h.call('mnd', 'GET', '/api/v1/evidence')).body.items.map((i: { id: string }) => i.id)).toEqual([mnd]);
    expect((await h.call('mnd', 'GET', '/api/v1/evidence?ministry=MEF')).body).toMatchObject({ items: [], total: 0 });
    expect((await h.call('mef2', 'GET', `/api/v1/evidence/${mef}`)).status).toBe(200);
    for (const who of ['operator', 'auditor', 'admin']) {
      expect((await h.call(who, 'GET', '/api/v1/evidence')).body.total, who).toBe(3);
    }

    const before = h.snapshot();
    const foreign = await h.call('mnd', 'POST', `/api/v1/evidence/${mef}/versions`, { note: 'x', effectiveAt: '2026-10-01' });
    expect(foreign.status).toBe(404);
    const onSite = await h.call('mef', 'POST', `/api/v1/evidence/${site}/versions`, { note: 'x', effectiveAt: '2026-10-01' });
    expect(onSite.status).toBe(404);
    for (const who of ['auditor', 'admin']) {
      const res = await h.call(who, 'POST', `/api/v1/evidence/${mef}/versions`, { note: 'x', effectiveAt: '2026-10-01' });
      expect(res.status, who).toBe(403);
    }
    expect(h.snapshot()).toEqual(before);

    expect((await h.call('mef2', 'POST', `/api/v1/evidence/${mef}/versions`, { note: 'Constat', effectiveAt: '2026-10-01' })).status).toBe(201);
    expect((await h.call('operator', 'POST', `/api/v1/evidence/${mnd}/versions`, { note: 'Constat', effectiveAt: '2026-10-01' })).status).toBe(201);
    expect((await h.call(null, 'GET', '/api/v1/evidence')).status).toBe(401);
  });
});

describe('listing', () => {
  it('filters by framework and control, ministry, kind, source and title, and pages', async () => {
    const a = await createItem(h, 'operator', { title: 'Sauvegardes hebdomadaires', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.13' }] });
    h.clock.advance(1000);
    const b = await createItem(h, 'operator', { title: 'Revue des accès', kind: 'link', ministry: 'MEF', controls: [{ frameworkId: 'pssie-bj-2021', controlId: 'CAL-07' }] });
    h.clock.advance(1000);
    const c = await createItem(h, 'operator', { title: 'Plan de continuité', kind: 'file', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.30' }, { frameworkId: 'pssie-bj-2021', controlId: 'CONT-01' }] });
    const ids = async (q: string) => {
      const res = await h.call('auditor', 'GET', `/api/v1/evidence${q}`);
      expect(res.status, `${q}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id);
    };
    expect(await ids('')).toEqual([c, b, a]);
    expect(await ids('?framework=iso27001-2022')).toEqual([c, a]);
    expect(await ids('?framework=iso27001-2022&control=A.8.13')).toEqual([a]);
    expect(await ids('?framework=pssie-bj-2021')).toEqual([c, b]);
    expect(await ids('?ministry=MEF')).toEqual([b]);
    expect(await ids('?kind=link')).toEqual([b]);
    expect(await ids('?source=upload')).toEqual([c, b, a]);
    expect(await ids('?source=logging')).toEqual([]);
    expect(await ids('?q=continuit')).toEqual([c]);
    expect(await ids('?q=%25')).toEqual([]);
    expect(await ids('?limit=2')).toEqual([c, b]);
    const page2 = await h.call('auditor', 'GET', '/api/v1/evidence?limit=2&offset=2');
    expect(page2.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([a]);

    for (const [q, field] of [
      ['?control=A.8.13', 'control'],
      ['?framework=nist', 'framework'],
      ['?review=maybe', 'review'],
      ['?freshness=stale', 'freshness'],
      ['?limit=0', 'limit'],
      ['?colour=red', 'colour'],
    ]) {
      const res = await h.call('auditor', 'GET', `/api/v1/evidence${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.errors[0].field, q).toBe(field);
    }
  });
});
