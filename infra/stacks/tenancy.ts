/**
 * The stacks of a tenancy: the platform stack first, then one stack per ministry in code order.
 * The spec must already be checked (`parseTenancySpec`).
 *
 * Stacks are described as plans that build themselves into a scope, so synthesis can build,
 * synthesize and drop one stack at a time (memory stays bounded by the largest stack, not the
 * whole site); `addTenancyStacks` builds them all into one app for inspection and tests.
 */
import type { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { TenancySpec } from '../spec.js';
import type { TenancyOptions } from '../options.js';
import { PLATFORM_STACK, ministryStackName } from '../naming.js';
import { PlatformStack, exposedMinistries } from './platform-stack.js';
import { MinistryStack } from './ministry-stack.js';

export interface StackPlan {
  readonly name: string;
  /**
   * The stack's exposed services join an edge network the platform stack creates, so the
   * platform stack must be applied first (recorded as a dependency in cdktf's manifest).
   */
  readonly dependsOnPlatform: boolean;
  build(scope: Construct): TerraformStack;
}

export function planTenancyStacks(spec: TenancySpec, options: TenancyOptions): StackPlan[] {
  const exposed = new Set(exposedMinistries(spec));
  const ministries = [...spec.ministries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [
    { name: PLATFORM_STACK, dependsOnPlatform: false, build: (scope) => new PlatformStack(scope, spec, options) },
    ...ministries.map(
      (m): StackPlan => ({
        name: ministryStackName(m.code),
        dependsOnPlatform: exposed.has(m.code),
        build: (scope) => new MinistryStack(scope, m, spec, options.dockerTlsDir),
      }),
    ),
  ];
}

export interface TenancyStacks {
  /** Platform first, then ministries by code: the order to apply additions in. */
  readonly all: readonly TerraformStack[];
}

/** Builds every stack into one app (for inspection and tests; synthesis goes stack by stack). */
export function addTenancyStacks(app: App, spec: TenancySpec, options: TenancyOptions): TenancyStacks {
  const plans = planTenancyStacks(spec, options);
  const all = plans.map((p) => p.build(app));
  const platform = all[0]!;
  plans.forEach((p, i) => {
    if (p.dependsOnPlatform) all[i]!.addDependency(platform);
  });
  return { all };
}
