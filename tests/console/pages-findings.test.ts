/** A finding worked to closure through the pages, each step by the role that owns it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn } from '../helpers/web.js';
import { insertEvidence } from './compliance/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('control pages', () => {
  it('show guidance on what satisfies the control and name the frameworks of cross-references', async () => {
    const op = await signIn(h, 'op1@test.bj');
    const pssie = await get(h, op, '/referentiels/pssie-bj-2021/EXP-09');
    expect(pssie.html).toContain('Ce qui démontre cette mesure ici');
    expect(pssie.html).toContain('Journal d’audit chaîné de la console');
    expect(pssie.html).toMatch(/ISO\/IEC 27001/);
    const iso = await get(h, op, '/referentiels/iso27001-2022/A.8.15');
    expect(iso.html).toContain('PSSIE');
  });

  it('let evidence and finding forms pick controls from a searchable list of the chosen framework', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    const form = await get(h, auditor, '/constats/nouveau?framework=pssie-bj-2021');
    // The chosen framework's list is the field's; every framework's list is in the page, for the
    // script to switch to when another framework is chosen.
    expect(form.html).toMatch(/<input id="f-controls"[^>]* list="f-controls-choices-pssie-bj-2021"/);
    expect(form.html).toContain('<datalist id="f-controls-choices-pssie-bj-2021" data-framework="pssie-bj-2021"');
    expect(form.html).toContain('label="EXP-09 — Journalisation des évènements sécurité"');
    expect(form.html).toContain('<datalist id="f-controls-choices-iso27001-2022" data-framework="iso27001-2022" data-hint="Choisissez dans la liste des 93 mesures');
    expect(form.html).toMatch(/id="f-controls-hint">Choisissez dans la liste des 121 mesures[^<]*«\s?ORG-01, ORG-02\s?»/u);
    const op = await signIn(h, 'op1@test.bj');
    const evidence = await get(h, op, '/preuves/nouvelle');
    expect(evidence.html).toMatch(/<input id="f-controls"[^>]* list="f-controls-choices-iso27001-2022"/);
    expect(evidence.html).toContain('value="A.8.15"');
  });

  it('without script, send the form back with the list of the framework chosen, saving nothing', async () => {
    const op = await signIn(h, 'op1@test.bj');
    const before = (await h.call('operator', 'GET', '/api/v1/evidence?limit=1')).body as { total: number };
    const back = await post(h, op, '/preuves/nouvelle', { title: 'Plan de câblage', kind: 'note', framework: 'tia942-r3', controls: '', refresh: 'controls' });
    expect(back.status).toBe(200);
    expect(back.html).toMatch(/<input id="f-controls"[^>]* list="f-controls-choices-tia942-r3"/);
    expect(back.html).toContain('Choisissez dans la liste des 55 mesures');
    expect(back.html).toContain('value="Plan de câblage"');
    expect(back.html).not.toContain('error-summary');
    expect(((await h.call('operator', 'GET', '/api/v1/evidence?limit=1')).body as { total: number }).total).toBe(before.total);

    const auditor = await signIn(h, 'audit@test.bj');
    const findings = (await h.call('auditor', 'GET', '/api/v1/findings?limit=1')).body as { total: number };
    const raise = await post(h, auditor, '/constats/nouveau', { title: 'Essai', description: '', grade: 'minor', framework: 'cis-docker-1.6.0', controls: 'A.8.15', refresh: 'controls' });
    expect(raise.status).toBe(200);
    expect(raise.html).toMatch(/<input id="f-controls"[^>]* list="f-controls-choices-cis-docker-1.6.0"/);
    expect(((await h.call('auditor', 'GET', '/api/v1/findings?limit=1')).body as { total: number }).total).toBe(findings.total);
  });

  it('offer auditors to raise a finding from a control, with the form opened on that control', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    const control = await get(h, auditor, '/referentiels/iso27001-2022/A.8.15');
    expect(control.html).toContain('href="/constats/nouveau?framework=iso27001-2022&amp;controls=A.8.15"');
    expect(control.html).toContain('Ouvrir un constat sur cette mesure');
    const form = await get(h, auditor, '/constats/nouveau?framework=iso27001-2022&controls=A.8.15');
    expect(form.html).toMatch(/<input id="f-controls"[^>]* value="A.8.15"/);
    const op = await signIn(h, 'op1@test.bj');
    expect((await get(h, op, '/referentiels/iso27001-2022/A.8.15')).html).not.toContain('Ouvrir un constat sur cette mesure');
  });
});

describe('finding pages', () => {
  it('take a finding from raised to closed: root cause, action, evidence, closure proposed and verified by someone else', async () => {
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', {
      title: 'Sauvegardes non testées',
      description: 'Aucun test de restauration depuis six mois.',
      grade: 'minor',
      controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.13' }],
    });
    const id = raised.body.id as string;
    const ev = insertEvidence(h, { title: 'Procès-verbal de restauration', controls: [['iso27001-2022', 'A.8.13']], versions: [{ content: 'PV signé' }] });
    const op = await signIn(h, 'op1@test.bj');
    const auditor = await signIn(h, 'audit@test.bj');

    const page = await get(h, op, `/constats/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Ajouter une action corrective');
    // The auditor sees no operator forms.
    expect((await get(h, auditor, `/constats/${id}`)).html).not.toContain('Ajouter une action corrective');

    const bad = await post(h, op, `/constats/${id}/actions`, { version: '1', description: 'court', owner: '', dueDate: 'demain' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('has-error');
    expect((await h.call('auditor', 'GET', `/api/v1/findings/${id}`)).body.version).toBe(1);

    expect((await post(h, op, `/constats/${id}/cause`, { version: '1', rootCause: 'Aucun créneau prévu pour les tests' })).status).toBe(303);
    expect((await post(h, op, `/constats/${id}/actions`, { version: '2', description: 'Planifier un test de restauration mensuel', owner: 'Exploitation', dueDate: '2026-12-31', evidenceId: ev.id })).status).toBe(303);
    const withAction = (await h.call('operator', 'GET', `/api/v1/findings/${id}`)).body;
    expect(withAction).toMatchObject({ rootCause: 'Aucun créneau prévu pour les tests', status: 'action_planned', actions: [{ owner: 'Exploitation', evidence: { id: ev.id, title: 'Procès-verbal de restauration' } }] });
    const actionPath = `/constats/${id}/actions/${withAction.actions[0].id}`;
    expect((await post(h, op, actionPath, { version: '1', status: 'done', evidenceId: ev.id })).status).toBe(303);

    const proposePage = await get(h, op, `/constats/${id}`);
    expect(proposePage.html).toContain('Procès-verbal de restauration — v1');
    expect((await post(h, op, `/constats/${id}/proposer-cloture`, { version: '4', closingEvidenceVersionId: ev.versions[0]!.id })).location).toBe(`/constats/${id}?ok=closure-proposed`);
    const verify = await get(h, auditor, `/constats/${id}`);
    expect(verify.html).toContain('Vérifier et clore');
    expect((await post(h, auditor, `/constats/${id}/cloturer`, { version: '5', comment: 'PV vérifié' })).status).toBe(303);
    const closed = await get(h, auditor, `/constats/${id}`);
    expect(closed.html).toContain('Clôture vérifiée d’un constat');
    expect(closed.html).toContain('Proposition de clôture d’un constat');
    expect((await h.call('auditor', 'GET', `/api/v1/findings/${id}`)).body).toMatchObject({ status: 'closed', closedBy: 'audit@test.bj', closureProposedBy: 'op1@test.bj' });
  });
});
