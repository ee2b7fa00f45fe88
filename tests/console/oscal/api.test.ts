import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { schemaErrors } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

describe('OSCAL endpoints', () => {
  it.each(['system-security-plan', 'assessment-plan', 'assessment-results', 'plan-of-action-and-milestones'])('serve %s.json, valid, to the datacenter staff only', async (name) => {
    const res = await h.call('auditor', 'GET', `/api/v1/exports/oscal/${name}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}-2026-11-21.json"`);
    expect(schemaErrors(res.body)).toEqual([]);
    expect((await h.call('mef', 'GET', `/api/v1/exports/oscal/${name}.json`)).status).toBe(403);
  });

  it('serve every catalogue and profile by name, and 404 for others', async () => {
    for (const path of ['catalogs/iso27001-2022.json', 'catalogs/pssie-bj-2021.json', 'catalogs/tia942-r3.json', 'catalogs/cis-docker-1.6.0.json', 'profiles/datacenter-national.json', 'profiles/pssie-bj-2021-critique.json', 'profiles/pssie-bj-2021-normal.json']) {
      const res = await h.call('mef', 'GET', `/api/v1/exports/oscal/${path}`);
      expect(res.status, path).toBe(200);
      expect(schemaErrors(res.body), path).toEqual([]);
    }
    const cis = (await h.call('mef', 'GET', '/api/v1/exports/oscal/catalogs/cis-docker-1.6.0.json')).body;
    expect(cis.catalog.groups[1].controls[3]).toMatchObject({ id: 'cis-5.4', props: expect.arrayContaining([{ name: 'label', value: '5.4' }]) });
    for (const path of ['catalogs/nope.json', 'catalogs/pssie-bj-2021', 'profiles/nope.json']) {
      const res = await h.call('auditor', 'GET', `/api/v1/exports/oscal/${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
