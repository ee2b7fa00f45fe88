import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../../console/bootstrap.js';
import { manualClock } from '../../../console/clock.js';
import { systemActor } from '../../../console/context.js';
import { closeDatabase, type Db } from '../../../console/db/open.js';
import { seedDemo } from '../../../console/demo/seed.js';
import { EvidenceStore } from '../../../console/evidence/store.js';
import { exportEvidencePackage } from '../../../console/services/exports/evidence-package.js';
import { objects, packageProblems, readZip, schemaErrors } from './helpers.js';

type Json = Record<string, unknown>;

let dir: string;
let db: Db;
let entries: Map<string, Buffer>;
const clock = manualClock(new Date('2026-11-01T09:00:00Z'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-oscal-'));
  db = prepareDatabase(join(dir, 'dcops.db'), clock);
  await seedDemo({ db, clock, password: 'demo-password-123', scryptN: 1024, dataDir: dir });
  clock.advance(86_400_000);
  const { stream } = await exportEvidencePackage({ ctx: { db, clock, actor: systemActor }, store: new EvidenceStore(dir) });
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(stream)) chunks.push(chunk as Buffer);
  entries = new Map(readZip(Buffer.concat(chunks)).map((e) => [e.name, e.data]));
}, 120_000);
afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const doc = (name: string) => JSON.parse(entries.get(`oscal/${name}`)!.toString('utf8')) as Json;

