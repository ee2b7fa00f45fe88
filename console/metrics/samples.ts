/**
 * From a validated DomainSnapshot to the exact series of every snapshot gauge.
 *
 * Pure, so the mapping (unit conversions, zero-filling, N+1 arithmetic) is tested without a
 * registry. The result type has one entry per snapshot metric of the catalogue: adding such a
 * metric without a mapping here fails the type check.
 */
import type { z } from 'zod';
import {
  CONTROL_STATUSES,
  EVIDENCE_FRESHNESS,
  EVIDENCE_REVIEW_STATES,
  FINDING_GRADES,
  HOSTING_REQUEST_STATES,
  HOST_RESOURCES,
  POLICY_STATUSES,
  RISK_LEVELS,
  RISK_STAGES,
  type LabelSet,
  type MetricName,
  type MetricNameOfSource,
} from './catalogue.js';
import type { domainSnapshotSchema } from './snapshot.js';

export type ValidDomainSnapshot = z.output<typeof domainSnapshotSchema>;

export interface Sample<M extends MetricName> {
  readonly labels: LabelSet<M>;
  readonly value: number;
}

export type SnapshotMetricName = MetricNameOfSource<'snapshot'>;
export type SnapshotSamples = { readonly [M in SnapshotMetricName]: readonly Sample<M>[] };

type HostResource = (typeof HOST_RESOURCES)[number];
type Amounts = Record<HostResource, number>;

// The console stores memory in MiB and storage in GiB (binary units, as Docker does).
const MIB = 1024 * 1024;
const GIB = 1024 * 1024 * 1024;

function toBaseUnits(r: { vcpu: number; memoryMb: number; storageGb: number }): Amounts {
  return { vcpu: r.vcpu, memory_bytes: r.memoryMb * MIB, storage_bytes: r.storageGb * GIB };
}

const epochSeconds = (d: Date | null): number => (d === null ? 0 : d.getTime() / 1000);

/**
 * One sample per distinct label set: every `seed` label set starts at 0 (so a state with no
 * request reads 0, not "no data"), then each row adds its count (duplicates are summed).
 */
function zeroFilled<T extends Readonly<Record<string, string>>>(
  seed: Iterable<T>,
  rows: Iterable<{ labels: T; count: number }>,
): { labels: T; value: number }[] {
  const out = new Map<string, { labels: T; value: number }>();
  const id = (l: T): string => JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const labels of seed) if (!out.has(id(labels))) out.set(id(labels), { labels, value: 0 });
  for (const { labels, count } of rows) {
    const hit = out.get(id(labels));
    if (hit) hit.value += count;
    else out.set(id(labels), { labels, value: count });
  }
  return [...out.values()];
}

function* cross<A, B, T>(as: Iterable<A>, bs: readonly B[], make: (a: A, b: B) => T): Generator<T> {
  for (const a of as) for (const b of bs) yield make(a, b);
}

export interface FeedCapacity {
  powerFeed: 'A' | 'B';
  free: Amounts;
  n1Headroom: Amounts;
}

/**
 * Free capacity per feed, and what stays free if the feed's worst host fails and its bookings
 * are re-placed on the feed's other schedulable hosts: min over hosts H of
 * (free on the others − booked on H). With every host schedulable this is
 * "feed free − capacity of the largest host".
 */
export function feedCapacity(hosts: ValidDomainSnapshot['hosts']): FeedCapacity[] {
  const feeds = [...new Set(hosts.map((h) => h.powerFeed))].sort();
  return feeds.map((powerFeed) => {
    const onFeed = hosts.map((h) => ({ h, cap: toBaseUnits(h.capacity), alloc: toBaseUnits(h.allocated) })).filter((x) => x.h.powerFeed === powerFeed);
    const free = {} as Amounts;
    const n1Headroom = {} as Amounts;
    for (const r of HOST_RESOURCES) {
      const freeOf = (x: (typeof onFeed)[number]): number => (x.h.schedulable ? x.cap[r] - x.alloc[r] : 0);
      const total = onFeed.reduce((sum, x) => sum + freeOf(x), 0);
      free[r] = total;
      n1Headroom[r] = Math.min(...onFeed.map((x) => total - freeOf(x) - x.alloc[r]));
    }
    return { powerFeed, free, n1Headroom };
  });
}

