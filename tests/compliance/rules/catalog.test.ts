import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { FRAMEWORK_IDS, getControl, type FrameworkId } from '../../../compliance/catalogs/index.js';
import * as ruleModules from '../../../compliance/rules/index.js';
import { allRules } from '../../../compliance/rules/index.js';
import { ruleMetaSchema } from '../../../compliance/rules/core/model.js';
import { getPack, packs } from '../../../compliance/packs/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('rule registry', () => {
  it('holds at least 25 rules with unique ids, sorted by id', () => {
    expect(allRules.length).toBeGreaterThanOrEqual(25);
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('registers every rule file of compliance/rules, one rule per file named after its id', () => {
    const dir = path.resolve(here, '../../../compliance/rules');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(files).toEqual(allRules.map((r) => r.id));
  });

  it('gives every rule valid metadata and at least one supported control', () => {
    for (const rule of allRules) {
      const { evaluate: _evaluate, ...meta } = rule;
      void _evaluate;
      expect(ruleMetaSchema.safeParse(meta).success, rule.id).toBe(true);
      const count = Object.values(rule.controls).reduce((n, ids) => n + (ids?.length ?? 0), 0);
      expect(count, rule.id).toBeGreaterThanOrEqual(1);
      expect(rule.controls['iso27001-2022']?.length ?? 0, `${rule.id} maps to ISO 27001`).toBeGreaterThanOrEqual(1);
    }
  });

  it('exports each rule under a name the packs and tests can import', () => {
    const exported = Object.values(ruleModules).filter((v): v is (typeof allRules)[number] => typeof v === 'object' && v !== null && 'evaluate' in v);
    expect(new Set(exported.map((r) => r.id))).toEqual(new Set(allRules.map((r) => r.id)));
  });
});

describe('control references', () => {
  it('uses only framework ids the catalogs know', () => {
    for (const rule of allRules) {
      for (const framework of Object.keys(rule.controls)) expect(FRAMEWORK_IDS as readonly string[], `${rule.id}: ${framework}`).toContain(framework);
    }
  });

  it('points only at controls that exist in the catalogs', () => {
    const missing: string[] = [];
    for (const rule of allRules) {
      for (const [framework, ids] of Object.entries(rule.controls)) {
        for (const id of ids ?? []) {
          if (getControl(framework as FrameworkId, id) === undefined) missing.push(`${rule.id} → ${framework}:${id}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('covers every CIS runtime check the brief lists as evaluable on a docker_container', () => {
    const evaluable = ['4.1', '5.4', '5.5', '5.6', '5.8', '5.10', '5.11', '5.12', '5.13', '5.14', '5.15', '5.16', '5.17', '5.18', '5.22', '5.26', '5.27', '5.30', '5.31', '5.32'];
    const covered = new Set(allRules.flatMap((r) => r.controls['cis-docker-1.6.0'] ?? []));
    expect(evaluable.filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('packs', () => {
  it('put every rule in exactly one pack and only registered rules in packs', () => {
    const registered = new Set(allRules);
    const seen = new Map<string, string>();
    for (const pack of packs) {
      for (const rule of pack.rules) {
        expect(registered.has(rule), `${pack.id}: ${rule.id}`).toBe(true);
        expect(seen.get(rule.id), `${rule.id} in two packs`).toBeUndefined();
        seen.set(rule.id, pack.id);
      }
    }
    expect([...seen.keys()].sort()).toEqual(allRules.map((r) => r.id));
  });

  it('are found by id', () => {
    expect(getPack('tenancy-isolation')?.rules.length).toBeGreaterThan(0);
    expect(getPack('nope')).toBeUndefined();
    expect(packs.map((p) => p.id)).toEqual(['cis-docker-runtime', 'tenancy-isolation', 'data-protection', 'supply-chain']);
  });
});

describe('fixtures', () => {
  it('give every rule its own numbered cases in a test file', () => {
    const sources = readdirSync(here)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(here, f), 'utf8'))
      .join('\n');
    const names = Object.entries(ruleModules)
      .filter(([, v]) => typeof v === 'object' && v !== null && 'evaluate' in v)
      .map(([name]) => name);
    expect(names.filter((name) => !sources.includes(`ruleCases(${name},`))).toEqual([]);
  });
});
