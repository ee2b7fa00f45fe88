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
    expect(bad.html).toContain('line 3');
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
    expect(bad.html).toContain('no component ghost');
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
});