describe('OSCAL package of the demo', () => {
  it('holds the four linked documents, every catalogue and the PSSIE profiles, each valid against NIST’s OSCAL 1.1.2 schema', () => {
    const names = [...entries.keys()].filter((n) => n.startsWith('oscal/')).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'oscal/system-security-plan.json',
        'oscal/assessment-plan.json',
        'oscal/assessment-results.json',
        'oscal/plan-of-action-and-milestones.json',
        'oscal/catalogs/iso27001-2022.json',
        'oscal/catalogs/pssie-bj-2021.json',
        'oscal/catalogs/tia942-r3.json',
        'oscal/catalogs/cis-docker-1.6.0.json',
        'oscal/profiles/datacenter-national.json',
        'oscal/profiles/pssie-bj-2021-critique.json',
        'oscal/profiles/pssie-bj-2021-normal.json',
      ]),
    );
    for (const name of names) expect(schemaErrors(JSON.parse(entries.get(name)!.toString('utf8'))), name).toEqual([]);
    // The chain: each document imports the one before.
    expect((doc('system-security-plan.json')['system-security-plan'] as Json)['import-profile']).toEqual({ href: 'profiles/datacenter-national.json' });
    expect((doc('assessment-plan.json')['assessment-plan'] as Json)['import-ssp']).toEqual({ href: 'system-security-plan.json' });
    expect((doc('assessment-results.json')['assessment-results'] as Json)['import-ap']).toEqual({ href: 'assessment-plan.json' });
    expect((doc('plan-of-action-and-milestones.json')['plan-of-action-and-milestones'] as Json)['import-ssp']).toEqual({ href: 'system-security-plan.json' });
    const critique = doc('profiles/pssie-bj-2021-critique.json') as { profile: { metadata: { title: string }; imports: { href: string; 'include-controls': { 'with-ids': string[] }[] }[] } };
    expect(critique.profile.metadata.title).toBe('PSSIE Bénin — profil « Critique »');
    expect(critique.profile.imports[0]!.href).toBe('../catalogs/pssie-bj-2021.json');
    const normal = doc('profiles/pssie-bj-2021-normal.json') as typeof critique;
    expect(critique.profile.imports[0]!['include-controls'][0]!['with-ids'].length + normal.profile.imports[0]!['include-controls'][0]!['with-ids'].length).toBe(121);
  });

  it('passes the semantic check: unique UUIDs, every UUID reference and href resolved inside the package, every file matching its hash', () => {
    expect(packageProblems(entries)).toEqual([]);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as { files: { path: string; sha256: string; size: number }[]; evidence: { path: string | null; sha256: string | null }[] };
    expect(new Set(manifest.files.map((f) => f.path))).toEqual(new Set([...entries.keys()].filter((n) => n !== 'manifest.json')));
    for (const f of manifest.files) {
      const data = entries.get(f.path)!;
      expect(createHash('sha256').update(data).digest('hex'), f.path).toBe(f.sha256);
      expect(data.length).toBe(f.size);
    }
    // Every evidence version with a file has it in the package, not only the latest one.
    for (const e of manifest.evidence) if (e.sha256) expect(e.path && entries.has(e.path), e.sha256).toBe(true);
    // The policy report behind the run's observations is there too.
    const ar = doc('assessment-results.json');
    const report = [...objects(ar)].find((o) => typeof o['title'] === 'string' && (o['title'] as string).startsWith('Rapport de vérification de politique')) as { rlinks: { href: string }[] };
    expect(entries.has(report.rlinks[0]!.href.replace('../', ''))).toBe(true);
  });

  it('describes the platform and each ministry stack, with implemented requirements from control status', () => {
    const ssp = doc('system-security-plan.json')['system-security-plan'] as { 'system-implementation': { components: { title: string; type: string }[] }; 'control-implementation': { 'implemented-requirements': { props: { name: string; value: string }[]; 'by-components': { 'implementation-status'?: { state: string } }[] }[] } };
    const components = ssp['system-implementation'].components;
    expect(components[0]!.type).toBe('this-system');
    expect(components.map((c) => c.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^Pile ministry-anip/), expect.stringMatching(/^Pile ministry-ms /)]));
    const reqs = ssp['control-implementation']['implemented-requirements'];
    const of = (fw: string, id: string) => reqs.find((r) => r.props.some((p) => p.name === 'framework' && p.value === fw) && r.props.some((p) => p.name === 'control-id' && p.value === id))!;
    expect(of('iso27001-2022', 'A.8.9')['by-components'][0]!['implementation-status']).toEqual({ state: 'implemented' });
    expect(of('iso27001-2022', 'A.8.30')['by-components'][0]!['implementation-status']).toEqual({ state: 'not-applicable' });
    expect(of('tia942-r3', 'TIA-TEL-01')['by-components'][0]!['implementation-status']).toEqual({ state: 'planned' });
  });

  it('reports evidence with one meaning for collected, review and freshness apart, and findings on framework-qualified objectives', () => {
    const ar = doc('assessment-results.json')['assessment-results'] as { results: { observations: { title: string; collected: string; props: { name: string; value: string }[] }[]; findings: { target: { 'target-id': string } }[] }[] };
    const propOf = (o: { props: { name: string; value: string }[] }, name: string) => o.props.find((p) => p.name === name)?.value;
    const badges = ar.results[0]!.observations.find((o) => o.title.includes('Registre des badges'))!;
    expect(propOf(badges, 'review-status')).toBe('pending');
    expect(propOf(badges, 'freshness')).toBe('expired');
    // Collected is when the console received it; the period it proves is effective-at.
    expect(badges.collected).toBe('2026-11-01T09:00:00.000Z');
    expect(propOf(badges, 'effective-at')).toBe('2026-07-04T09:00:00.000Z');
    const ap = doc('assessment-plan.json')['assessment-plan'] as { 'local-definitions': { 'objectives-and-methods': { parts: { id: string }[] }[] } };
    const objectives = new Set(ap['local-definitions']['objectives-and-methods'].flatMap((o) => o.parts.map((p) => p.id)));
    const targets = ar.results[0]!.findings.map((f) => f.target['target-id']);
    expect(targets).toEqual(expect.arrayContaining(['tia942-r3_TIA-TEL-01', 'iso27001-2022_A.8.14', 'iso27001-2022_A.5.18']));
    for (const t of targets) expect(objectives.has(t), t).toBe(true);
  });

  it('lists open findings with their corrective actions and the accepted risks in the plan of action', () => {
    const poam = doc('plan-of-action-and-milestones.json')['plan-of-action-and-milestones'] as { risks: { title: string; status: string; deadline?: string }[]; 'poam-items': { title: string }[] };
    expect(poam.risks.filter((r) => r.status === 'deviation-approved').length).toBeGreaterThanOrEqual(5);
    const review = poam.risks.find((r) => r.title.includes('Défaillance du refroidissement'))!;
    expect(review.status).toBe('open');
    expect(poam['poam-items'].map((i) => i.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^NC-2026-001 — Second point d’entrée télécom/)]));
  });
});
