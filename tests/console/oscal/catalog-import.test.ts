import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFrameworks } from '../../../console/services/catalogs/framework-data.js';
import { frameworkFromOscal } from '../../../console/services/catalogs/import.js';
import { catalogDocument, pssieProfiles, profileDocument } from '../../../console/services/exports/oscal/catalog.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { run } from '../../helpers/process.js';
import { schemaErrors } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

const dcops = (args: string[]) => run(process.execPath, ['bin/dcops.js', ...args], { DCOPS_DATA_DIR: h.dir, DCOPS_SCRYPT_N: '1024' });
const pssie = builtInFrameworks().find((f) => f.id === 'pssie-bj-2021')!;
const write = (name: string, value: unknown) => {
  const file = join(h.dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};

describe('dcops catalog import', () => {
  it('reads the PSSIE catalogue dcops exports back to the very same framework', async () => {
    const exported = (await h.call('auditor', 'GET', '/api/v1/exports/oscal/catalogs/pssie-bj-2021.json')).body;
    expect(frameworkFromOscal({ catalog: exported })).toEqual(pssie);
    const r = await dcops(['catalog', 'import', write('pssie.json', exported)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('pssie-bj-2021 is identical to the built-in framework; nothing to import\n');
  }, 60_000);

  it('loads a catalogue as a new framework, served back byte for byte, and usable by the risk register', async () => {
    const exported = structuredClone((await h.call('auditor', 'GET', '/api/v1/exports/oscal/catalogs/pssie-bj-2021.json')).body);
    const idProp = exported.catalog.metadata.props.find((p: { name: string }) => p.name === 'framework-id');
    idProp.value = 'pssie-ministere';
    const before = h.snapshot();
    const r = await dcops(['catalog', 'import', write('pssie-ministere.json', exported)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('pssie-ministere imported: 121 control(s)\n');
    expect(h.snapshot().counts['audit_log']).toBe(before.counts['audit_log']! + 1);
    const served = await h.app.request('/api/v1/exports/oscal/catalogs/pssie-ministere.json', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    const body = await served.text();
    expect(body).toBe(JSON.stringify(catalogDocument({ ...pssie, id: 'pssie-ministere' }), null, 2) + '\n');
    expect(schemaErrors(JSON.parse(body))).toEqual([]);

    // Its controls are controls like any other for the register.
    const asset = await h.call('operator', 'POST', '/api/v1/assets', { kind: 'room', code: 'FAC-ROOM-S1', name: 'Salle 1', ownerEmail: 'op2@test.bj' });
    const risk = await h.call('operator', 'POST', '/api/v1/risks', { title: 'Intrusion', assetId: asset.body.id, threat: 't', vulnerability: 'v', consequence: 'c', likelihood: 2, impact: 4, ownerEmail: 'op2@test.bj' });
    const treated = await h.call('operator', 'POST', `/api/v1/risks/${risk.body.id}/treat`, { version: 1, treatment: 'reduce', plan: 'Badges', residualLikelihood: 1, residualImpact: 4, controls: [{ frameworkId: 'pssie-ministere', controlId: 'PHY-02' }] });
    expect(treated.status, JSON.stringify(treated.body)).toBe(200);
    expect(treated.body.controls[0]).toMatchObject({ frameworkId: 'pssie-ministere', controlId: 'PHY-02', titleFr: 'Contrôle physique des accès du personnel' });
    // The package's profile now imports it too.
    const profile = (await h.call('auditor', 'GET', '/api/v1/exports/oscal/profiles/datacenter-national.json')).body;
    expect(profile.profile.imports.map((i: { href: string }) => i.href)).toContain('../catalogs/pssie-ministere.json');
  }, 60_000);

  it('keeps only the controls a profile selects', async () => {
    const critique = pssieProfiles(pssie)[0]!;
    const exported = catalogDocument({ ...pssie, id: 'pssie-critique' });
    const r = await dcops(['catalog', 'import', write('cat.json', exported), '--profile', write('critique.json', profileDocument(critique, pssie))]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`pssie-critique imported: ${critique.controls!.length} control(s)\n`);
  }, 60_000);

  it('refuses a file that is not an OSCAL catalogue, naming what is wrong, and changes nothing', async () => {
    const before = h.snapshot();
    const notJson = await dcops(['catalog', 'import', write('bad.json', '{ nope')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/catalog: .*is not JSON/);
    const noGroups = await dcops(['catalog', 'import', write('empty.json', { catalog: { uuid: 'x', metadata: { title: 'Vide', 'last-modified': '2026-01-01T00:00:00Z', version: '1' } } }), '--id', 'vide']);
    expect(noGroups.code).toBe(2);
    expect(noGroups.stderr).toMatch(/catalog\.groups/);
    const changed = structuredClone(catalogDocument(pssie));
    changed.catalog.metadata.title = 'PSSIE modifiée';
    const builtIn = await dcops(['catalog', 'import', write('changed.json', changed)]);
    expect(builtIn.code).toBe(2);
    expect(builtIn.stderr).toMatch(/built-in framework and this catalogue differs/);
    expect(h.snapshot()).toEqual(before);
  }, 60_000);
});
