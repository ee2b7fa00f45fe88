import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { insertEvidence } from './fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const major = {
  title: 'Accès au local technique non journalisé',
  description: "Les entrées dans la salle 1 ne sont pas enregistrées, contrairement à la procédure d'accès.",
  grade: 'major',
  controls: [
    { frameworkId: 'iso27001-2022', controlId: 'A.7.2' },
    { frameworkId: 'tia942-r3', controlId: 'TIA-ARC-01' },
  ],
  owner: 'Chef de salle',
  dueDate: '2027-01-31',
};

describe('findings', () => {
  it('walks a major nonconformity from raised to closed on accepted evidence', async () => {
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', major);
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(raised.headers.get('location')).toBe(`/api/v1/findings/${raised.body.id}`);
    expect(raised.body).toMatchObject({ reference: 'NC-2026-001', status: 'open', grade: 'major', version: 1, raisedBy: 'audit@test.bj', allowedActions: ['plan'] });
    expect(raised.body.controls).toEqual([
      { frameworkId: 'iso27001-2022', controlId: 'A.7.2', titleFr: expect.any(String) },
      { frameworkId: 'tia942-r3', controlId: 'TIA-ARC-01', titleFr: expect.any(String) },
    ]);
    const id = raised.body.id;
    const second = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'observation', title: 'Registre papier peu lisible' });
    expect(second.body.reference).toBe('NC-2026-002');

    // A major nonconformity is not closed before a corrective action is planned.
    const early = await h.call('auditor', 'POST', `/api/v1/findings/${id}/close`, { version: 1, closingEvidenceVersionId: 'x' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ state: 'open', allowedActions: ['plan'] });

    const plan = { version: 1, correctiveAction: 'Installer un lecteur de badges journalisé', owner: 'Chef de salle', dueDate: '2026-12-15' };
    expect((await h.call('auditor', 'POST', `/api/v1/findings/${id}/plan`, plan)).status).toBe(403);
    const planned = await h.call('operator', 'POST', `/api/v1/findings/${id}/plan`, plan);
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
    expect(planned.body).toMatchObject({ status: 'action_planned', correctiveAction: plan.correctiveAction, dueDate: '2026-12-15', version: 2, allowedActions: ['plan', 'close'] });
    const stale = await h.call('operator', 'POST', `/api/v1/findings/${id}/plan`, plan);
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);

    const ev = insertEvidence(h, {
      controls: [['iso27001-2022', 'A.7.2']],
      versions: [
        { content: 'journal badges', reviewStatus: 'pending' },
        { content: 'journal badges corrigé', reviewStatus: 'rejected' },
        { content: 'journal badges final', reviewStatus: 'accepted' },
      ],
    });
    const before = h.snapshot();
    for (const [versionId, status] of [
      [ev.versions[0]!.id, 409],
      [ev.versions[1]!.id, 409],
      ['no-such-version', 422],
    ] as const) {
      const refused = await h.call('auditor', 'POST', `/api/v1/findings/${id}/close`, { version: 2, closingEvidenceVersionId: versionId });
      expect(refused.status).toBe(status);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['closingEvidenceVersionId']);
    }
    expect(h.snapshot()).toEqual(before);
    expect((await h.call('operator', 'POST', `/api/v1/findings/${id}/close`, { version: 2, closingEvidenceVersionId: ev.versions[2]!.id })).status).toBe(403);

    h.clock.advance(86_400_000);
    const closed = await h.call('auditor', 'POST', `/api/v1/findings/${id}/close`, { version: 2, closingEvidenceVersionId: ev.versions[2]!.id, comment: 'Vérifié sur site' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'audit@test.bj',
      closedAt: '2026-11-22T08:00:00.000Z',
      closingEvidence: { evidenceId: ev.id, version: 3, sha256: ev.versions[2]!.sha256, reviewStatus: 'accepted' },
      allowedActions: [],
      version: 3,
    });
    const again = await h.call('operator', 'POST', `/api/v1/findings/${id}/plan`, { ...plan, version: 3 });
    expect(again.status).toBe(409);

    const trail = await h.call('auditor', 'GET', `/api/v1/audit?entity=finding&entityId=${id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['finding.close', 'finding.plan', 'finding.raise']);
    const control = await h.call('auditor', 'GET', '/api/v1/controls/iso27001-2022/A.7.2');
    expect(control.body.openFindings.map((f: { reference: string }) => f.reference)).toEqual(['NC-2026-002']);
  });

  it('closes an observation without a plan, on accepted evidence', async () => {
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'opportunity', dueDate: undefined });
    expect(raised.body.allowedActions).toEqual(['plan', 'close']);
    const ev = insertEvidence(h, { controls: [], versions: [{ note: 'Amélioration faite' }] });
    const closed = await h.call('auditor', 'POST', `/api/v1/findings/${raised.body.id}/close`, { version: 1, closingEvidenceVersionId: ev.versions[0]!.id });
    expect(closed.status).toBe(200);
    expect(closed.body.closingEvidence.sha256).toBeNull();
  });

  it('lists with filters on status, grade, framework and overdue', async () => {
    const a = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, dueDate: '2026-11-25' });
    await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'minor', controls: [{ frameworkId: 'pssie-bj-2021', controlId: 'PHY-01' }], dueDate: '2026-12-31' });
    await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'observation', controls: [{ frameworkId: 'cis-docker-1.6.0', controlId: '5.4' }], dueDate: undefined });
    await h.call('operator', 'POST', `/api/v1/findings/${a.body.id}/plan`, { version: 1, correctiveAction: 'Badges et journal des accès', owner: 'Sûreté', dueDate: '2026-11-25' });
    const refs = async (query: string) => (await h.call('operator', 'GET', `/api/v1/findings?${query}`)).body.items.map((f: { reference: string }) => f.reference);
    expect(await refs('')).toEqual(['NC-2026-003', 'NC-2026-002', 'NC-2026-001']);
    expect(await refs('grade=minor')).toEqual(['NC-2026-002']);
    expect(await refs('status=action_planned')).toEqual(['NC-2026-001']);
    expect(await refs('framework=tia942-r3')).toEqual(['NC-2026-001']);
    expect(await refs('framework=cis-docker-1.6.0&status=open')).toEqual(['NC-2026-003']);
    expect(await refs('overdue=true')).toEqual([]);
    h.clock.advance(5 * 86_400_000);
    expect(await refs('overdue=true')).toEqual(['NC-2026-001']);
    expect(await refs('overdue=false')).toEqual(['NC-2026-003', 'NC-2026-002']);
    const one = await h.call('auditor', 'GET', `/api/v1/findings/${a.body.id}`);
    expect(one.body).toMatchObject({ reference: 'NC-2026-001', overdue: true });
    const frameworks = await h.call('operator', 'GET', '/api/v1/frameworks/iso27001-2022');
    expect(frameworks.body.openFindings).toEqual({ major: 1, minor: 0, observation: 0, opportunity: 0, total: 1 });
  });

  it('checks controls against the catalogue and dates against the clock', async () => {
    const before = h.snapshot();
    const unknown = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, controls: [major.controls[0], { frameworkId: 'iso27001-2022', controlId: 'A.9.9' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'controls.1.controlId', pointer: '/controls/1/controlId' })]);
    const past = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, dueDate: '2026-11-20' });
    expect(past.status).toBe(422);
    expect(past.body.errors[0].field).toBe('dueDate');
    expect(h.snapshot()).toEqual(before);
    expect((await h.call('auditor', 'GET', '/api/v1/findings/nope')).status).toBe(404);
  });
});
