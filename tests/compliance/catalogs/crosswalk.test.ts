import { describe, expect, it } from 'vitest';
import {
  FRAMEWORK_IDS,
  UnknownControlError,
  crosswalk,
  getControl,
  listControls,
  listCrosswalkLinks,
  type FrameworkId,
} from '../../../compliance/catalogs/index.js';

const key = (ref: { frameworkId: string; id: string }): string => `${ref.frameworkId}:${ref.id}`;
const linked = (frameworkId: FrameworkId, id: string): string[] => crosswalk(frameworkId, id).map((m) => key(m.control));

describe('crosswalk data', () => {
  const links = listCrosswalkLinks();

  it('has at least 60 links, each with a rationale', () => {
    expect(links.length).toBeGreaterThanOrEqual(60);
    for (const link of links) expect(link.rationaleFr.trim().length).toBeGreaterThan(5);
  });

  it('points every link end at a control that exists, in two different frameworks', () => {
    for (const link of links) {
      expect(getControl(link.a.frameworkId, link.a.id), key(link.a)).toBeDefined();
      expect(getControl(link.b.frameworkId, link.b.id), key(link.b)).toBeDefined();
      expect(link.a.frameworkId).not.toBe(link.b.frameworkId);
    }
  });

  it('has no duplicate link in either direction', () => {
    const pairs = links.map((l) => [key(l.a), key(l.b)].sort().join(' ~ '));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('joins every pair of frameworks except TIA ↔ CIS, which share nothing', () => {
    const seen = new Set(links.map((l) => [l.a.frameworkId, l.b.frameworkId].sort().join(' ~ ')));
    for (const [i, a] of FRAMEWORK_IDS.entries()) {
      for (const b of FRAMEWORK_IDS.slice(i + 1)) {
        const pair = [a, b].sort().join(' ~ ');
        if (pair === ['cis-docker-1.6.0', 'tia942-r3'].sort().join(' ~ ')) continue;
        expect(seen.has(pair), pair).toBe(true);
      }
    }
  });

  it('maps every CIS check and every TIA item to at least one other control', () => {
    for (const frameworkId of ['cis-docker-1.6.0', 'tia942-r3'] as const) {
      const unmapped = listControls(frameworkId)
        .filter((c) => crosswalk(frameworkId, c.id).length === 0)
        .map((c) => c.id);
      // A checklist item of pure telecom or building engineering may have no security
      // counterpart, but most must: an unmapped majority would mean the crosswalk is thin.
      expect(unmapped.length / listControls(frameworkId).length, unmapped.join(', ')).toBeLessThan(0.25);
    }
  });
});

describe('crosswalk()', () => {
  it('holds the mappings the policy packs and the SoA rely on', () => {
    expect(linked('cis-docker-1.6.0', '5.5')).toContain('iso27001-2022:A.8.9');
    expect(linked('iso27001-2022', 'A.8.22')).toContain('pssie-bj-2021:RESX-02');
    expect(linked('iso27001-2022', 'A.8.20')).toContain('pssie-bj-2021:RESX-03');
    expect(linked('tia942-r3', 'TIA-ELE-01')).toEqual(expect.arrayContaining(['iso27001-2022:A.7.11', 'pssie-bj-2021:CONT-03']));
    expect(linked('iso27001-2022', 'A.7.11')).toContain('pssie-bj-2021:PHY-09');
    expect(linked('tia942-r3', 'TIA-ARC-01')).toEqual(expect.arrayContaining(['iso27001-2022:A.7.2', 'pssie-bj-2021:PHY-02']));
    expect(linked('tia942-r3', 'TIA-ARC-03')).toContain('iso27001-2022:A.7.1');
    expect(linked('pssie-bj-2021', 'CONT-03')).toEqual(
      expect.arrayContaining(['iso27001-2022:A.8.14', 'tia942-r3:TIA-TEL-01', 'tia942-r3:TIA-MEC-01']),
    );
    expect(linked('pssie-bj-2021', 'SCC-02')).toContain('iso27001-2022:A.5.23');
    expect(linked('pssie-bj-2021', 'INC-01')).toEqual(
      expect.arrayContaining(['iso27001-2022:A.5.24', 'iso27001-2022:A.5.25', 'iso27001-2022:A.5.26']),
    );
    expect(linked('iso27001-2022', 'A.8.13')).toContain('pssie-bj-2021:EXP-08');
    expect(linked('iso27001-2022', 'A.8.15')).toContain('pssie-bj-2021:EXP-09');
    expect(linked('iso27001-2022', 'A.8.32').length).toBeGreaterThan(0);
    expect(linked('iso27001-2022', 'A.5.18')).toContain('pssie-bj-2021:CAL-07');
    expect(linked('iso27001-2022', 'A.8.6')).toEqual(expect.arrayContaining(['pssie-bj-2021:EXP-05', 'cis-docker-1.6.0:5.11']));
  });

  it('is symmetric: if A lists B, B lists A with the same relation', () => {
    for (const link of listCrosswalkLinks()) {
      const fromA = crosswalk(link.a.frameworkId, link.a.id).find((m) => key(m.control) === key(link.b));
      const fromB = crosswalk(link.b.frameworkId, link.b.id).find((m) => key(m.control) === key(link.a));
      expect(fromA?.relation).toBe(link.relation);
      expect(fromB?.relation).toBe(link.relation);
      expect(fromA?.rationaleFr).toBe(link.rationaleFr);
    }
  });

  it('returns only other frameworks, grouped by framework, direct matches without a path', () => {
    const matches = crosswalk('iso27001-2022', 'A.7.2');
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.control.frameworkId !== 'iso27001-2022' && m.via.length === 0)).toBe(true);
    const order = matches.map((m) => FRAMEWORK_IDS.indexOf(m.control.frameworkId));
    expect(order).toEqual([...order].sort((x, y) => x - y));
  });

  it('can follow links through an intermediate control, keeping the weakest relation', () => {
    const direct = linked('cis-docker-1.6.0', '5.32');
    const transitive = crosswalk('cis-docker-1.6.0', '5.32', { transitive: true });
    expect(transitive.length).toBeGreaterThan(direct.length);
    const viaIso = transitive.find((m) => key(m.control) === 'pssie-bj-2021:CAL-03');
    expect(viaIso?.via.map(key)).toEqual(['iso27001-2022:A.8.2']);
    expect(viaIso?.relation).toBe('partial');
    expect(viaIso?.rationaleFr).toContain(' → ');
    // Direct matches keep their own relation and come before indirect ones.
    expect(transitive.filter((m) => m.via.length === 0).map((m) => key(m.control))).toEqual(direct);
    expect(transitive.every((m) => m.control.frameworkId !== 'cis-docker-1.6.0')).toBe(true);
  });

  it('filters by framework on request', () => {
    const onlyPssie = crosswalk('tia942-r3', 'TIA-ELE-01', { frameworks: ['pssie-bj-2021'] });
    expect(onlyPssie.length).toBeGreaterThan(0);
    expect(onlyPssie.every((m) => m.control.frameworkId === 'pssie-bj-2021')).toBe(true);
  });

  it('refuses an unknown control rather than answering with nothing', () => {
    expect(() => crosswalk('iso27001-2022', 'A.9.9')).toThrow(UnknownControlError);
  });
});
