import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facilityToCsv } from '../../console/services/dcim/csv.js';
import { facility, smallRoom } from '../facility/builders.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn } from '../helpers/web.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe('facility pages', () => {
  it('an operator loads an inventory by CSV; a broken one is refused on the page with the line named and nothing changes', async () => {
    const s = await signIn(h, 'op1@test.bj');
    const empty = await get(h, s, '/installation');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('Aucune installation n’est modélisée');
    expect(empty.html).toContain('Aucun balayage N-1 n’a encore été fait');

    const before = h.snapshot();
    const bad = await post(h, s, '/installation/import', { csv: 'id,kind,name,parent,ratingW\nS,site,Site,,\nK,rack,Baie,S,-3\n' });
    expect(bad.status).toBe(422);
    // The problem is named in French, with its line: the import speaks the page's language.
    expect(bad.html).toContain('ligne 3\u00a0: La valeur doit être supérieure ou égale à 0.');
    expect(bad.html).not.toContain('line 3');
    expect(h.snapshot()).toEqual(before);

    const ok = await post(h, s, '/installation/import', { csv: facilityToCsv(facility(smallRoom())) });
    expect(ok.status).toBe(303);
    const page = await get(h, s, '/installation');
    expect(page.html).toContain('Dernier balayage N-1\u00a0: aucun point unique de défaillance sur 24 composants');
    expect(page.html).toContain('Salles\u00a0: chaleur et froid');
  });

  it('the component form refuses an input that does not exist, keeping what was typed, and saves a good one', async () => {
    const s = await signIn(h, 'op1@test.bj');
    const form = await get(h, s, '/installation/composants/FA');
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="PA"');
    const before = h.snapshot();
    const bad = await post(h, s, '/installation/composants/FA', { kind: 'feed', name: 'Voie A', parent: 'R', inputs: 'PA ghost', ratingW: '10000' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Aucun composant ne porte l’identifiant ghost.');
    expect(bad.html).not.toContain('no component ghost');
    expect(bad.html).toContain('value="PA ghost"');
    expect(h.snapshot()).toEqual(before);
    const saved = await post(h, s, '/installation/composants/FA', { kind: 'feed', name: 'Voie A (renommée)', parent: 'R', inputs: 'PA', ratingW: '10000' });
    expect(saved.status).toBe(303);
    expect((await get(h, s, '/installation/composants/FA')).html).toContain('Voie A (renommée)');
  });

  it('what-if and sweep pages: auditors read them, requesters do not, and only editors see the form and the button', async () => {
    const auditor = await signIn(h, 'audit@test.bj');
    const w = await get(h, auditor, '/installation/simulation?composant=C1');
    expect(w.status).toBe(200);
    expect(w.html).toContain('«\u00a0CRAH 1\u00a0» peut être arrêté');
    expect((await get(h, auditor, '/installation/simulation?composant=R')).status).toBe(422);
    const sweep = await get(h, auditor, '/installation/balayage');
    expect(sweep.html).toContain('composants\u00a0: 24, points uniques de défaillance\u00a0: 0');
    expect(sweep.html).not.toContain('Refaire le balayage');
    expect((await get(h, auditor, '/installation/composants/FA')).status).toBe(403);
    const requester = await signIn(h, 'dsi@mef.bj');
    expect((await get(h, requester, '/installation')).status).toBe(403);
  });

  it('a component is deleted from its page only when confirmed and nothing refers to it; the sweep reruns', async () => {
    const s = await signIn(h, 'op1@test.bj');
    const form = await get(h, s, '/installation/composants/C2');
    expect(form.html).toContain('action="/installation/composants/C2/suppression"');
    const before = h.snapshot();
    const unconfirmed = await post(h, s, '/installation/composants/C2/suppression', {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.html).toContain('Cochez la case pour confirmer.');
    expect(h.snapshot()).toEqual(before);
    // The room's rack still sits in the room: the refusal names what refers to it, in French.
    const referenced = await post(h, s, '/installation/composants/R/suppression', { confirm: 'on' });
    expect(referenced.status).toBe(422);
    expect(referenced.html).toContain('Aucun composant ne porte l’identifiant R.');
    expect(h.snapshot()).toEqual(before);
    const sweepsBefore = h.db.$client.prepare('select count(*) as n from dcim_sweeps').get() as { n: number };
    const done = await post(h, s, '/installation/composants/C2/suppression', { confirm: 'on' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/installation?ok=component-deleted');
    expect((await get(h, s, '/installation/composants/C2')).status).toBe(404);
    const sweepsAfter = h.db.$client.prepare('select count(*) as n from dcim_sweeps').get() as { n: number };
    expect(sweepsAfter.n).toBe(sweepsBefore.n + 1);
    const audit = h.db.$client.prepare("select action from audit_log where entity_id = 'C2' order by seq desc limit 1").get() as { action: string };
    expect(audit.action).toBe('dcim.component.delete');
  });
});
