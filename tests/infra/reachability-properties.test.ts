/**
 * Property: whatever tenancy the console can produce, the synthesized stacks hold no path from
 * the ingress to a stateful service, nor to a restricted or secret service other than a declared
 * endpoint its classification allows, nor between ministries, nor from a tenant to the
 * management plane. Breaking the output on purpose yields the finding naming the path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, getPack } from '../../compliance/index.js';
import { synthTenancyToJson } from '../../infra/synth.js';
import type { Classification, EnvironmentSpec, Exposure, ServiceKind, ServiceSpec, TenancySpec } from '../../infra/spec.js';
import { host, pinned } from './fixtures.js';

const NOW = new Date('2026-11-01T09:00:00Z');
const healthcheck = { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/healthz'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 };

const serviceArb = fc.record({
  kind: fc.constantFrom<ServiceKind>('web', 'api', 'worker', 'postgresql', 'redis'),
  wantsExposure: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 2 }),
});
const envArb = fc.record({
  classification: fc.constantFrom<Classification>('public', 'internal', 'restricted', 'secret'),
  exposure: fc.constantFrom<Exposure>('internal', 'government', 'public'),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 4 }),
});
const tenancyArb = fc.array(fc.array(envArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });

/** What the console would accept: sensitive data never public, stateful kinds and internal environments never exposed. */
function buildSpec(ministries: { classification: Classification; exposure: Exposure; services: { kind: ServiceKind; wantsExposure: boolean; replicas: number }[] }[][]): TenancySpec {
  const hosts = [host('h1', 'A'), host('h2', 'B')];
  return {
    version: 1,
    site: { name: 'property site', hosts },
    platform: { host: 'h1', domain: 'example.bj', images: { ingress: pinned('traefik'), console: pinned('dcops'), prometheus: pinned('prometheus'), grafana: pinned('grafana') } },
    ministries: ministries.map((envs, mi) => {
      const code = `M${mi + 1}X`;
      return {
        code,
        name: code,
        quotas: { vcpu: 100, memoryMb: 100_000, storageGb: 10_000, environments: 10 },
        environments: envs.map((e, ei): EnvironmentSpec => {
          const exposure = (e.classification === 'restricted' || e.classification === 'secret') && e.exposure === 'public' ? 'government' : e.exposure;
          const services: ServiceSpec[] = e.services.map((s, si) => {
            const stateful = s.kind === 'postgresql' || s.kind === 'redis';
            const port = s.kind === 'postgresql' ? 5432 : s.kind === 'redis' ? 6379 : 8080;
            const exposed = s.wantsExposure && !stateful && s.kind !== 'worker' && exposure !== 'internal';
            return {
              name: `s${si}`,
              kind: s.kind,
              image: pinned(s.kind),
              vcpu: 0.5,
              memoryMb: 256,
              storageGb: s.kind === 'postgresql' ? 10 : 0,
              ports: s.kind === 'worker' ? [] : [port],
              healthcheck,
              replicas: s.replicas,
              ...(exposed ? { expose: { port, hostname: `${code.toLowerCase()}-e${ei}-s${si}` } } : {}),
            };
          });
          return {
            requestId: `HR-${mi}-${ei}`,
            name: `e${ei}`,
            ministry: code,
            purpose: 'property',
            classification: e.classification,
            exposure,
            availability: 'standard',
            backup: { policy: 'daily', retentionDays: 7 },
            state: 'active',
            services,
            placements: services.flatMap((s) => Array.from({ length: s.replicas }, (_, r) => ({ service: s.name, replica: r, host: r % 2 === 0 ? 'h1' : 'h2' }))),
          };
        }),
      };
    }),
  };
}

const PATH_RULES = getPack('tenancy-isolation')!.rules.filter((r) => r.id.startsWith('path-') || r.id === 'network-single-tenant');

describe('reachability over generated tenancies', () => {
  it('never yields a forbidden path', () => {
    fc.assert(
      fc.property(tenancyArb, (ministries) => {
        const stacks = synthTenancyToJson(buildSpec(ministries));
        const report = evaluatePolicy({ stacks, now: NOW, rules: PATH_RULES });
        expect(report.results.filter((r) => r.status === 'non_compliant').map((r) => `${r.ruleId} ${r.message}`)).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 300_000);

  it('names the path when a database is moved onto its environment edge on purpose', () => {
    fc.assert(
      fc.property(tenancyArb, (ministries) => {
        // At least one exposed environment holding a database.
        ministries[0]![0] = {
          classification: 'secret',
          exposure: 'government',
          services: [
            { kind: 'api', wantsExposure: true, replicas: 1 },
            { kind: 'postgresql', wantsExposure: false, replicas: 1 },
          ],
        };
        const stacks = synthTenancyToJson(buildSpec(ministries));
        const doc = stacks.get('ministry-m1x') as { resource: { docker_container: Record<string, { networks_advanced: { name: string }[] }> } };
        doc.resource.docker_container['svc--e0--s1--r0']!.networks_advanced.push({ name: 'dcops-edge-m1x-e0' });
        const report = evaluatePolicy({ stacks, now: NOW, rules: PATH_RULES });
        const finding = report.results.find((r) => r.ruleId === 'path-ingress-no-stateful' && r.status === 'non_compliant');
        expect(finding?.message).toContain('ingress → dcops-edge-m1x-e0 → dcops-m1x--e0--s1--r0');
      }),
      { numRuns: 4 },
    );
  }, 300_000);
});
