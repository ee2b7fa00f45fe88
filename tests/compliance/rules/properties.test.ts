import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { evaluatePolicy } from '../../../compliance/evaluate.js';
import { allRules } from '../../../compliance/rules/index.js';
import { NOW, goodWorld, resourceBlock, worldWith, type World } from './fixtures.js';

/** Rebuilds every object with its keys in an order drawn from `order`. */
function permuteKeys(value: unknown, order: number[], depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeys(v, order, depth + 1));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const shift = order[depth % order.length]! % Math.max(1, keys.length);
    const rotated = [...keys.slice(shift), ...keys.slice(0, shift)];
    if (order[(depth + 1) % order.length]! % 2 === 1) rotated.reverse();
    const out: Record<string, unknown> = {};
    for (const key of rotated) out[key] = permuteKeys((value as Record<string, unknown>)[key], order, depth + 1);
    return out;
  }
  return value;
}

const ATTRIBUTES = [
  'privileged',
  'read_only',
  'memory',
  'cpus',
  'cpu_shares',
  'network_mode',
  'restart',
  'max_retry_count',
  'healthcheck',
  'user',
  'security_opts',
  'capabilities',
  'volumes',
  'mounts',
  'ports',
  'pid_mode',
  'ipc_mode',
  'userns_mode',
  'devices',
  'networks_advanced',
  'labels',
  'provider',
  'image',
  'publish_all_ports',
];

describe('policy properties', () => {
  it('gives the same report, hash included, whatever the key order of the input', () => {
    const reference = evaluatePolicy({ stacks: goodWorld(), now: NOW, detail: 'full' });
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), (order) => {
        const shuffled = permuteKeys(goodWorld(), order) as World;
        expect(evaluatePolicy({ stacks: shuffled, now: NOW, detail: 'full' }).sha256).toBe(reference.sha256);
      }),
      { numRuns: 40 },
    );
  });

  it('never throws and never skips a rule, whatever a container attribute holds', () => {
    const containerRules = allRules.filter((r) => r.appliesTo.includes('docker_container')).length;
    fc.assert(
      fc.property(fc.constantFrom(...ATTRIBUTES), fc.jsonValue(), (attribute, junk) => {
        const world = worldWith((w) => (resourceBlock(w, 'ministry-mnd', 'docker_container', 'api_0')[attribute] = junk));
        const report = evaluatePolicy({ stacks: world, now: NOW, detail: 'full' });
        const rows = report.results.filter((r) => r.address === 'ministry-mnd/docker_container.api_0');
        expect(rows).toHaveLength(containerRules);
        // A rule that threw would show up as a non-compliant "Évaluation impossible" row.
        expect(rows.filter((r) => r.message.startsWith('Évaluation impossible'))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
