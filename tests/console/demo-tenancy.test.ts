/**
 * The demo tenancy as the console produces it: synthesized, evaluated, and read for what the
 * isolation review looks at (databases off the edges, one classification per network, a process
 * limit on every container).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../console/clock.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { closeDatabase } from '../../console/db/open.js';
import { seedDemo } from '../../console/demo/seed.js';
import { buildTenancySpec } from '../../console/services/tenancy/build-spec.js';
import { synthTenancyToJson, type TerraformJson } from '../../infra/synth.js';
import { evaluatePolicy, type PolicyReport } from '../../compliance/index.js';

type Body = Record<string, unknown>;
const resources = (doc: TerraformJson, type: string): Record<string, Body> => ((doc['resource'] as Record<string, Record<string, Body>> | undefined)?.[type] ?? {});
const labels = (b: Body): Record<string, string> => Object.fromEntries(((b['labels'] ?? []) as { label: string; value: string }[]).map((l) => [l.label, l.value]));
const nets = (b: Body): string[] => ((b['networks_advanced'] ?? []) as { name: string }[]).map((n) => n.name);

describe('the demo tenancy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-demo-tenancy-'));
  let stacks: Map<string, TerraformJson>;
  let report: PolicyReport;

  beforeAll(async () => {
    const db = prepareDatabase(join(dir, 'dcops.db'));
    try {
      await seedDemo({ db, clock: manualClock(new Date('2026-11-01T09:00:00Z')), password: 'demo-password-123', scryptN: 1024 });
      stacks = synthTenancyToJson(buildTenancySpec(db));
      report = evaluatePolicy({ stacks, now: new Date('2026-11-01T09:00:00Z') });
    } finally {
      closeDatabase(db);
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('synthesizes with no blocking finding; what remains is what the demo’s approved exceptions cover', () => {
    expect(report.blockingFindings).toBe(0);
    const rest = report.results.filter((r) => r.status === 'non_compliant').map((r) => `${r.ruleId} ${r.address}`);
    expect(rest.filter((f) => !f.startsWith('network-swarm-scope ') && f !== 'container-restart-on-failure platform/docker_container.ingress')).toEqual([]);
  });

  it('gives every container a process limit, in a slice of its own scope', () => {
    for (const [stack, doc] of stacks) {
      for (const [name, body] of Object.entries(resources(doc, 'docker_container'))) {
        expect(Number(labels(body)['dcops.pids-limit']), `${stack}/${name}`).toBeGreaterThan(0);
        expect(String(body['cgroup_parent']), `${stack}/${name}`).toMatch(/^dcops-[a-z0-9]+-c[0-9a-f]{12}\.slice$/);
      }
    }
  });

  it('never puts two classifications or two ministries on one network, and keeps databases off the edges', () => {
    const members = new Map<string, Body[]>();
    for (const [stack, doc] of stacks) {
      for (const body of Object.values(resources(doc, 'docker_container'))) {
        for (const n of nets(body)) {
          const key = n.startsWith('${') ? `${stack}:${n}` : n;
          members.set(key, [...(members.get(key) ?? []), body]);
        }
      }
    }
    let edges = 0;
    for (const [net, bodies] of members) {
      const tenants = bodies.filter((b) => labels(b)['dcops.role'] === 'service');
      expect(new Set(tenants.map((b) => labels(b)['dcops.classification'])).size, net).toBeLessThanOrEqual(1);
      expect(new Set(tenants.map((b) => labels(b)['dcops.ministry'])).size, net).toBeLessThanOrEqual(1);
      if (net.startsWith('dcops-edge-')) {
        edges += 1;
        for (const b of tenants) {
          expect(labels(b)['dcops.kind'], net).not.toBe('postgresql');
          expect(labels(b)['dcops.expose-hostname'], net).toBeDefined();
        }
      }
    }
    expect(edges).toBeGreaterThan(5);
  });
});
