/**
 * DomainSnapshot: every domain value the console exports as a gauge, read in one go at scrape
 * time (a handful of aggregate queries), then validated here before it reaches a label.
 *
 * The snapshot speaks the domain's units (vCPU cores, MiB, GiB, Dates); converting to
 * Prometheus base units (bytes, seconds since the epoch) is done once, in `samples.ts`, so
 * no SQL collector has to remember it. Validation keeps label values inside the catalogue's
 * bounded sets: a typo in a state or a raw id in a ministry column fails the snapshot instead
 * of creating series.
 */
import { z } from 'zod';
import {
  CONTROL_STATUSES,
  FACILITY_POWER_KINDS,
  FACILITY_READING_METRICS,
  PUE_CATEGORIES,
  RISK_LEVELS,
  RISK_STAGES,
  EVIDENCE_FRESHNESS,
  EVIDENCE_REVIEW_STATES,
  FINDING_GRADES,
  HOSTING_REQUEST_STATES,
  POLICY_SEVERITIES,
  POLICY_STATUSES,
  POWER_FEEDS,
  labels,
} from './catalogue.js';

const patterned = (def: { readonly pattern: string; readonly description: string }) =>
  z.string().regex(new RegExp(def.pattern), def.description);

const ministry = patterned(labels.ministry);
const host = patterned(labels.host);
const framework = patterned(labels.framework);
const rule = patterned(labels.rule);
const stack = patterned(labels.stack);
const component = patterned(labels.component);
const room = patterned(labels.room);

const count = z.number().int().nonnegative();
const amount = z.number().finite().nonnegative();

/** Resources in the console's own units: cores, MiB, GiB. */
const hostResourcesSchema = z.object({
  vcpu: amount,
  memoryMb: amount,
  storageGb: amount,
});

const ministryResourcesSchema = hostResourcesSchema.extend({
  environments: count,
});

export const domainSnapshotSchema = z.object({
  /**
   * Registered ministries: every hosting-request state is reported for each of them (0 when
   * none), so per-state panels and alerts see zeros instead of missing series.
   */
  ministries: z.array(
    z.object({
      ministry,
      quota: ministryResourcesSchema,
      /** Booked by the ministry's approved, provisioning and active environments. */
      allocated: ministryResourcesSchema,
    }),
  ),
  /** `count(*) … group by ministry, state`. */
  hostingRequests: z.array(z.object({ ministry, state: z.enum(HOSTING_REQUEST_STATES), count })),
  hosts: z.array(
    z.object({
      host,
      powerFeed: z.enum(POWER_FEEDS),
      /** A drained host keeps its bookings but offers no free capacity for re-placement. */
      schedulable: z.boolean(),
      capacity: hostResourcesSchema,
      /** Booked by placements. */
      allocated: hostResourcesSchema,
    }),
  ),
  /** Frameworks whose controls, evidence and findings are reported (zeros filled for each). */
  frameworks: z.array(framework),
  controls: z.array(z.object({ framework, status: z.enum(CONTROL_STATUSES), count })),
  readiness: z.array(z.object({ framework, ratio: z.number().min(0).max(1) })),
  evidence: z.array(z.object({ framework, freshness: z.enum(EVIDENCE_FRESHNESS), count })),
  findings: z.array(z.object({ framework, grade: z.enum(FINDING_GRADES), count })),
  /** Evidence items by review state (accepted in force, pending, expired). */
  evidenceReview: z.array(z.object({ framework, review: z.enum(EVIDENCE_REVIEW_STATES), count })).default([]),
  /** Corrective actions past their due date, by grade of their finding. */
  overdueActions: z.array(z.object({ grade: z.enum(FINDING_GRADES), count })).default([]),
  /** Risks of the register by stage and level, as the register derives them at read time. */
  risks: z.array(z.object({ stage: z.enum(RISK_STAGES), level: z.enum(RISK_LEVELS), count })).default([]),
  /** Latest policy run, `count(*) … group by rule, severity, status`. */
  policyResults: z.array(
    z.object({ rule, severity: z.enum(POLICY_SEVERITIES), status: z.enum(POLICY_STATUSES), count }),
  ),
  exceptionsActive: count,
  lastPolicyRunAt: z.date().nullable(),
  stacks: z.array(
    z.object({
      stack,
      /** End of the latest successful apply; null if never applied. */
      lastAppliedAt: z.date().nullable(),
      driftDetected: z.boolean(),
      provisioningRequests: count,
    }),
  ),
  /** Latest verification of the audit hash chain; null if never verified. */
  auditChain: z.object({ intact: z.boolean(), verifiedAt: z.date() }).nullable(),
  lastBackupAt: z.date().nullable(),
  facility: z.object({
    power: z.array(z.object({ component, kind: z.enum(FACILITY_POWER_KINDS), ratingW: amount.nullable(), measuredW: amount.nullable() })),
    inlet: z.array(z.object({ component, celsius: z.number().finite() })),
    readingAges: z.array(z.object({ component, metric: z.enum(FACILITY_READING_METRICS), seconds: z.number().finite() })),
    rooms: z.array(z.object({ room, capacityW: amount, heatW: amount, largestUnitW: amount })),
    pue: z.object({ category: z.enum(PUE_CATEGORIES), ratio: amount }).nullable(),
    singlePoints: count.nullable(),
  }),
  /**
   * Lead times of every decided and every activated request, read from the database at scrape
   * time, so the histograms survive restarts. Optional: a collector without it leaves the
   * histograms to what the process observed.
   */
  leadTimes: z
    .array(z.object({ ministry, decisionSeconds: z.array(z.number().min(0)), provisioningSeconds: z.array(z.number().min(0)) }))
    .optional(),
});

export type DomainSnapshot = z.input<typeof domainSnapshotSchema>;

/** What the console passes to `registerMetrics`: called once per scrape. */
export type CollectDomain = () => Promise<DomainSnapshot> | DomainSnapshot;

/** An empty installation: useful as a starting point for collectors and tests. */
export function emptyDomainSnapshot(): DomainSnapshot {
  return {
    ministries: [],
    hostingRequests: [],
    hosts: [],
    frameworks: [],
    controls: [],
    readiness: [],
    evidence: [],
    findings: [],
    policyResults: [],
    exceptionsActive: 0,
    lastPolicyRunAt: null,
    stacks: [],
    auditChain: null,
    lastBackupAt: null,
    facility: { power: [], inlet: [], readingAges: [], rooms: [], pue: null, singlePoints: null },
  };
}

