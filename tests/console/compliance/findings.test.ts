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
    expect(raised.body).toMatchObject({ reference: 'NC-2026-001', status: 'open', grade: 'major', origin: 'person', version: 1, raisedBy: 'audit@test.bj', allowedActions: ['plan', 'root-cause', 'add-action'] });
    expect(raised.body.controls).toEqual([
      { frameworkId: 'iso27001-2022', controlId: 'A.7.2', titleFr: expect.any(String) },
      { frameworkId: 'tia942-r3', controlId: 'TIA-ARC-01', titleFr: expect.any(String) },
    ]);
    const id = raised.body.id;
    const second = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'observation', title: 'Registre papier peu lisible' });
    expect(second.body.reference).toBe('NC-2026-002');

    // A major nonconformity is not closed before a corrective action is planned.
    const early = await h.call('operator', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 1, closingEvidenceVersionId: 'x' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ state: 'open', allowedActions: ['plan', 'root-cause', 'add-action'] });

    // Root cause, then corrective actions, each with owner, due date, status and evidence.
    expect((await h.call('auditor', 'POST', `/api/v1/findings/${id}/root-cause`, { version: 1, rootCause: 'Lecteur de badges jamais raccordé au journal' })).status).toBe(403);
    const cause = await h.call('operator', 'POST', `/api/v1/findings/${id}/root-cause`, { version: 1, rootCause: 'Lecteur de badges jamais raccordé au journal' });
    expect(cause.body).toMatchObject({ rootCause: 'Lecteur de badges jamais raccordé au journal', status: 'open', version: 2 });
    const badInput = await h.call('operator', 'POST', `/api/v1/findings/${id}/actions`, { version: 2, description: 'court', owner: '', dueDate: '2020-01-01' });
    expect(badInput.status).toBe(422);
    expect(badInput.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/description', '/owner']);
    const past = await h.call('operator', 'POST', `/api/v1/findings/${id}/actions`, { version: 2, description: 'Raccorder le lecteur au journal', owner: 'Sûreté', dueDate: '2020-01-01' });
    expect(past.status).toBe(422);
    const action = await h.call('operator', 'POST', `/api/v1/findings/${id}/actions`, { version: 2, description: 'Raccorder le lecteur au journal', owner: 'Sûreté', dueDate: '2026-11-25' });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    expect(action.body).toMatchObject({ status: 'action_planned', version: 3, actions: [{ owner: 'Sûreté', dueDate: '2026-11-25', status: 'planned', overdue: false, evidence: null, version: 1 }] });
    const actionId = action.body.actions[0].id;

    const ev = insertEvidence(h, {
      controls: [['iso27001-2022', 'A.7.2']],
      versions: [
        { content: 'journal badges', reviewStatus: 'pending' },
        { content: 'journal badges corrigé', reviewStatus: 'rejected' },
        { content: 'journal badges final', reviewStatus: 'accepted' },
      ],
    });
    // Overdue once its date passes: on the finding, in the list filter and in the metric.
    h.clock.advance(5 * 86_400_000);
    const late = await h.call('auditor', 'GET', `/api/v1/findings/${id}`);
    expect(late.body).toMatchObject({ overdue: true, actions: [{ overdue: true }] });
    expect((await h.call('auditor', 'GET', '/api/v1/findings?overdue=true')).body.items.map((f: { id: string }) => f.id)).toContain(id);
    const metrics = await (await h.app.request('/metrics')).text();
    expect(metrics).toMatch(/dcops_corrective_actions_overdue\{grade="major"\} 1/);

    // An action still open blocks the proposal.
    const open = await h.call('operator', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 3, closingEvidenceVersionId: ev.versions[2]!.id });
    expect(open.status).toBe(409);
    const done = await h.call('operator', 'POST', `/api/v1/findings/${id}/actions/${actionId}`, { version: 1, status: 'done', evidenceId: ev.id });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ version: 4, overdue: false, actions: [{ status: 'done', evidence: { id: ev.id }, version: 2 }] });

    const before = h.snapshot();
    for (const [versionId, status] of [
      [ev.versions[0]!.id, 409],
      [ev.versions[1]!.id, 409],
      ['no-such-version', 422],
    ] as const) {
      const refused = await h.call('operator', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 4, closingEvidenceVersionId: versionId });
      expect(refused.status).toBe(status);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['closingEvidenceVersionId']);
    }
    expect(h.snapshot()).toEqual(before);
    // Closing straight away is refused: a closure is proposed, then verified.
    expect((await h.call('auditor', 'POST', `/api/v1/findings/${id}/close`, { version: 4 })).status).toBe(409);

    const proposed = await h.call('auditor', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 4, closingEvidenceVersionId: ev.versions[2]!.id, comment: 'Journal en place' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect(proposed.body).toMatchObject({ status: 'closure_proposed', closureProposedBy: 'audit@test.bj', closureEvidence: { evidenceId: ev.id, version: 3 }, version: 5 });
    // Never verified by whoever proposed it; never by an operator.
    expect((await h.call('auditor', 'POST', `/api/v1/findings/${id}/close`, { version: 5 })).status).toBe(403);
    expect((await h.call('operator', 'POST', `/api/v1/findings/${id}/close`, { version: 5 })).status).toBe(403);
    expect((await h.call('auditor', 'POST', `/api/v1/findings/${id}/reject-closure`, { version: 5, comment: 'Il manque la preuve du raccordement' })).status).toBe(403);
    // The operator proposes again after the auditor's proposal is withdrawn by a refusal? No: another person proposes.
    const refusedByOther = await h.call('auditor', 'POST', `/api/v1/findings/${id}/reopen`, { version: 5, comment: 'Ne peut pas rouvrir' });
    expect(refusedByOther.status).toBe(409);

    // An operator proposes on a finding; the auditor verifies it.
    const third = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'minor', title: 'Porte coupe-feu', dueDate: undefined });
    const t3 = third.body.id;
    await h.call('operator', 'POST', `/api/v1/findings/${t3}/actions`, { version: 1, description: 'Remplacer le ferme-porte', owner: 'Sûreté', dueDate: '2026-12-20' });
    const t3action = (await h.call('operator', 'GET', `/api/v1/findings/${t3}`)).body.actions[0];
    await h.call('operator', 'POST', `/api/v1/findings/${t3}/actions/${t3action.id}`, { version: 1, status: 'done' });
    const byOperator = await h.call('operator', 'POST', `/api/v1/findings/${t3}/propose-closure`, { version: 3, closingEvidenceVersionId: ev.versions[2]!.id });
    expect(byOperator.status, JSON.stringify(byOperator.body)).toBe(200);
    const rejected = await h.call('auditor', 'POST', `/api/v1/findings/${t3}/reject-closure`, { version: 4, comment: 'La preuve ne montre pas la porte' });
    expect(rejected.body).toMatchObject({ status: 'action_planned', closureProposedBy: null, version: 5 });
    await h.call('operator', 'POST', `/api/v1/findings/${t3}/propose-closure`, { version: 5, closingEvidenceVersionId: ev.versions[2]!.id });
    const mismatch = await h.call('auditor', 'POST', `/api/v1/findings/${t3}/close`, { version: 6, closingEvidenceVersionId: ev.versions[0]!.id });
    expect(mismatch.status).toBe(409);
    const closed = await h.call('auditor', 'POST', `/api/v1/findings/${t3}/close`, { version: 6, comment: 'Vérifié sur site' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedBy: 'audit@test.bj',
      closureProposedBy: 'op1@test.bj',
      closingEvidence: { evidenceId: ev.id, version: 3, sha256: ev.versions[2]!.sha256, reviewStatus: 'accepted' },
      allowedActions: ['reopen'],
      version: 7,
    });
    const again = await h.call('operator', 'POST', `/api/v1/findings/${t3}/actions`, { version: 7, description: 'Encore une action', owner: 'Sûreté', dueDate: '2026-12-31' });
    expect(again.status).toBe(409);

    const history = await h.call('operator', 'GET', `/api/v1/findings/${t3}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual([
      'finding.raise',
      'finding.action.add',
      'finding.action.update',
      'finding.closure.propose',
      'finding.closure.reject',
      'finding.closure.propose',
      'finding.close',
    ]);
    expect(history.body.items[4]).toMatchObject({ actor: 'audit@test.bj', status: 'action_planned', comment: 'La preuve ne montre pas la porte' });
    // Reopened by an auditor: the work starts again, the history keeps all of it.
    const reopened = await h.call('auditor', 'POST', `/api/v1/findings/${t3}/reopen`, { version: 7, comment: 'La porte ne ferme plus' });
    expect(reopened.body).toMatchObject({ status: 'open', reopenedCount: 1, closedAt: null });
  });

  it('closes an observation on accepted evidence in two steps', async () => {
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', { ...major, grade: 'opportunity', dueDate: undefined });
    expect(raised.body.allowedActions).toEqual(['plan', 'root-cause', 'add-action', 'propose-closure']);
    const ev = insertEvidence(h, { controls: [], versions: [{ note: 'Amélioration faite' }] });
    const proposed = await h.call('operator', 'POST', `/api/v1/findings/${raised.body.id}/propose-closure`, { version: 1, closingEvidenceVersionId: ev.versions[0]!.id });
    expect(proposed.status).toBe(200);
    const closed = await h.call('auditor', 'POST', `/api/v1/findings/${raised.body.id}/close`, { version: 2 });
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