export function snapshotSamples(s: ValidDomainSnapshot): SnapshotSamples {
  const ministries = new Set([...s.ministries.map((m) => m.ministry), ...s.hostingRequests.map((r) => r.ministry)]);
  const frameworks = new Set([
    ...s.frameworks,
    ...s.controls.map((c) => c.framework),
    ...s.evidence.map((e) => e.framework),
    ...s.findings.map((f) => f.framework),
  ]);
  // A rule's severity comes from its pack; each (rule, severity) seen gets all four statuses.
  const rules = new Map(s.policyResults.map((p) => [`${p.rule} ${p.severity}`, { rule: p.rule, severity: p.severity }]));

  const ministryAmounts = (which: 'quota' | 'allocated'): Sample<'dcops_ministry_quota'>[] =>
    s.ministries.flatMap((m) => {
      const base = toBaseUnits(m[which]);
      return [
        { labels: { ministry: m.ministry, resource: 'vcpu' }, value: base.vcpu },
        { labels: { ministry: m.ministry, resource: 'memory_bytes' }, value: base.memory_bytes },
        { labels: { ministry: m.ministry, resource: 'storage_bytes' }, value: base.storage_bytes },
        { labels: { ministry: m.ministry, resource: 'environments' }, value: m[which].environments },
      ] as const;
    });

  const hostAmounts = (which: 'capacity' | 'allocated'): Sample<'dcops_host_capacity'>[] =>
    s.hosts.flatMap((h) => {
      const base = toBaseUnits(h[which]);
      return HOST_RESOURCES.map((resource) => ({
        labels: { host: h.host, power_feed: h.powerFeed, resource },
        value: base[resource],
      }));
    });

  const feeds = feedCapacity(s.hosts);
  const feedAmounts = (which: 'free' | 'n1Headroom'): Sample<'dcops_power_feed_free'>[] =>
    feeds.flatMap((f) => HOST_RESOURCES.map((resource) => ({ labels: { power_feed: f.powerFeed, resource }, value: f[which][resource] })));

  return {
    dcops_hosting_requests: zeroFilled(
      cross(ministries, HOSTING_REQUEST_STATES, (ministry, state) => ({ ministry, state })),
      s.hostingRequests.map((r) => ({ labels: { ministry: r.ministry, state: r.state }, count: r.count })),
    ),
    dcops_ministry_allocation: ministryAmounts('allocated'),
    dcops_ministry_quota: ministryAmounts('quota'),
    dcops_host_capacity: hostAmounts('capacity'),
    dcops_host_allocated: hostAmounts('allocated'),
    dcops_power_feed_free: feedAmounts('free'),
    dcops_power_feed_n1_headroom: feedAmounts('n1Headroom'),
    dcops_facility_power_watts: s.facility.power.flatMap((p) => (p.measuredW === null ? [] : [{ labels: { component: p.component, kind: p.kind }, value: p.measuredW }])),
    dcops_facility_power_rating_watts: s.facility.power.flatMap((p) => (p.ratingW === null ? [] : [{ labels: { component: p.component, kind: p.kind }, value: p.ratingW }])),
    dcops_facility_inlet_temperature_celsius: s.facility.inlet.map((r) => ({ labels: { component: r.component }, value: r.celsius })),
    dcops_facility_reading_age_seconds: s.facility.readingAges.map((r) => ({ labels: { component: r.component, metric: r.metric }, value: r.seconds })),
    dcops_facility_cooling_capacity_watts: s.facility.rooms.map((r) => ({ labels: { room: r.room }, value: r.capacityW })),
    dcops_facility_heat_load_watts: s.facility.rooms.map((r) => ({ labels: { room: r.room }, value: r.heatW })),
    dcops_facility_cooling_largest_unit_watts: s.facility.rooms.map((r) => ({ labels: { room: r.room }, value: r.largestUnitW })),
    dcops_facility_pue_ratio: s.facility.pue === null ? [] : [{ labels: { category: s.facility.pue.category }, value: s.facility.pue.ratio }],
    dcops_facility_single_points_of_failure: s.facility.singlePoints === null ? [] : [{ labels: {}, value: s.facility.singlePoints }],
    dcops_controls: zeroFilled(
      cross(frameworks, CONTROL_STATUSES, (framework, status) => ({ framework, status })),
      s.controls.map((c) => ({ labels: { framework: c.framework, status: c.status }, count: c.count })),
    ),
    dcops_certification_readiness_ratio: s.readiness.map((r) => ({ labels: { framework: r.framework }, value: r.ratio })),
    dcops_evidence_items: zeroFilled(
      cross(frameworks, EVIDENCE_FRESHNESS, (framework, freshness) => ({ framework, freshness })),
      s.evidence.map((e) => ({ labels: { framework: e.framework, freshness: e.freshness }, count: e.count })),
    ),
    dcops_evidence_review_items: zeroFilled(
      cross(frameworks, EVIDENCE_REVIEW_STATES, (framework, review) => ({ framework, review })),
      s.evidenceReview.map((e) => ({ labels: { framework: e.framework, review: e.review }, count: e.count })),
    ),
    dcops_corrective_actions_overdue: zeroFilled(
      FINDING_GRADES.map((grade) => ({ grade })),
      s.overdueActions.map((a) => ({ labels: { grade: a.grade }, count: a.count })),
    ),
    dcops_audit_findings_open: zeroFilled(
      cross(frameworks, FINDING_GRADES, (framework, grade) => ({ framework, grade })),
      s.findings.map((f) => ({ labels: { framework: f.framework, grade: f.grade }, count: f.count })),
    ),
    dcops_risks: zeroFilled(
      cross(RISK_STAGES, RISK_LEVELS, (stage, level) => ({ level, stage })),
      s.risks.map((r) => ({ labels: { level: r.level, stage: r.stage }, count: r.count })),
    ),
    dcops_policy_results: zeroFilled(
      cross(rules.values(), POLICY_STATUSES, (r, status) => ({ rule: r.rule, severity: r.severity, status })),
      s.policyResults.map((p) => ({ labels: { rule: p.rule, severity: p.severity, status: p.status }, count: p.count })),
    ),
    dcops_exceptions_active: [{ labels: {}, value: s.exceptionsActive }],
    dcops_policy_last_run_timestamp_seconds: [{ labels: {}, value: epochSeconds(s.lastPolicyRunAt) }],
    dcops_stack_last_applied_timestamp_seconds: s.stacks.map((t) => ({ labels: { stack: t.stack }, value: epochSeconds(t.lastAppliedAt) })),
    dcops_stack_provisioning_requests: s.stacks.map((t) => ({ labels: { stack: t.stack }, value: t.provisioningRequests })),
    dcops_stack_drift_detected: s.stacks.map((t) => ({ labels: { stack: t.stack }, value: t.driftDetected ? 1 : 0 })),
    dcops_audit_chain_intact: s.auditChain === null ? [] : [{ labels: {}, value: s.auditChain.intact ? 1 : 0 }],
    dcops_audit_chain_last_verification_timestamp_seconds: [
      { labels: {}, value: s.auditChain === null ? 0 : epochSeconds(s.auditChain.verifiedAt) },
    ],
    dcops_backup_last_success_timestamp_seconds: [{ labels: {}, value: epochSeconds(s.lastBackupAt) }],
  };
}
