import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json.js';
import { sha256Hex } from '../../lib/sha256.js';
import { synthTenancy, synthTenancyToJson, terraformJsonSha256 } from '../../infra/synth.js';
import { beninSpec } from './fixtures.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dcops-det-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('synthesis is deterministic', () => {
  const a = synthTenancy(beninSpec(), { outdir: join(tempDir(), 'first') });
  const b = synthTenancy(beninSpec(), { outdir: join(tempDir(), 'some', 'other', 'place') });

  it('writes byte-identical files into different output directories', () => {
    expect(a.stacks.map((s) => s.name)).toEqual(b.stacks.map((s) => s.name));
    for (let i = 0; i < a.stacks.length; i++) {
      expect(readFileSync(a.stacks[i]!.file, 'utf8')).toBe(readFileSync(b.stacks[i]!.file, 'utf8'));
    }
  });

  it('reports identical hashes, taken over the canonical JSON of each file', () => {
    expect(a.specSha256).toBe(b.specSha256);
    expect(a.stacks.map((s) => s.sha256)).toEqual(b.stacks.map((s) => s.sha256));
    for (const s of a.stacks) {
      expect(s.sha256).toBe(sha256Hex(canonicalJson(JSON.parse(readFileSync(s.file, 'utf8')))));
      expect(s.file).toMatch(new RegExp(`/stacks/${s.name}/cdk\\.tf\\.json$`));
    }
    expect(a.specSha256).toBe(sha256Hex(canonicalJson(beninSpec())));
  });

  it('gives the same documents in memory as on disk', () => {
    const mem = synthTenancyToJson(beninSpec());
    expect([...mem.keys()]).toEqual(a.stacks.map((s) => s.name));
    for (const s of a.stacks) {
      expect(mem.get(s.name)).toEqual(JSON.parse(readFileSync(s.file, 'utf8')));
      expect(terraformJsonSha256(mem.get(s.name)!)).toBe(s.sha256);
    }
  });

  it('writes the cdktf manifest so the cdktf CLI finds the stacks', () => {
    const dir = join(a.stacks[0]!.file, '..', '..', '..');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { synthesizedStackPath: string; dependencies: string[] }>;
    };
    expect(Object.keys(manifest.stacks).sort()).toEqual(a.stacks.map((s) => s.name).sort());
    for (const s of Object.values(manifest.stacks)) expect(existsSync(join(dir, s.synthesizedStackPath))).toBe(true);
    // Exposed ministries need the platform's edge networks first; MDGL exposes nothing.
    expect(manifest.stacks['ministry-mef']!.dependencies).toEqual(['platform']);
    expect(manifest.stacks['ministry-mdgl']!.dependencies).toEqual([]);
    expect(manifest.stacks['platform']!.dependencies).toEqual([]);
  });

  it('does not depend on the order ministries, environments and services are listed in', () => {
    const spec = beninSpec();
    const shuffled = {
      ...spec,
      ministries: [...spec.ministries].reverse().map((m) => ({
        ...m,
        environments: [...m.environments].reverse().map((e) => ({ ...e, services: [...e.services].reverse(), placements: [...e.placements].reverse() })),
      })),
    };
    const x = synthTenancyToJson(spec);
    const y = synthTenancyToJson(shuffled);
    for (const [name, doc] of x) expect(canonicalJson(y.get(name)), name).toBe(canonicalJson(doc));
  });

  it('counts resources per stack', () => {
    const total = a.stacks.reduce((n, s) => n + s.resourceCount, 0);
    const mem = synthTenancyToJson(beninSpec());
    let counted = 0;
    for (const doc of mem.values()) {
      const r = (doc['resource'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const byName of Object.values(r)) counted += Object.keys(byName).length;
    }
    expect(total).toBe(counted);
    expect(a.stacks.find((s) => s.name === 'ministry-mdgl')!.resourceCount).toBe(0);
  });
});
