import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listControls } from '../../../compliance/catalogs/index.js';

// The TSV files copied into the project are the provenance of ids and names; these tests
// prove the data modules still match them, apart from the spelling fixes listed here.
const readTsv = (name: string): string[][] =>
  readFileSync(new URL(`../../../compliance/catalogs/sources/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));

/** Source name → name shipped, for slips in the source lists. */
const ISO_EN_FIXES: Record<string, string> = { 'Working In secure areas': 'Working in secure areas' };
const ISO_FR_FIXES: Record<string, string> = {
  "Préparation des TIC la continuité d'activité": "Préparation des TIC pour la continuité d'activité",
};
const PSSIE_FIXES: Record<string, string> = {
  'Relations avec des groupes de spécialites en sécurité SI.': 'Relations avec des groupes de spécialistes en sécurité SI',
  'Cloisonment réseau': 'Cloisonnement réseau',
  'Maîtrise des accès utilisiteurs': 'Maîtrise des accès utilisateurs',
  'Usage des certificats élctroniques': 'Usage des certificats électroniques',
  'Surveillance des  évènements sécurité': 'Surveillance des évènements sécurité',
  'Service généraux': 'Services généraux',
  'Aspect contractuels': 'Aspects contractuels',
  'tests du plan de continuité de la sécurité SI': 'Tests du plan de continuité de la sécurité SI',
};
const fixed = (fixes: Record<string, string>, value: string): string => fixes[value] ?? value;

describe('catalog data matches its source lists', () => {
  it('ISO/IEC 27001:2022: same ids, themes and names, same order', () => {
    const rows = readTsv('iso27001-2022-annexA.tsv');
    expect(rows).toHaveLength(93);
    expect(
      listControls('iso27001-2022').map((c) => [c.id, c.group, c.titleEn, c.titleFr]),
    ).toEqual(rows.map(([id, theme, en, fr]) => [id, theme, fixed(ISO_EN_FIXES, en ?? ''), fixed(ISO_FR_FIXES, fr ?? '')]));
  });

  it('PSSIE: same ids, names and levels, same order', () => {
    const rows = readTsv('pssie-benin-rules.tsv');
    expect(rows).toHaveLength(121);
    expect(listControls('pssie-bj-2021').map((r) => [r.id, r.titleFr, r.level])).toEqual(
      rows.map(([id, name, level]) => [id, fixed(PSSIE_FIXES, name ?? ''), level === 'C' ? 'critical' : 'normal']),
    );
  });

  it('every listed spelling fix is still needed by its source', () => {
    const pssieNames = new Set(readTsv('pssie-benin-rules.tsv').map((row) => row[1]));
    for (const original of Object.keys(PSSIE_FIXES)) expect(pssieNames.has(original), original).toBe(true);
    const isoRows = readTsv('iso27001-2022-annexA.tsv');
    for (const original of Object.keys(ISO_EN_FIXES)) expect(isoRows.some((r) => r[2] === original)).toBe(true);
    for (const original of Object.keys(ISO_FR_FIXES)) expect(isoRows.some((r) => r[3] === original)).toBe(true);
  });

  it('CIS: every section 5 check of the source and 4.1, with title and assessment split', () => {
    const rows = readTsv('cis-docker-1.6.0-ids.tsv');
    const wanted = rows.filter(([id]) => id === '4.1' || /^5\.\d+$/.test(id ?? ''));
    const sectionFive = rows.filter(([id]) => /^5\.\d+$/.test(id ?? ''));
    const checks = listControls('cis-docker-1.6.0');
    expect(checks.filter((c) => c.group === '5')).toHaveLength(sectionFive.length);
    expect(checks.map((c) => [c.id, `${c.titleEn} (${c.assessment === 'automated' ? 'Automated' : 'Manual'})`])).toEqual(
      wanted.map(([id, title]) => [id, title]),
    );
    const sectionNames = new Map(rows.filter(([id]) => /^\d+$/.test(id ?? '')).map(([id, title]) => [id, title]));
    expect(sectionNames.get('5')).toBe('Container Runtime');
  });
});
