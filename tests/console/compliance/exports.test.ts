import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../../console/evidence/store.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { repoRoot } from '../../helpers/process.js';
import { inDays, insertEvidence, parseCsv, setStatus } from './fixtures.js';

const OSCAL_SCHEMA = path.resolve(repoRoot, 'tests/vendor/oscal/oscal_complete_schema-1.1.2.json');

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

/** A justification with everything a CSV writer must get right. */
const TRICKY = 'Local "technique", géré par\nun tiers; voir contrat, annexe 2';

async function richState(h: Harness) {
  await setStatus(h, 'iso27001-2022', 'A.7.1', { applicable: false, justification: TRICKY, implementation: 'not_started' });
  await setStatus(h, 'iso27001-2022', 'A.8.15', { applicable: true, implementation: 'implemented', owner: 'Équipe exploitation', reviewed: true });
  await setStatus(h, 'iso27001-2022', 'A.5.1', { applicable: true, justification: '=HYPERLINK("http://x")', implementation: 'partially_implemented' });
  const logs = insertEvidence(h, {
    title: 'Politique de journalisation',
    controls: [['iso27001-2022', 'A.8.15'], ['cis-docker-1.6.0', '5.4']],
    versions: [{ content: 'journal v1', fileName: 'journal v1.txt' }, { content: 'journal v2 — été', fileName: 'Journal été (v2).txt', expiresAt: inDays(h, 100) }],
  });
  const link = insertEvidence(h, { title: 'Tableau de bord', controls: [['iso27001-2022', 'A.8.15']], versions: [{ url: 'https://grafana.asin.bj/d/dcops', reviewStatus: 'pending' }] });
  const note = insertEvidence(h, { title: 'Visite de site', controls: [['tia942-r3', 'TIA-ELE-01']], versions: [{ note: 'Onduleurs vérifiés' }] });
  const raised = await h.call('auditor', 'POST', '/api/v1/findings', {
    title: 'Journaux incomplets',
    description: 'Les journaux des conteneurs ne sont pas conservés 12 mois.',
    grade: 'minor',
    controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.15' }, { frameworkId: 'cis-docker-1.6.0', controlId: '5.4' }],
  });
  await h.call('operator', 'POST', `/api/v1/findings/${raised.body.id}/plan`, { version: 1, correctiveAction: 'Étendre la rétention à 12 mois', owner: 'Exploitation', dueDate: '2026-12-31' });
  await h.call('operator', 'POST', `/api/v1/findings/${raised.body.id}/propose-closure`, { version: 2, closingEvidenceVersionId: logs.versions[1]!.id });
  await h.call('auditor', 'POST', `/api/v1/findings/${raised.body.id}/close`, { version: 3 });
  await h.call('auditor', 'POST', '/api/v1/findings', {
    title: 'Pas de revue des accès',
    description: 'Aucune revue trimestrielle des comptes.',
    grade: 'observation',
    controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }],
  });
  const runId = randomUUID();
  const db = h.db.$client;
  db.prepare(
    `INSERT INTO policy_runs (id, at, actor, trigger, spec_sha256, report_sha256, resource_count, totals, blocking, stacks) VALUES (?, ?, 'op1@test.bj', 'check', ?, ?, 3, '{}', 1, '{}')`,
  ).run(runId, h.clock.now().toISOString(), 'a'.repeat(64), 'b'.repeat(64));
  const result = db.prepare('INSERT INTO policy_results (run_id, rule_id, severity, address, status, message, exception_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  result.run(runId, 'container-capabilities-dropped', 'high', 'ministry-mef/docker_container.api_0', 'non_compliant', 'capabilities non retirées', null);
  result.run(runId, 'container-capabilities-dropped', 'high', 'ministry-mef/docker_container.web_0', 'compliant', 'ok', null);
  result.run(runId, 'container-read-only-rootfs', 'medium', 'ministry-mef/docker_container.api_0', 'suppressed', 'écriture', 'exc-1');
  return { logs, link, note, runId };
}

