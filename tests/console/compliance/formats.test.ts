import { certOperations } from '../../../console/api/operations/cert.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceOperations } from '../../../console/api/operations/compliance.js';
import { csvField, csvRecord, toCsv } from '../../../console/services/exports/csv.js';
import { evidenceFileName } from '../../../console/services/exports/evidence-files.js';
import { oscalControlId } from '../../../console/services/exports/oscal.js';
import { uuidV5 } from '../../../console/services/exports/uuid.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { parseCsv } from './fixtures.js';

describe('CSV writer', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvField('simple')).toBe('simple');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvField('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvField('retour\r')).toBe('"retour\r"');
    expect(csvField('Sécurité ; été')).toBe('Sécurité ; été');
  });

  it('ends every record with CRLF and starts the document with a BOM', () => {
    expect(csvRecord(['a', 'b,c'])).toBe('a,"b,c"\r\n');
    const doc = toCsv(['x', 'y'], [['1', '2'], ['', '"']]);
    expect(doc).toBe('\uFEFFx,y\r\n1,2\r\n,""""\r\n');
  });

  it('keeps spreadsheet formulas inert', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+33 1 23')).toBe("'+33 1 23");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2,5')).toBe(`"'-2,5"`);
  });

  it('round-trips awkward values through a parser', () => {
    const values = ['a,b', 'dit "oui"', 'deux\r\nlignes', 'fin"', '"', ',', '\n', 'é à ç œ'];
    const parsed = parseCsv(toCsv(['v'], values.map((v) => [v])).slice(1));
    expect(parsed.slice(1).map((r) => r[0])).toEqual(values);
  });
});

describe('export helpers', () => {
  it('builds RFC 4122 version 5 UUIDs', () => {
    // The RFC's DNS namespace and a well-known name.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('names evidence files without anything that acts as a path', () => {
    const sha = 'a'.repeat(64);
    expect(evidenceFileName(sha, 'Rapport été 2026.pdf')).toBe(`${sha}-Rapport_ete_2026.pdf`);
    expect(evidenceFileName(sha, '../../etc/passwd')).toBe(`${sha}-etc_passwd`);
    expect(evidenceFileName(sha, null)).toBe(`${sha}-fichier`);
    expect(evidenceFileName(sha, '日本語')).toBe(`${sha}-fichier`);
  });

  it('turns every catalogue id into an OSCAL token', () => {
    expect(oscalControlId('iso27001-2022', 'A.8.9')).toBe('A.8.9');
    expect(oscalControlId('pssie-bj-2021', 'EXP-04')).toBe('EXP-04');
    expect(oscalControlId('cis-docker-1.6.0', '5.4')).toBe('cis-5.4');
  });
});

describe('API documentation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness();
  });
  afterAll(() => h.close());

  it('documents every certification route the app serves, and only those', () => {
    const prefixes = ['/frameworks', '/controls', '/findings', '/exceptions', '/exports'];
    const mine = (path: string) => prefixes.some((p) => path === p || path.startsWith(p + '/'));
    const served = new Set(
      h.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && mine(r.path.slice('/api/v1'.length)))
        .map((r) => `${r.method} ${r.path.slice('/api/v1'.length)}`),
    );
    const documented = new Set([...complianceOperations, ...certOperations].filter((o) => mine(o.path)).map((o) => `${o.method.toUpperCase()} ${o.path}`));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
    for (const op of complianceOperations.filter((o) => o.path.startsWith('/exports/') && !o.path.endsWith('.json') && !o.path.endsWith(':file'))) {
      expect(op.responseMediaType, op.path).toBeDefined();
    }
  });

  it('turns the certification schemas into the OpenAPI document', async () => {
    const res = await h.call(null, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const put = res.body.paths['/controls/{framework}/{id}/status'].put;
    expect(put.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['version', 'applicable', 'implementation']));
    const list = res.body.paths['/findings'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['status', 'grade', 'framework', 'overdue', 'limit', 'offset']));
    expect(res.body.paths['/frameworks'].get.summary).toMatch(/implemented with live evidence 1/);
    expect(Object.keys(res.body.paths['/exports/soa.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
