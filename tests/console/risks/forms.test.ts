/**
 * The register's forms: assets created and changed, risks identified, treatments recorded —
 * through the same verbs as the API. A refused form comes back with a French message naming each
 * field and changes nothing; the English console says the same in English.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { get, post, signIn, type Session } from '../../helpers/web.js';

let h: Harness;
let op: Session;
beforeEach(async () => {
  h = await makeHarness();
  op = await signIn(h, 'op1@test.bj');
});
afterEach(() => h.close());

/** The page as read: entities decoded, French no-break spaces as plain ones. */
const unescape = (html: string) => html.replaceAll('&#39;', '’').replaceAll('&amp;', '&').replace(/[\u202f\u00a0]/g, ' ');

async function refusedAndUnchanged(path: string, fields: Record<string, string>, expected: string[]) {
  const before = h.snapshot();
  const page = await post(h, op, path, fields);
  expect(page.status, page.html.slice(0, 400)).toBe(422);
  expect(page.html).toContain('class="error-summary"');
  for (const text of expected) expect(unescape(page.html)).toContain(text);
  expect(h.snapshot()).toEqual(before);
  return page;
}

describe('asset forms', () => {
  it('create an asset of the facility and change its owner, refusing bad input field by field', async () => {
    const form = await get(h, op, '/risques/actifs/nouveau');
    expect(form.status).toBe(200);
    expect(form.html).toContain('action="/risques/actifs/nouveau"');
    expect(form.html).toContain('name="_csrf"');
    expect(form.html).toContain('data-for-kinds="environment"');

    // The schema refuses: the code's format, a missing name and an owner that is no address.
    const bad = await refusedAndUnchanged('/risques/actifs/nouveau', { kind: 'power', code: 'onduleur 1', name: '', ownerEmail: 'personne' }, [
      'Code : Majuscules, chiffres et tirets, de 2 à 40 caractères.',
      'Nom : ',
      'Propriétaire de l’actif : Saisissez une adresse e-mail valide.',
    ]);
    // What was typed comes back.
    expect(bad.html).toContain('value="onduleur 1"');
    // The verb refuses: a ministry requester owns nothing of the register.
    await refusedAndUnchanged('/risques/actifs/nouveau', { kind: 'power', code: 'FAC-UPS-1', name: 'Onduleur 1', ownerEmail: 'dsi@mef.bj' }, [
      'Propriétaire de l’actif : Le propriétaire d’un actif ou d’un risque est un membre du personnel du datacenter, pas un demandeur ministériel.',
    ]);

    const done = await post(h, op, '/risques/actifs/nouveau', { kind: 'power', code: 'FAC-UPS-1', name: 'Onduleur 1', description: 'Onduleur N+1 de la salle 1', ownerEmail: 'op2@test.bj', facilityRef: 'ups-1' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/risques/actifs?ok=asset-created');
    const assets = (await h.call('auditor', 'GET', '/api/v1/assets')).body.items as { id: string; code: string; kind: string; facilityRef: string; owner: { email: string }; version: number }[];
    const ups = assets.find((a) => a.code === 'FAC-UPS-1')!;
    expect(ups).toMatchObject({ kind: 'power', facilityRef: 'ups-1', owner: { email: 'op2@test.bj' }, version: 1 });
    // Same code again: refused by the verb, on the code field.
    await refusedAndUnchanged('/risques/actifs/nouveau', { kind: 'room', code: 'FAC-UPS-1', name: 'Salle', ownerEmail: 'op2@test.bj' }, ['Code : Un actif porte déjà le code FAC-UPS-1.']);

    const list = await get(h, op, '/risques/actifs?ok=asset-created');
    expect(list.html).toContain('Actif enregistré dans le registre.');
    expect(list.html).toContain(`href="/risques/actifs/${ups.id}/modifier"`);
    const edit = await get(h, op, `/risques/actifs/${ups.id}/modifier`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('Modifier l’actif FAC-UPS-1');
    await refusedAndUnchanged(`/risques/actifs/${ups.id}/modifier`, { version: '1', name: 'Onduleur 1', ownerEmail: 'inconnu@test.bj', facilityRef: 'ups-1' }, ['Propriétaire de l’actif : Aucun compte n’a l’adresse inconnu@test.bj.']);
    const saved = await post(h, op, `/risques/actifs/${ups.id}/modifier`, { version: '1', name: 'Onduleur 1 (module A)', description: '', ownerEmail: 'admin@test.bj', facilityRef: 'ups-1a' });
    expect(saved.status).toBe(303);
    const after = (await h.call('auditor', 'GET', '/api/v1/assets')).body.items.find((a: { id: string }) => a.id === ups.id);
    expect(after).toMatchObject({ name: 'Onduleur 1 (module A)', owner: { email: 'admin@test.bj' }, facilityRef: 'ups-1a', version: 2 });
  });

  it('are the datacenter team’s: auditors read the register but get no form, and a post without the session’s token changes nothing', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    expect((await get(h, auditor, '/risques/actifs')).html).not.toContain('/risques/actifs/nouveau');
    expect((await get(h, auditor, '/risques/nouveau')).status).toBe(403);
    const before = h.snapshot();
    const forged = await post(h, op, '/risques/actifs/nouveau', { kind: 'room', code: 'FAC-SALLE-1', name: 'Salle 1', ownerEmail: 'op2@test.bj' }, { csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect(h.snapshot()).toEqual(before);
  });
});

describe('risk forms', () => {
  it('identify a risk, then record its treatment, each refused with French messages naming the fields', async () => {
    const asset = (await h.call('operator', 'POST', '/api/v1/assets', { kind: 'cooling', code: 'FAC-COOLING-S1', name: 'Refroidissement salle 1', ownerEmail: 'op2@test.bj' })).body;
    const form = await get(h, op, `/risques/nouveau?actif=${asset.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<option value="${asset.id}" selected="">FAC-COOLING-S1 — Refroidissement salle 1</option>`);

    await refusedAndUnchanged('/risques/nouveau', { title: '', assetId: asset.id, threat: 'Panne', vulnerability: 'N+1 non testé', consequence: 'Arrêt', likelihood: '', impact: '4', ownerEmail: 'op2@test.bj' }, ['Risque : ', 'Vraisemblance : ']);
    // The matrix has five steps: the verb refuses a sixth.
    await refusedAndUnchanged('/risques/nouveau', { title: 'Panne de climatisation', assetId: asset.id, threat: 'Panne', vulnerability: 'N+1 non testé', consequence: 'Arrêt', likelihood: '6', impact: '4', ownerEmail: 'op2@test.bj' }, ['Vraisemblance : L’échelle va de 1 à 5.']);

    const created = await post(h, op, '/risques/nouveau', { title: 'Panne de climatisation', assetId: asset.id, threat: 'Panne des deux groupes froids', vulnerability: 'N+1 non testé', consequence: 'Arrêt des salles', likelihood: '3', impact: '5', ownerEmail: 'op2@test.bj' });
    expect(created.status).toBe(303);
    const id = /^\/risques\/([0-9a-f-]+)\?ok=risk-created$/.exec(created.location ?? '')![1]!;
    const risk = (await h.call('auditor', 'GET', `/api/v1/risks/${id}`)).body;
    expect(risk).toMatchObject({ reference: 'R-001', inherent: { likelihood: 3, impact: 5 }, author: { email: 'op1@test.bj' }, owner: { email: 'op2@test.bj' } });
    expect((await get(h, op, `/risques/${id}`)).html).toContain(`href="/risques/${id}/traitement"`);

    const treat = await get(h, op, `/risques/${id}/traitement`);
    expect(treat.status).toBe(200);
    expect(treat.html).toContain('Traitement du risque R-001');
    expect(treat.html).toContain('<option value="tia942-r3:TIA-MEC-01"');
    // Reduce without a control, one entry not written framework:control, a residual above the inherent.
    await refusedAndUnchanged(`/risques/${id}/traitement`, { version: '1', treatment: 'reduce', plan: 'Contrat de maintenance', residualLikelihood: '4', residualImpact: '3', controls: 'A.8.13' }, [
      'Mesures liées : Écrivez chaque mesure sous la forme référentiel:mesure, par exemple iso27001-2022:A.8.13.',
    ]);
    await refusedAndUnchanged(`/risques/${id}/traitement`, { version: '1', treatment: 'reduce', plan: 'Contrat de maintenance', residualLikelihood: '4', residualImpact: '3', controls: '' }, [
      'Mesures liées : Un risque se réduit par des mesures : citez-en au moins une.',
    ]);
    await refusedAndUnchanged(`/risques/${id}/traitement`, { version: '1', treatment: 'reduce', plan: 'Contrat de maintenance', residualLikelihood: '4', residualImpact: '3', controls: 'tia942-r3:TIA-MEC-99' }, [
      'Vraisemblance résiduelle visée : Un traitement ne porte pas la note au-dessus de sa valeur inhérente (3).',
      'Mesures liées : La mesure « TIA-MEC-99 » n’existe pas dans ce référentiel.',
    ]);

    const done = await post(h, op, `/risques/${id}/traitement`, { version: '1', treatment: 'reduce', plan: 'Contrat de maintenance et essai de bascule trimestriel', dueDate: '2027-03-31', residualLikelihood: '2', residualImpact: '3', controls: 'tia942-r3:TIA-MEC-01, iso27001-2022:A.7.11' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/risques/${id}?ok=risk-treated`);
    const treated = (await h.call('auditor', 'GET', `/api/v1/risks/${id}`)).body;
    expect(treated).toMatchObject({ treatment: 'reduce', treatmentDueDate: '2027-03-31', targetResidual: { likelihood: 2, impact: 3 }, version: 2 });
    expect(treated.controls.map((c: { frameworkId: string; controlId: string }) => `${c.frameworkId}:${c.controlId}`).sort()).toEqual(['iso27001-2022:A.7.11', 'tia942-r3:TIA-MEC-01']);
    // The form opens on what was decided; transfer and accept are recorded the same way.
    const reopened = /id="f-controls" name="controls"[^>]*value="([^"]*)"/.exec((await get(h, op, `/risques/${id}/traitement`)).html)![1]!;
    expect(reopened.split(', ').sort()).toEqual(['iso27001-2022:A.7.11', 'tia942-r3:TIA-MEC-01']);
    expect((await post(h, op, `/risques/${id}/traitement`, { version: '2', treatment: 'transfer', plan: 'Assurance pertes d’exploitation', residualLikelihood: '3', residualImpact: '2', controls: '' })).status).toBe(303);
    expect((await h.call('auditor', 'GET', `/api/v1/risks/${id}`)).body).toMatchObject({ treatment: 'transfer', controls: [] });
  });

  it('change a risk through the same verb as PATCH /risks/{id}: refused below its treatment’s target, and any change lifts the acceptance', async () => {
    const asset = (await h.call('operator', 'POST', '/api/v1/assets', { kind: 'room', code: 'FAC-ROOM-S1', name: 'Salle 1', ownerEmail: 'op2@test.bj' })).body;
    const r = (await h.call('operator', 'POST', '/api/v1/risks', { title: 'Intrusion', assetId: asset.id, threat: 'Intrusion physique', vulnerability: 'Badge partagé', consequence: 'Vol de matériel', likelihood: 3, impact: 4, ownerEmail: 'op2@test.bj' })).body;
    const treated = (await h.call('operator', 'POST', `/api/v1/risks/${r.id}/treat`, { version: 1, treatment: 'transfer', plan: 'Assurance vol', residualLikelihood: 2, residualImpact: 3 })).body;
    expect((await h.call('operator2', 'POST', `/api/v1/risks/${r.id}/accept`, { version: treated.version, expiresOn: '2027-03-31', comment: 'Assuré' })).body.state).toBe('accepted');

    const form = await get(h, op, `/risques/${r.id}/modifier`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Modifier le risque R-001');
    expect(form.html).toContain('>Intrusion physique</textarea>');
    const fields = { version: '3', title: 'Intrusion dans la salle 1', threat: 'Intrusion physique', vulnerability: 'Badge partagé', consequence: 'Vol de matériel', likelihood: '1', impact: '4', ownerEmail: 'op2@test.bj' };
    await refusedAndUnchanged(`/risques/${r.id}/modifier`, fields, ['Vraisemblance : Le traitement vise un résiduel de 2 : revoyez d’abord le traitement.']);
    const saved = await post(h, op, `/risques/${r.id}/modifier`, { ...fields, likelihood: '3' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/risques/${r.id}?ok=risk-saved`);
    const after = (await h.call('auditor', 'GET', `/api/v1/risks/${r.id}`)).body;
    expect(after).toMatchObject({ title: 'Intrusion dans la salle 1', version: 4, state: 'treatment_planned', acceptance: null, treatment: 'transfer' });
    // The API answers the same refusal as problem+json, and the edit shows in the trail.
    const api = await h.call('operator', 'PATCH', `/api/v1/risks/${r.id}`, { version: 4, impact: 2 });
    expect(api.status).toBe(422);
    expect(api.body.errors[0]).toMatchObject({ pointer: '/impact' });
    expect((await h.call('auditor', 'GET', `/api/v1/audit?entity=risk&entityId=${r.id}`)).body.items.map((e: { action: string }) => e.action)).toContain('risk.update');
  });

  it('speak English to an English reader, refusals included', async () => {
    const en = { 'accept-language': 'en' };
    const form = await get(h, op, '/risques/nouveau', en);
    expect(form.html).toContain('New risk');
    const page = await h.app.request('/risques/nouveau', {
      method: 'POST',
      headers: { ...en, cookie: op.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: op.csrf, title: 'x', assetId: 'nope', threat: 't', vulnerability: 'v', consequence: 'c', likelihood: '2', impact: '2', ownerEmail: 'op2@test.bj' }).toString(),
    });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('Asset : No asset has this id.');
  });
});
