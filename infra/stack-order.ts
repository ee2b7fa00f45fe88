/**
 * The order to apply a change that spans the platform stack and ministry stacks.
 *
 * Edge networks live in the platform stack and exposed services of ministry stacks join them by
 * name. A network must exist before a container joins it, and Docker refuses to remove a network
 * that still has containers. So: the platform stack's additions first, then the ministries,
 * then the platform stack's removals. When the platform stack both adds and removes, its first
 * apply is limited (`-target`) to what it adds, and a second, full apply removes the rest once
 * the ministries have left the networks being removed.
 *
 * Pure: the runs code (plan, apply) calls it with the per-stack diffs it already has.
 */
import { PLATFORM_STACK } from './naming.js';

export interface StackChange {
  readonly stack: string;
  /** Terraform addresses added, and destroyed, by the change (as `plan-diff.ts` reports them). */
  readonly add: readonly string[];
  readonly destroy: readonly string[];
  /** True when anything at all changes in the stack (including in-place changes). */
  readonly changed: boolean;
}

export interface ApplyStep {
  readonly stack: string;
  /** Only these addresses (`terraform apply -target=…`); absent: the whole stack. */
  readonly targets?: readonly string[];
  /** Why this step is where it is, for the operator reading the plan. */
  readonly reason: 'platform-creates-first' | 'ministry' | 'platform-destroys-last' | 'platform';
}

const EDGE_NETWORK = /^docker_network\.net-edge--/;

export function applyOrder(changes: readonly StackChange[]): ApplyStep[] {
  const platform = changes.find((c) => c.stack === PLATFORM_STACK && c.changed);
  const ministries = changes
    .filter((c) => c.stack !== PLATFORM_STACK && c.changed)
    .map((c) => c.stack)
    .sort();
  const ministrySteps: ApplyStep[] = ministries.map((stack) => ({ stack, reason: 'ministry' }));
  if (platform === undefined) return ministrySteps;
  if (ministries.length === 0) return [{ stack: PLATFORM_STACK, reason: 'platform' }];
  const removesEdges = platform.destroy.some((a) => EDGE_NETWORK.test(a));
  const adds = platform.add.length > 0;
  if (!removesEdges) return [{ stack: PLATFORM_STACK, reason: 'platform-creates-first' }, ...ministrySteps];
  if (!adds) return [...ministrySteps, { stack: PLATFORM_STACK, reason: 'platform-destroys-last' }];
  return [
    { stack: PLATFORM_STACK, targets: [...platform.add].sort(), reason: 'platform-creates-first' },
    ...ministrySteps,
    { stack: PLATFORM_STACK, reason: 'platform-destroys-last' },
  ];
}