describe('Statement of Applicability', () => {
  it('exports all 93 Annex A controls as RFC 4180 CSV with French headers', async () => {
    const { logs, link } = await richState(h);
    await setStatus(h, 'iso27001-2022', 'A.5.19', { applicable: true, implementation: 'planned', justification: 'Clause de sécurité des contrats d’hébergement', justificationReason: 'contractual' });
    const res = await h.app.request('/api/v1/exports/soa.csv', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="declaration-applicabilite-iso27001-2022-2026-11-21.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(94);
    expect(rows[0]).toEqual([
      'Mesure',
      'Thème',
      'Intitulé',
      'Applicable',
      'Justification',
      'Motifs',
      'État de mise en œuvre',
      'Responsable',
      'Dernière revue',
      'Dernière revue (ISO 8601)',
      'Revue par',
      'Preuves',
      'Empreintes SHA-256 des preuves',
    ]);
    for (const r of rows) expect(r).toHaveLength(13);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(['A.5.1', 'A.6.8', 'A.7.14', 'A.8.34']));
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    // Excluded: « Non applicable » with its reason.
    expect(byId.get('A.7.1')!.slice(3, 7)).toEqual(['Non', TRICKY, '', 'Non applicable']);
    // A person's text, then what the crosswalks say; free text never reaches a spreadsheet as a formula.
    expect(byId.get('A.5.1')![4]!.split('\n')[0]).toBe('\'=HYPERLINK("http://x")');
    const a815 = byId.get('A.8.15')!;
    expect(a815.slice(6, 11)).toEqual(['Mise en œuvre', 'Équipe exploitation', '21 nov. 2026', '2026-11-21T08:00:00Z', 'op1@test.bj']);
    // Evidence by title, version and state, with its hash (no stray characters for a file-less version).
    expect(a815[11]!.split('\n').sort()).toEqual(['Politique de journalisation — v2 (acceptée)', 'Tableau de bord — v1 (en attente de revue)'].sort());
    expect(a815[12]!.split('\n').sort()).toEqual([logs.versions[1]!.sha256, 'aucun fichier'].sort());
    expect(text).not.toMatch(/'-/);
    // No default justification: a control nothing justifies says so.
    const reasons = new Set(rows.slice(1).map((r) => r[4]));
    expect(reasons.has('Justification manquante')).toBe(true);
    for (const r of rows.slice(1)) if (r[3] === 'Oui') expect(r[4]).not.toBe('');
    void link;
    const a519 = byId.get('A.5.19')!;
    expect(a519[4]!.split('\n')[0]).toBe('Exigence contractuelle — Clause de sécurité des contrats d’hébergement');
    expect(a519[5]).toContain('contractual');
    // The PSSIE rules an Annex A control implements justify it as a legal or regulatory requirement.
    const fromCrosswalk = rows.slice(1).filter((r) => r[4]!.startsWith('Exigence légale ou réglementaire — PSSIE Bénin : '));
    expect(fromCrosswalk.length).toBeGreaterThan(10);
    for (const r of fromCrosswalk) expect(r[5]).toContain('legal_regulatory');
    // Nothing registers treated risks yet: no control reads as justified by one.
    expect(rows.slice(1).some((r) => r[5]!.includes('risk_treatment'))).toBe(false);
  });

  it('prints the same 93 controls as an escaped French HTML page', async () => {
    await richState(h);
    await setStatus(h, 'iso27001-2022', 'A.6.1', { applicable: true, implementation: 'planned', owner: '<script>alert("x")</script>' });
    const res = await h.app.request('/api/v1/exports/soa', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<style>[^<]*@media print/);
    expect(html.match(/<tr id="control-[^"]+" data-control="/g)).toHaveLength(93);
    expect(html.match(/<th scope="row">/g)).toHaveLength(93);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Local &quot;technique&quot;, géré par\nun tiers; voir contrat, annexe 2');
    expect(html).toContain('Non applicable');
    expect(html).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z</);
    // The same cells as the CSV, and the same document in English.
    const csv = parseCsv((await (await h.app.request('/api/v1/exports/soa.csv', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } })).text()).slice(1));
    const a815 = csv.find((r) => r[0] === 'A.8.15')!;
    for (const cell of [a815[4]!, a815[11]!]) expect(html).toContain(cell.replaceAll('"', '&quot;'));
    const en = await (await h.app.request('/api/v1/exports/soa?lang=en', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } })).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Statement of Applicability');
    expect(en).toContain('Not applicable');
    expect(en).toContain('Justification missing');
  });
});

type Json = Record<string, unknown>;

