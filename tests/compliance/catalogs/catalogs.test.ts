import { describe, expect, it } from 'vitest';
import {
  FRAMEWORK_IDS,
  ISO_THEMES,
  PSSIE_FAMILIES,
  TIA_SUBSYSTEMS,
  UnknownControlError,
  UnknownFrameworkError,
  catalogVersion,
  getControl,
  getFramework,
  isFrameworkId,
  listControls,
  listFrameworks,
  listGroups,
  parseControlRef,
  requireControl,
  type FrameworkId,
} from '../../../compliance/catalogs/index.js';

const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((acc, item) => {
    acc[key(item)] = (acc[key(item)] ?? 0) + 1;
    return acc;
  }, {});

describe('frameworks', () => {
  it('lists the four frameworks in a stable order with metadata and a catalog version', () => {
    const frameworks = listFrameworks();
    expect(frameworks.map((f) => f.id)).toEqual([...FRAMEWORK_IDS]);
    for (const f of frameworks) {
      expect(f.nameFr.length).toBeGreaterThan(0);
      expect(f.nameEn.length).toBeGreaterThan(0);
      expect(f.publisher.length).toBeGreaterThan(0);
      expect(f.descriptionFr.length).toBeGreaterThan(0);
      expect(catalogVersion(f.id)).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(getFramework('iso27001-2022').version).toBe('2022');
    expect(getFramework('cis-docker-1.6.0').version).toBe('1.6.0');
  });

  it('refuses an unknown framework id coming from untyped input', () => {
    expect(isFrameworkId('iso27001-2022')).toBe(true);
    expect(isFrameworkId('nist-800-53')).toBe(false);
    expect(() => listControls('nist-800-53' as FrameworkId)).toThrow(UnknownFrameworkError);
    expect(() => getControl('nope' as FrameworkId, 'A.5.1')).toThrow(UnknownFrameworkError);
  });
});

describe('every catalog', () => {
  it.each(FRAMEWORK_IDS)('%s has unique ids, declared groups and non-empty French titles', (frameworkId) => {
    const controls = listControls(frameworkId);
    expect(controls.length).toBeGreaterThan(0);
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    const groups = new Set(listGroups(frameworkId).map((g) => g.id));
    for (const control of controls) {
      expect(control.frameworkId).toBe(frameworkId);
      expect(groups.has(control.group), `${control.id} group ${control.group}`).toBe(true);
      expect(control.titleFr.trim().length, control.id).toBeGreaterThan(0);
      expect(control.titleFr).toBe(control.titleFr.trim());
      expect(control.titleFr, control.id).not.toMatch(/ {2}/);
    }
    for (const group of listGroups(frameworkId)) {
      expect(group.nameFr.trim().length).toBeGreaterThan(0);
      expect(controls.some((c) => c.group === group.id), `group ${group.id} is empty`).toBe(true);
    }
  });

  it('returns frozen data so a caller cannot alter the shared cache', () => {
    const control = requireControl('iso27001-2022', 'A.5.1');
    expect(Object.isFrozen(control)).toBe(true);
    expect(Object.isFrozen(listControls('iso27001-2022'))).toBe(true);
    expect(Object.isFrozen(getFramework('tia942-r3').groups)).toBe(true);
  });

  it('looks controls up by framework and id', () => {
    expect(getControl('iso27001-2022', 'A.8.9')?.titleEn).toBe('Configuration management');
    expect(getControl('iso27001-2022', 'A.9.1')).toBeUndefined();
    // The same id string in another framework is another control, or none.
    expect(getControl('pssie-bj-2021', 'A.8.9')).toBeUndefined();
    expect(() => requireControl('pssie-bj-2021', 'ORG-99')).toThrow(UnknownControlError);
    expect(parseControlRef('pssie-bj-2021:SCC-02')).toEqual({ frameworkId: 'pssie-bj-2021', id: 'SCC-02' });
    expect(() => parseControlRef('pssie-bj-2021:SCC-99')).toThrow(UnknownControlError);
    expect(() => parseControlRef('SCC-02')).toThrow(RangeError);
  });
});

describe('ISO/IEC 27001:2022 Annex A', () => {
  const controls = listControls('iso27001-2022');

  it('has exactly 93 controls: 37 organizational, 8 people, 14 physical, 34 technological', () => {
    expect(controls).toHaveLength(93);
    expect(countBy(controls, (c) => c.group)).toEqual({ 'A.5': 37, 'A.6': 8, 'A.7': 14, 'A.8': 34 });
  });

  it('numbers each theme from 1 without gaps, in order', () => {
    for (const theme of ISO_THEMES) {
      const ids = controls.filter((c) => c.group === theme).map((c) => c.id);
      expect(ids).toEqual(ids.map((_, i) => `${theme}.${i + 1}`));
    }
  });

  it('names every theme and control in French and English, with a French guidance line', () => {
    const groups = listGroups('iso27001-2022');
    expect(groups.map((g) => [g.id, g.nameFr])).toEqual([
      ['A.5', 'Mesures organisationnelles'],
      ['A.6', 'Mesures liées aux personnes'],
      ['A.7', 'Mesures physiques'],
      ['A.8', 'Mesures technologiques'],
    ]);
    for (const c of controls) {
      expect(c.titleEn.length).toBeGreaterThan(0);
      expect(c.guidanceFr?.length ?? 0, c.id).toBeGreaterThan(20);
    }
  });
});

describe('PSSIE Bénin', () => {
  const rules = listControls('pssie-bj-2021');

  it('has 121 rules in the 18 families, each critical or normal', () => {
    expect(rules).toHaveLength(121);
    const families = countBy(rules, (r) => r.group);
    expect(Object.keys(families).sort()).toEqual([...PSSIE_FAMILIES].sort());
    expect(Object.keys(families)).toHaveLength(18);
    for (const r of rules) expect(['critical', 'normal']).toContain(r.level);
    const levels = countBy(rules, (r) => r.level);
    expect((levels.critical ?? 0) + (levels.normal ?? 0)).toBe(121);
  });

  it('gives each family a French name', () => {
    const groups = listGroups('pssie-bj-2021');
    expect(groups).toHaveLength(18);
    expect(groups.find((g) => g.id === 'SCC')?.nameFr).toMatch(/cloud/i);
    expect(groups.find((g) => g.id === 'PHY')?.nameFr).toMatch(/physique/i);
  });

  it('numbers each family from 01 without gaps', () => {
    for (const family of PSSIE_FAMILIES) {
      const ids = rules.filter((r) => r.group === family).map((r) => r.id);
      expect(ids).toEqual(ids.map((_, i) => `${family}-${String(i + 1).padStart(2, '0')}`));
    }
  });

  it('keeps the hosting-relevant rules the console relies on', () => {
    expect(getControl('pssie-bj-2021', 'SCC-02')?.titleFr).toMatch(/national/);
    expect(getControl('pssie-bj-2021', 'CONT-03')?.titleFr).toBe('Redondance');
    expect(getControl('pssie-bj-2021', 'PHY-09')?.level).toBe('critical');
    expect(getControl('pssie-bj-2021', 'INC-01')?.level).toBe('critical');
    expect(getControl('pssie-bj-2021', 'ADM-06')?.titleFr).toMatch(/Homologation/);
  });
});

describe('ANSI/TIA-942 Rating 3 checklist', () => {
  const items = listControls('tia942-r3');

  it('has at least 40 items spread over the four subsystems, ids unique and well formed', () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    const perSubsystem = countBy(items, (i) => i.group);
    for (const subsystem of TIA_SUBSYSTEMS) expect(perSubsystem[subsystem] ?? 0).toBeGreaterThanOrEqual(10);
    for (const item of items) expect(item.id).toMatch(new RegExp(`^TIA-${item.group}-\\d{2}$`));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('numbers each subsystem from 01 without gaps', () => {
    for (const subsystem of TIA_SUBSYSTEMS) {
      const ids = items.filter((i) => i.group === subsystem).map((i) => i.id);
      expect(ids).toEqual(ids.map((_, n) => `TIA-${subsystem}-${String(n + 1).padStart(2, '0')}`));
    }
  });

  it('gives every item French and English titles, an auditor check and a rating, mostly 3', () => {
    for (const item of items) {
      expect(item.titleEn.length).toBeGreaterThan(0);
      expect(item.descriptionFr.length, item.id).toBeGreaterThan(40);
      expect([1, 2, 3, 4]).toContain(item.rating);
    }
    const atThree = items.filter((i) => i.rating === 3).length;
    expect(atThree / items.length).toBeGreaterThan(0.5);
  });

  it('keeps the ids other modules reference, with their meaning', () => {
    expect(requireControl('tia942-r3', 'TIA-ELE-01').titleEn).toMatch(/A\/B dual power/);
    expect(requireControl('tia942-r3', 'TIA-ARC-01').titleEn).toMatch(/physical access control/i);
    expect(requireControl('tia942-r3', 'TIA-MEC-01').titleEn).toMatch(/N\+1 cooling/);
    expect(requireControl('tia942-r3', 'TIA-TEL-01').titleEn).toMatch(/two diverse entrance/i);
  });

  it('covers the Rating 3 themes of the brief', () => {
    const text = items.map((i) => `${i.titleEn} ${i.titleFr} ${i.descriptionFr}`).join('\n');
    for (const theme of [
      /N\+1 UPS/,
      /N\+1 standby generators/,
      /72 hours/,
      /Concurrently maintainable switchgear/,
      /at least two access providers/i,
      /backbone/i,
      /isolation valves/i,
      /leak detection/i,
      /CCTV/,
      /fire-rated separation/i,
      /early smoke detection/i,
      /fire suppression/i,
    ]) {
      expect(text).toMatch(theme);
    }
  });
});

describe('CIS Docker Benchmark v1.6.0', () => {
  const checks = listControls('cis-docker-1.6.0');

  it('holds 4.1 and the whole runtime section 5.1–5.32', () => {
    expect(checks.map((c) => c.id)).toEqual(['4.1', ...Array.from({ length: 32 }, (_, i) => `5.${i + 1}`)]);
    expect(listGroups('cis-docker-1.6.0').map((g) => [g.id, g.nameEn])).toEqual([
      ['4', 'Container Images and Build File'],
      ['5', 'Container Runtime'],
    ]);
  });

  it('keeps the assessment marker out of the title, as its own field', () => {
    for (const c of checks) {
      expect(c.titleEn).not.toMatch(/\((Automated|Manual)\)/);
      expect(['automated', 'manual']).toContain(c.assessment);
    }
    expect(requireControl('cis-docker-1.6.0', '5.5')).toMatchObject({
      titleEn: 'Ensure that privileged containers are not used',
      assessment: 'automated',
    });
    expect(requireControl('cis-docker-1.6.0', '5.30').assessment).toBe('manual');
  });
});
