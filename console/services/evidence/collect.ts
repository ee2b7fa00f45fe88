import type { ServiceContext } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { collectAccessReview } from './collect-access-review.js';
import { collectBackups } from './collect-backups.js';
import { collectCapacity } from './collect-capacity.js';
import { collectChangeManagement } from './collect-change-management.js';
import { collectLogging } from './collect-logging.js';
import { collectNetworkSegregation } from './collect-network-segregation.js';
import { assertCollector, type Collected } from './filing.js';

/** Every collector of evidence from the console's own records, by source name. */
export const collectors = {
  'access-review': collectAccessReview,
  'change-management': collectChangeManagement,
  logging: collectLogging,
  capacity: collectCapacity,
  'network-segregation': collectNetworkSegregation,
  backups: collectBackups,
} as const satisfies Record<string, (args: { ctx: ServiceContext; store: EvidenceStore }) => Collected>;

export type CollectorSource = keyof typeof collectors;
export const collectorSources = Object.keys(collectors) as CollectorSource[];

/** Runs the given collectors (all by default), each in its own transaction, in a fixed order. */
export function collectEvidence({ ctx, store, input = {} }: { ctx: ServiceContext; store: EvidenceStore; input?: { sources?: readonly CollectorSource[] } }): Collected[] {
  assertCollector(ctx);
  const wanted = input.sources && input.sources.length > 0 ? new Set(input.sources) : null;
  return collectorSources.filter((s) => wanted === null || wanted.has(s)).map((s) => collectors[s]({ ctx, store }));
}