/** Every object in the document, walked depth first. */
function* objects(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value !== null && typeof value === 'object') {
    yield value as Json;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

describe('OSCAL assessment results', () => {
  it('validates against the official OSCAL 1.1.2 schema, with every reference resolved', async () => {
    const { logs, note } = await richState(h);
    const res = await h.call('auditor', 'GET', '/api/v1/exports/oscal/assessment-results.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its default export arrives wrapped depending on the loader.
    const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(OSCAL_SCHEMA, 'utf8')) as Json);
    const valid = validate(doc);
    // oneOf over the seven models: errors from the other branches are noise, keep ours.
    expect(valid, JSON.stringify(validate.errors?.filter((e) => e.instancePath.startsWith('/assessment-results')).slice(0, 10), null, 2)).toBe(true);
    // The validator is not vacuous: a CIS id used as a token, or a missing target, is refused.
    const broken = structuredClone(doc);
    broken['assessment-results'].results[0].findings[0].target['target-id'] = '5.4';
    expect(validate(broken)).toBe(false);
    delete broken['assessment-results'].results[0].findings[0].target;
    expect(validate(broken)).toBe(false);

    const ar = doc['assessment-results'];
    expect(ar.metadata['oscal-version']).toBe('1.1.2');
    expect(ar.metadata.parties[0]).toMatchObject({ type: 'organization', 'short-name': 'ASIN' });
    const result = ar.results[0];
    const observationIds = new Set<string>(result.observations.map((o: { uuid: string }) => o.uuid));
    const resourceIds = new Set<string>(ar['back-matter'].resources.map((r: { uuid: string }) => r.uuid));
    const partyIds = new Set<string>(ar.metadata.parties.map((p: { uuid: string }) => p.uuid));
    const all = [...objects(doc)];
    const uuids = all.filter((o) => typeof o.uuid === 'string').map((o) => o.uuid as string);
    expect(new Set(uuids).size).toBe(uuids.length);
    let hrefs = 0;
    for (const o of all) {
      if (typeof o['observation-uuid'] === 'string') expect(observationIds.has(o['observation-uuid'])).toBe(true);
      if (typeof o['actor-uuid'] === 'string') expect(partyIds.has(o['actor-uuid'])).toBe(true);
      if (typeof o.href === 'string' && o.href.startsWith('#')) {
        hrefs++;
        expect(resourceIds.has(o.href.slice(1)), o.href).toBe(true);
      }
    }
    for (const rp of ar.metadata['responsible-parties']) for (const p of rp['party-uuids']) expect(partyIds.has(p)).toBe(true);
    expect(hrefs).toBeGreaterThan(3);
    expect(ar['import-ap'].href).toBe('assessment-plan.json');

    // One observation per evidence version (rejected ones excepted), with its sha256.
    const evidenceObs = result.observations.filter((o: { props?: { name: string }[] }) => o.props?.some((p) => p.name === 'evidence-id'));
    expect(evidenceObs).toHaveLength(4);
    const v2 = evidenceObs.find((o: { props: { name: string; value: string }[] }) => o.props.some((p) => p.name === 'sha256' && p.value === logs.versions[1]!.sha256));
    expect(v2).toBeDefined();
    const v2Resource = ar['back-matter'].resources.find((r: { uuid: string }) => `#${r.uuid}` === v2['relevant-evidence'][0].href);
    expect(v2Resource.rlinks[0].hashes).toEqual([{ algorithm: 'SHA-256', value: logs.versions[1]!.sha256 }]);
    expect(evidenceObs.some((o: { props: { value: string }[] }) => o.props.some((p) => p.value === note.id))).toBe(true);

    // Findings target controls; CIS ids become valid OSCAL tokens.
    const targets = result.findings.map((f: { target: { 'target-id': string; status: { state: string } } }) => `${f.target['target-id']}:${f.target.status.state}`);
    expect(targets).toEqual(
      expect.arrayContaining([
        'iso27001-2022_A.8.15:satisfied',
        'cis-docker-1.6.0_cis-5.4:satisfied',
        'iso27001-2022_A.5.18:not-satisfied',
        'cis-docker-1.6.0_cis-5.4:not-satisfied',
        'iso27001-2022_A.8.9:not-satisfied',
        'pssie-bj-2021_EXP-04:not-satisfied',
      ]),
    );
    for (const f of result.findings) expect(f['related-observations'].length).toBeGreaterThan(0);
    const policyObs = result.observations.filter((o: { methods: string[] }) => o.methods.includes('TEST'));
    expect(policyObs.map((o: { title: string }) => o.title).sort()).toEqual([
      'Règle container-capabilities-dropped : 1 ressource(s) conforme',
      'Règle container-capabilities-dropped : 1 ressource(s) non conforme',
      'Règle container-read-only-rootfs : 1 ressource(s) couvert par une exception',
    ]);
  });

  it('is byte-identical for the same state and moves with the audit chain', async () => {
    await richState(h);
    const get = async () => {
      const res = await h.app.request('/api/v1/exports/oscal/assessment-results.json', { headers: { authorization: `Bearer ${h.callers.admin!.token}` } });
      return res.text();
    };
    const first = await get();
    h.clock.advance(3_600_000);
    expect(await get()).toBe(first);
    await setStatus(h, 'iso27001-2022', 'A.5.2', { applicable: true, implementation: 'planned' });
    const third = await get();
    expect(third).not.toBe(first);
    expect(JSON.parse(third)['assessment-results'].uuid).toBe(JSON.parse(first)['assessment-results'].uuid);
  });
});

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip through its central directory: enough to check what the export wrote. */
function readZip(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  expect(eocd).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('evidence package', () => {
  it('zips the OSCAL package and every evidence file it references, with a manifest whose hashes match', async () => {
    const { logs, link, note } = await richState(h);
    const res = await h.app.request('/api/v1/exports/evidence-package.zip', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="dossier-preuves-2026-11-21.zip"');
    const zip = Buffer.from(await res.arrayBuffer());
    const entries = readZip(zip);
    const byName = new Map(entries.map((e) => [e.name, e.data]));
    // Where Info-ZIP is installed, it must agree: a valid archive with the same manifest.
    if (spawnSync('unzip', ['-v']).status === 0) {
      const dir = mkdtempSync(path.join(tmpdir(), 'dcops-zip-'));
      const file = path.join(dir, 'package.zip');
      writeFileSync(file, zip);
      expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
      expect(spawnSync('unzip', ['-p', file, 'manifest.json']).stdout).toEqual(byName.get('manifest.json'));
      rmSync(dir, { recursive: true, force: true });
    }
    expect(entries.slice(0, 3).map((e) => e.name)).toEqual(['manifest.json', 'declaration-applicabilite.csv', 'oscal/system-security-plan.json']);
    const manifest = JSON.parse(byName.get('manifest.json')!.toString('utf8'));
    // Every version an observation points to, not only the latest one.
    expect(manifest.evidence).toHaveLength(4);
    const withFile = manifest.evidence.filter((e: { path: string | null }) => e.path !== null);
    expect(withFile).toHaveLength(2);
    for (const e of withFile) expect(createHash('sha256').update(byName.get(e.path)!).digest('hex')).toBe(e.sha256);
    for (const f of manifest.files) {
      const content = byName.get(f.path)!;
      expect(content, f.path).toBeDefined();
      expect(createHash('sha256').update(content).digest('hex')).toBe(f.sha256);
      expect(content.length).toBe(f.size);
    }
    expect(withFile.find((e: { version: number }) => e.version === 2)).toMatchObject({
      evidenceId: logs.id,
      reviewStatus: 'accepted',
      controls: ['iso27001-2022:A.8.15', 'cis-docker-1.6.0:5.4'],
      path: `files/${logs.versions[1]!.sha256}-Journal_ete_v2_.txt`,
    });
    expect(manifest.evidence.find((e: { evidenceId: string }) => e.evidenceId === link.id)).toMatchObject({ path: null, url: 'https://grafana.asin.bj/d/dcops', reviewStatus: 'pending' });
    expect(manifest.evidence.find((e: { evidenceId: string }) => e.evidenceId === note.id)).toMatchObject({ path: null, sha256: null });
    expect(parseCsv(byName.get('declaration-applicabilite.csv')!.toString('utf8').slice(1))).toHaveLength(94);
    expect(JSON.parse(byName.get('oscal/assessment-results.json')!.toString('utf8'))['assessment-results'].metadata.version).toBe(manifest.state && `audit-${manifest.state.auditSeq}`);
    // Same state, same archive: timestamps come from the audit chain, not the clock.
    h.clock.advance(60_000);
    const again = await h.app.request('/api/v1/exports/evidence-package.zip', { headers: { authorization: `Bearer ${h.callers.admin!.token}` } });
    expect(Buffer.from(await again.arrayBuffer()).equals(zip)).toBe(true);
    // Files, manifest and all: no path can leave the folder it is extracted into.
    for (const e of entries) expect(e.name).toMatch(/^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/);
  });

  it('names missing and damaged files in the manifest instead of breaking the download', async () => {
    const damaged = insertEvidence(h, { controls: [['iso27001-2022', 'A.8.13']], versions: [{ content: 'sauvegarde' }] });
    const missing = insertEvidence(h, { controls: [['iso27001-2022', 'A.8.13']], versions: [{ content: 'restauration' }] });
    const store = new EvidenceStore(h.config.dataDir);
    writeFileSync(store.pathOf(damaged.versions[0]!.sha256!), 'altéré');
    rmSync(store.pathOf(missing.versions[0]!.sha256!));
    const res = await h.app.request('/api/v1/exports/evidence-package.zip', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } });
    expect(res.status).toBe(200);
    const entries = readZip(Buffer.from(await res.arrayBuffer()));
    expect(entries.map((e) => e.name).filter((n) => n.startsWith('files/'))).toEqual([]);
    const manifest = JSON.parse(entries[0]!.data.toString('utf8'));
    const problems = Object.fromEntries(manifest.evidence.map((e: { evidenceId: string; problem: string }) => [e.evidenceId, e.problem]));
    // The documents never point at what the package lacks.
    expect(entries.find((e) => e.name === 'oscal/assessment-results.json')!.data.toString('utf8')).not.toContain('../files/');
    expect(problems).toEqual({ [damaged.id]: 'altered', [missing.id]: 'missing' });
  });
});
