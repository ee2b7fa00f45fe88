/**
 * Who may import whom (docs/architecture.md). A rule broken here is a design decision to take
 * openly, not a convenience to slip in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/process.js';

function sourceFiles(dir: string): string[] {
  const abs = join(repoRoot, dir);
  const out: string[] = [];
  for (const name of readdirSync(abs)) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(join(dir, name)));
    else if (/\.tsx?$/.test(name)) out.push(join(dir, name));
  }
  return out;
}

interface Import {
  file: string;
  spec: string;
  /** Repository-relative target for project files, the package name otherwise. */
  target: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return specs.map((spec) => ({
    file,
    spec,
    target: spec.startsWith('.') ? relative(repoRoot, resolve(repoRoot, file, '..', spec)).replace(/\.js$/, '.ts') : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'),
  }));
}

const cdktfPackages = ['cdktf', 'constructs', '@cdktf/provider-docker'];
const areas = ['console', 'infra', 'compliance', 'dashboards', 'lib', 'facility'] as const;
const all = areas.flatMap((a) => sourceFiles(a).flatMap(importsOf));
const project = (i: Import) => i.spec.startsWith('.');
const under = (i: Import, dir: string) => i.file.startsWith(dir + '/');
const violations = (list: Import[]) => list.map((i) => `${i.file} → ${i.spec}`);

/** What console may use of infra: the contract, the site settings synth takes, and the pure functions around them. */
const infraPublic = ['infra/spec.ts', 'infra/options.ts', 'infra/placement.ts', 'infra/synth.ts', 'infra/plan-diff.ts', 'infra/terraform.ts'];

describe('import rules', () => {
  it('keeps every cdktf import inside infra/', () => {
    expect(violations(all.filter((i) => cdktfPackages.includes(i.target) && !under(i, 'infra')))).toEqual([]);
  });

  it('infra/ never imports console, compliance or dashboards', () => {
    expect(violations(all.filter((i) => under(i, 'infra') && project(i) && /^(console|compliance|dashboards)\//.test(i.target)))).toEqual([]);
  });

  it('compliance/ imports only itself, lib/ and zod', () => {
    const bad = all.filter((i) => under(i, 'compliance') && (project(i) ? !/^(compliance|lib)\//.test(i.target) : !['zod', 'node:crypto'].includes(i.target)));
    expect(violations(bad)).toEqual([]);
  });

  it('facility/ is pure: it imports only itself, lib/ and zod', () => {
    const bad = all.filter((i) => under(i, 'facility') && (project(i) ? !/^(facility|lib)\//.test(i.target) : i.target !== 'zod'));
    expect(violations(bad)).toEqual([]);
  });

  it('infra/ and compliance/ never import facility/ (the console joins them)', () => {
    expect(violations(all.filter((i) => (under(i, 'infra') || under(i, 'compliance')) && project(i) && i.target.startsWith('facility/')))).toEqual([]);
  });

  it('console/ uses only the public entry of facility/', () => {
    expect(violations(all.filter((i) => under(i, 'console') && project(i) && i.target.startsWith('facility/') && i.target !== 'facility/index.ts'))).toEqual([]);
  });

  it('the site settings read with the configuration load nothing but zod (no cdktf at start-up)', () => {
    expect(violations(all.filter((i) => i.file === 'infra/options.ts' && i.target !== 'zod'))).toEqual([]);
  });

  it('console/ uses only the public face of infra/ and compliance/, and never dashboards/', () => {
    const bad = all.filter(
      (i) =>
        under(i, 'console') &&
        project(i) &&
        ((i.target.startsWith('infra/') && !infraPublic.includes(i.target)) ||
          i.target.startsWith('dashboards/') ||
          (i.target.startsWith('compliance/') && i.target !== 'compliance/index.ts')),
    );
    expect(violations(bad)).toEqual([]);
  });

  it('dashboards/ reads only the metric catalogue and the compliance catalogues', () => {
    const bad = all.filter(
      (i) => under(i, 'dashboards') && project(i) && !/^(dashboards|lib)\//.test(i.target) && !i.target.startsWith('console/metrics/') && !i.target.startsWith('compliance/catalogs/'),
    );
    expect(violations(bad)).toEqual([]);
  });

  it('lib/ depends on no other part of the project', () => {
    expect(violations(all.filter((i) => under(i, 'lib') && project(i) && !i.target.startsWith('lib/')))).toEqual([]);
  });

  it('inside console, only services and the audit chain write; routes never touch the schema', () => {
    const bad = all.filter((i) => (under(i, 'console/routes') || under(i, 'console/views')) && project(i) && i.target.startsWith('console/db/'));
    expect(violations(bad)).toEqual([]);
  });
});
