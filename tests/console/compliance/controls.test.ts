import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { inDays, insertEvidence, setStatus } from './fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('frameworks', () => {
  it('lists the four frameworks with counts and readiness', async () => {
    const res = await h.call('mef', 'GET', '/api/v1/frameworks');
    expect(res.status).toBe(200);
    expect(res.body.items.map((f: { id: string }) => f.id)).toEqual(['iso27001-2022', 'pssie-bj-2021', 'tia942-r3', 'cis-docker-1.6.0']);
    const iso = res.body.items[0];
    expect(iso.controls).toEqual({ total: 93, applicable: 93, notApplicable: 0, byStatus: { not_started: 93, planned: 0, partially_implemented: 0, implemented: 0 } });
    expect(iso.groups.map((g: { id: string; controls: number }) => [g.id, g.controls])).toEqual([
      ['A.5', 37],
      ['A.6', 8],
      ['A.7', 14],
      ['A.8', 34],
    ]);
    expect(iso.readiness).toEqual({ ratio: 0, applicable: 93, implemented: 0, withLiveEvidence: 0, withPendingOnly: 0, withExpiredOnly: 0, withOpenMajorFinding: 0 });
    expect(iso.evidence).toEqual({ current: 0, expiring: 0, expired: 0 });
    // Findings are audit material: counted for the team, not shown to ministries.
    expect(iso.openFindings).toBeUndefined();
    const forAuditor = await h.call('auditor', 'GET', '/api/v1/frameworks/iso27001-2022');
    expect(forAuditor.body.openFindings).toEqual({ major: 0, minor: 0, observation: 0, opportunity: 0, total: 0 });
  });

  it('answers 404 for an unknown framework', async () => {
    const res = await h.call('auditor', 'GET', '/api/v1/frameworks/nist-800-53');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('controls', () => {
  it('lists controls in the order of the standard, filtered and paged', async () => {
    const page = await h.call('mef', 'GET', '/api/v1/controls?framework=iso27001-2022&group=A.5&limit=12');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(37);
    expect(page.body.items.map((c: { id: string }) => c.id).slice(8, 12)).toEqual(['A.5.9', 'A.5.10', 'A.5.11', 'A.5.12']);
    const all = await h.call('auditor', 'GET', '/api/v1/controls?limit=200&offset=200');
    expect(all.body.total).toBe(302);
    expect(all.body.items).toHaveLength(102);
    const search = await h.call('auditor', 'GET', `/api/v1/controls?q=${encodeURIComponent('separation des taches')}`);
    expect(search.body.items.map((c: { frameworkId: string; id: string }) => `${c.frameworkId}:${c.id}`)).toContain('iso27001-2022:A.5.3');
  });

  it('shows one control with crosswalk titles, rules, evidence and open findings', async () => {
    const ev = insertEvidence(h, {
      title: 'Politique de journalisation',
      controls: [['iso27001-2022', 'A.8.15']],
      versions: [{ content: 'v1' }, { content: 'v2 revue', expiresAt: inDays(h, 10) }, { content: 'v3 refusée', reviewStatus: 'rejected' }],
    });
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', {
      title: 'Journaux non centralisés',
      description: 'Les journaux des hôtes ne sont pas centralisés.',
      grade: 'minor',
      controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.15' }],
    });
    expect(raised.status).toBe(201);
    const res = await h.call('auditor', 'GET', '/api/v1/controls/iso27001-2022/A.8.15');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ frameworkId: 'iso27001-2022', id: 'A.8.15', group: { id: 'A.8' }, titleEn: 'Logging' });
    expect(res.body.status).toMatchObject({ applicable: true, implementation: 'not_started', version: 0 });
    expect(res.body.crosswalk.length).toBeGreaterThan(0);
    for (const link of res.body.crosswalk) expect(link.titleFr).toEqual(expect.any(String));
    expect(res.body.evidence).toHaveLength(1);
    const item = res.body.evidence[0];
    expect(item.id).toBe(ev.id);
    // The latest version is shown as it is; readiness counts the latest one not rejected.
    expect(item.latestVersion).toMatchObject({ version: 3, reviewStatus: 'rejected', sha256: ev.versions[2]!.sha256 });
    expect(item.countedVersionId).toBe(ev.versions[1]!.id);
    expect(item).toMatchObject({ freshness: 'expiring', live: true });
    expect(res.body.openFindings.map((f: { reference: string }) => f.reference)).toEqual(['NC-2026-001']);

    const forMinistry = await h.call('mef', 'GET', '/api/v1/controls/iso27001-2022/A.8.15');
    expect(forMinistry.status).toBe(200);
    expect(forMinistry.body.evidence).toBeUndefined();
    expect(forMinistry.body.openFindings).toBeUndefined();
    expect((await h.call('mef', 'GET', '/api/v1/controls/iso27001-2022/A.9.1')).status).toBe(404);
    expect((await h.call('mef', 'GET', '/api/v1/controls/cis-docker-1.6.0/5.4')).body.titleFr).toEqual(expect.any(String));
  });

  it('updates a status with versions, reviews and an audit entry', async () => {
    const put = (body: unknown) => h.call('operator', 'PUT', '/api/v1/controls/iso27001-2022/A.7.4/status', body);
    const first = await put({ version: 0, applicable: true, implementation: 'planned', owner: 'Équipe sûreté' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toMatchObject({ implementation: 'planned', owner: 'Équipe sûreté', version: 1, lastReviewedAt: null });
    const stale = await put({ version: 0, applicable: true, implementation: 'implemented' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ expectedVersion: 0, currentVersion: 1 });
    h.clock.advance(3_600_000);
    const reviewed = await h.call('admin', 'PUT', '/api/v1/controls/iso27001-2022/A.7.4/status', { version: 1, applicable: true, implementation: 'implemented', reviewed: true });
    expect(reviewed.body.status).toMatchObject({ implementation: 'implemented', owner: null, version: 2, lastReviewedAt: '2026-11-21T09:00:00.000Z' });
    const later = await put({ version: 2, applicable: true, implementation: 'implemented', owner: 'RSSI' });
    expect(later.body.status.lastReviewedAt).toBe('2026-11-21T09:00:00.000Z');
    const detail = await h.call('auditor', 'GET', '/api/v1/controls/iso27001-2022/A.7.4');
    expect(detail.body.status).toMatchObject({ reviewedBy: 'admin@test.bj', version: 3, owner: 'RSSI' });
    const trail = await h.call('auditor', 'GET', '/api/v1/audit?entity=control&entityId=iso27001-2022:A.7.4');
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['control-status.update', 'control-status.review', 'control-status.update']);
  });

  it('requires a justification to exclude a control, 10 characters for ISO Annex A', async () => {
    const before = h.snapshot();
    const none = await h.call('operator', 'PUT', '/api/v1/controls/tia942-r3/TIA-ELE-01/status', { version: 0, applicable: false, implementation: 'not_started' });
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['justification']);
    const short = await h.call('operator', 'PUT', '/api/v1/controls/iso27001-2022/A.7.5/status', { version: 0, applicable: false, justification: 'Sans objet', implementation: 'not_started' });
    expect(short.status).toBe(200);
    const tooShort = await h.call('operator', 'PUT', '/api/v1/controls/iso27001-2022/A.7.6/status', { version: 0, applicable: false, justification: '  Hors    ', implementation: 'not_started' });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0]).toMatchObject({ field: 'justification', pointer: '/justification' });
    const pssie = await h.call('operator', 'PUT', '/api/v1/controls/pssie-bj-2021/ITIN-01/status', { version: 0, applicable: false, justification: 'Aucun', implementation: 'not_started' });
    expect(pssie.status).toBe(200);
    expect(h.snapshot().counts.control_status).toBe(before.counts.control_status! + 2);
    const frameworks = await h.call('auditor', 'GET', '/api/v1/frameworks/iso27001-2022');
    expect(frameworks.body.controls).toMatchObject({ applicable: 92, notApplicable: 1 });
  });

  it('lets operators and admins change statuses, not auditors or ministries', async () => {
    const body = { version: 0, applicable: true, implementation: 'planned' };
    for (const [who, status] of [['mef', 403], ['auditor', 403], [null, 401]] as const) {
      const before = h.snapshot();
      const res = await h.call(who, 'PUT', '/api/v1/controls/iso27001-2022/A.5.1/status', body);
      expect(res.status).toBe(status);
      expect(h.snapshot()).toEqual(before);
    }
  });

  it('filters by implementation status and applicability', async () => {
    await setStatus(h, 'tia942-r3', 'TIA-ELE-01', { applicable: true, implementation: 'implemented' });
    await setStatus(h, 'tia942-r3', 'TIA-ELE-02', { applicable: false, justification: 'Pas de groupe électrogène sur ce site', implementation: 'not_started' });
    const implemented = await h.call('mef', 'GET', '/api/v1/controls?framework=tia942-r3&status=implemented');
    expect(implemented.body.items.map((c: { id: string }) => c.id)).toEqual(['TIA-ELE-01']);
    const excluded = await h.call('mef', 'GET', '/api/v1/controls?applicable=false');
    expect(excluded.body.items.map((c: { id: string }) => c.id)).toEqual(['TIA-ELE-02']);
    expect(excluded.body.items[0]).toMatchObject({ applicable: false, score: null });
  });
});
