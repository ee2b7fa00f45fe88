/**
 * Reachability evaluation cost: the path rules (which build the container–network graph of the
 * whole tenancy once, then answer per container) over a ~100 000-resource tenancy, as a ratio
 * to the per-resource policy evaluation of the same tenancy (every other rule) in the same run.
 * Goal: within 2×.
 */

import { evaluatePolicy } from '../compliance/evaluate.js';
import { allRules } from '../compliance/rules/index.js';
import { generateStacks } from './policy.js';
import { bestOf, type BenchResult } from './types.js';

const TARGET_RESOURCES = 100_000;
const GOAL_RATIO = 2;

const isPathRule = (id: string): boolean => id.startsWith('path-') || id === 'network-single-tenant';

export async function run(): Promise<BenchResult[]> {
  const stacks = generateStacks(TARGET_RESOURCES);
  const now = new Date('2025-06-01T08:00:00Z');
  const pathRules = allRules.filter((r) => isPathRule(r.id));
  const resourceRules = allRules.filter((r) => !isPathRule(r.id));
  // Warm-up on a small tenancy so both figures measure steady-state code.
  const warm = generateStacks(5_000);
  evaluatePolicy({ stacks: warm, now, rules: pathRules });
  evaluatePolicy({ stacks: warm, now, rules: resourceRules });

  const perResource = bestOf(3, () => evaluatePolicy({ stacks, now, rules: resourceRules }));
  const reach = bestOf(3, () => evaluatePolicy({ stacks, now, rules: pathRules }));
  const ratio = reach.ms / perResource.ms;
  return [
    {
      id: 'compliance.reachability.evaluate.ms',
      title: 'Reachability (path rules, graph of the whole tenancy) vs per-resource policy evaluation',
      unit: 'ms',
      value: Math.round(reach.ms),
      baseline: { title: `per-resource rules (${resourceRules.length}) on the same tenancy`, value: Math.round(perResource.ms) },
      ratio: Number((perResource.ms / reach.ms).toFixed(3)),
      better: 'lower',
      goal: `within ${GOAL_RATIO}× the per-resource evaluation`,
      met: ratio <= GOAL_RATIO,
      notes:
        `${reach.value.resourceCount} resources, ${pathRules.length} path rules: ${reach.ms.toFixed(0)} ms; ` +
        `${resourceRules.length} per-resource rules: ${perResource.ms.toFixed(0)} ms (best of 3 each, inventory build included in both); ` +
        `reachability costs ${ratio.toFixed(2)}× the per-resource evaluation.`,
    },
  ];
}
