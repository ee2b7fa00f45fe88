import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCatalog } from '../../../console/services/catalogs/import.js';
import { catalogDocument } from '../../../console/services/exports/oscal/catalog.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { get, signIn } from '../../helpers/web.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A regulator's small catalogue, as an OSCAL file would bring it. */
const small = {
  id: 'reglement-arcep-2025',
  nameFr: 'Règlement ARCEP sur l’hébergement',
  nameEn: 'ARCEP hosting regulation',
  version: '2025',
  catalogVersion: '1.0.0',
  publisher: 'ARCEP Bénin',
  descriptionFr: 'Exigences de l’autorité de régulation pour les hébergeurs publics.',
  lastModified: '2025-06-01T00:00:00.000Z',
  groups: [{ id: 'HEB', nameFr: 'Hébergement' }],
  controls: [
    { id: 'HEB-01', group: 'HEB', titleFr: 'Localisation des données sur le territoire' },
    { id: 'HEB-02', group: 'HEB', titleFr: 'Journalisation des accès administrateurs' },
  ],
};

describe('a framework loaded with dcops catalog import', () => {
  it('appears on the readiness page, the frameworks API, its controls page and each control page', async () => {
    const admin = h.callers.admin!.actor;
    const done = importCatalog({ ctx: { db: h.db, clock: h.clock, actor: admin }, input: { catalog: catalogDocument(small), catalogSha256: 'f'.repeat(64) } });
    expect(done).toMatchObject({ frameworkId: 'reglement-arcep-2025', controls: 2, outcome: 'imported' });

    const auditor = await signIn(h, 'audit@test.bj');
    const readiness = await get(h, auditor, '/referentiels');
    expect(readiness.status).toBe(200);
    expect(readiness.html).toContain('Règlement ARCEP sur l’hébergement');
    expect(readiness.html).toContain('href="/referentiels/reglement-arcep-2025"');
    const home = await get(h, auditor, '/');
    expect(home.html).toContain('href="/referentiels/reglement-arcep-2025"');

    const controls = await get(h, auditor, '/referentiels/reglement-arcep-2025');
    expect(controls.status).toBe(200);
    expect(controls.html).toContain('HEB-01');
    expect(controls.html).toContain('Journalisation des accès administrateurs');
    const one = await get(h, auditor, '/referentiels/reglement-arcep-2025/HEB-02');
    expect(one.status).toBe(200);
    expect(one.html).toContain('Journalisation des accès administrateurs');

    const api = await h.call('auditor', 'GET', '/api/v1/frameworks');
    const listed = api.body.items.find((f: { id: string }) => f.id === 'reglement-arcep-2025');
    expect(listed).toMatchObject({ controls: { total: 2, applicable: 2 }, readiness: { applicable: 2, implemented: 0 } });
    const list = await h.call('auditor', 'GET', '/api/v1/controls?framework=reglement-arcep-2025');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['HEB-01', 'HEB-02']);
    // An id no catalogue holds is still not found.
    expect((await get(h, auditor, '/referentiels/reglement-inconnu')).status).toBe(404);
  });
});
