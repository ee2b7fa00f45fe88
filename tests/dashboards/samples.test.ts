import { describe, expect, it } from 'vitest';
import { feedCapacity, snapshotSamples } from '../../console/metrics/samples.js';
import { domainSnapshotSchema, emptyDomainSnapshot, type DomainSnapshot } from '../../console/metrics/snapshot.js';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

type Host = DomainSnapshot['hosts'][number];
const host = (name: string, feed: 'A' | 'B', cap: number, used: number, schedulable = true): Host => ({
  host: name,
  powerFeed: feed,
  schedulable,
  capacity: { vcpu: cap, memoryMb: cap * 1024, storageGb: cap * 10 },
  allocated: { vcpu: used, memoryMb: used * 1024, storageGb: used * 10 },
});

const parse = (s: DomainSnapshot) => domainSnapshotSchema.parse(s);

describe('N+1 headroom per power feed', () => {
  it('is feed free capacity minus the largest host when all hosts are schedulable', () => {
    const [a] = feedCapacity(parse({ ...emptyDomainSnapshot(), hosts: [host('h1', 'A', 32, 8), host('h2', 'A', 16, 2)] }).hosts);
    expect(a!.free.vcpu).toBe(38);
    expect(a!.n1Headroom.vcpu).toBe(38 - 32);
    expect(a!.n1Headroom.memory_bytes).toBe((38 - 32) * 1024 * MIB);
    expect(a!.free.storage_bytes).toBe(380 * GIB);
  });

  it('goes negative when the other hosts cannot take the failed host bookings', () => {
    const [a] = feedCapacity(parse({ ...emptyDomainSnapshot(), hosts: [host('h1', 'A', 32, 30), host('h2', 'A', 16, 10)] }).hosts);
    // Losing h1: h2 has 6 free for 30 booked.
    expect(a!.n1Headroom.vcpu).toBe(6 - 30);
  });

  it('counts no free capacity on a drained host, but still its bookings if it fails', () => {
    const [a] = feedCapacity(parse({ ...emptyDomainSnapshot(), hosts: [host('h1', 'A', 32, 4), host('h2', 'A', 32, 4, false)] }).hosts);
    expect(a!.free.vcpu).toBe(28);
    // h1 failing: nothing schedulable is left for its 4 booked.
    expect(a!.n1Headroom.vcpu).toBe(-4);
  });

  it('reports each feed separately; a single host can never be N+1 once it holds anything', () => {
    const feeds = feedCapacity(parse({ ...emptyDomainSnapshot(), hosts: [host('h1', 'A', 16, 0), host('h2', 'B', 16, 1)] }).hosts);
    expect(feeds.map((f) => [f.powerFeed, f.n1Headroom.vcpu])).toEqual([
      ['A', 0],
      ['B', -1],
    ]);
  });
});

describe('snapshot samples', () => {
  const snapshot = parse({
    ...emptyDomainSnapshot(),
    ministries: [
      {
        ministry: 'MEF',
        quota: { vcpu: 16, memoryMb: 32 * 1024, storageGb: 500, environments: 5 },
        allocated: { vcpu: 4.5, memoryMb: 2048, storageGb: 20, environments: 2 },
      },
    ],
    hostingRequests: [
      { ministry: 'MEF', state: 'active', count: 2 },
      { ministry: 'MND', state: 'submitted', count: 1 },
    ],
    frameworks: ['iso27001', 'tia942'],
    controls: [{ framework: 'iso27001', status: 'implemented', count: 40 }],
    findings: [{ framework: 'iso27001', grade: 'major', count: 1 }],
    policyResults: [
      { rule: 'cis-docker-5.5', severity: 'high', status: 'non_compliant', count: 2 },
      { rule: 'cis-docker-5.5', severity: 'high', status: 'compliant', count: 7 },
    ],
    stacks: [{ stack: 'ministry-mef', lastAppliedAt: new Date('2026-01-02T03:04:05Z'), driftDetected: true, provisioningRequests: 1 }],
    auditChain: { intact: false, verifiedAt: new Date(1_700_000_000_000) },
  });
  const s = snapshotSamples(snapshot);

  it('reports every state for every ministry, zeros included', () => {
    expect(s.dcops_hosting_requests).toHaveLength(2 * 10);
    expect(s.dcops_hosting_requests).toContainEqual({ labels: { ministry: 'MEF', state: 'active' }, value: 2 });
    expect(s.dcops_hosting_requests).toContainEqual({ labels: { ministry: 'MND', state: 'active' }, value: 0 });
  });

  it('converts MiB and GiB to bytes and keeps vCPU as cores', () => {
    expect(s.dcops_ministry_allocation).toContainEqual({ labels: { ministry: 'MEF', resource: 'vcpu' }, value: 4.5 });
    expect(s.dcops_ministry_allocation).toContainEqual({ labels: { ministry: 'MEF', resource: 'memory_bytes' }, value: 2 * GIB });
    expect(s.dcops_ministry_quota).toContainEqual({ labels: { ministry: 'MEF', resource: 'storage_bytes' }, value: 500 * GIB });
    expect(s.dcops_ministry_quota).toContainEqual({ labels: { ministry: 'MEF', resource: 'environments' }, value: 5 });
  });

  it('zero-fills controls, evidence and findings per framework, and policy statuses per rule', () => {
    expect(s.dcops_controls).toHaveLength(2 * 5);
    expect(s.dcops_evidence_items).toContainEqual({ labels: { framework: 'tia942', freshness: 'expired' }, value: 0 });
    expect(s.dcops_audit_findings_open).toContainEqual({ labels: { framework: 'iso27001', grade: 'major' }, value: 1 });
    expect(s.dcops_policy_results).toHaveLength(4);
    expect(s.dcops_policy_results).toContainEqual({ labels: { rule: 'cis-docker-5.5', severity: 'high', status: 'suppressed' }, value: 0 });
  });

  it('turns dates into epoch seconds, never-happened into 0, booleans into 0/1', () => {
    expect(s.dcops_stack_last_applied_timestamp_seconds).toEqual([
      { labels: { stack: 'ministry-mef' }, value: Date.parse('2026-01-02T03:04:05Z') / 1000 },
    ]);
    expect(s.dcops_stack_drift_detected[0]!.value).toBe(1);
    expect(s.dcops_audit_chain_intact).toEqual([{ labels: {}, value: 0 }]);
    expect(s.dcops_audit_chain_last_verification_timestamp_seconds[0]!.value).toBe(1_700_000_000);
    expect(s.dcops_backup_last_success_timestamp_seconds[0]!.value).toBe(0);
    expect(s.dcops_policy_last_run_timestamp_seconds[0]!.value).toBe(0);
  });

  it('leaves the audit chain status absent until a first verification', () => {
    expect(snapshotSamples(parse(emptyDomainSnapshot())).dcops_audit_chain_intact).toEqual([]);
  });
});

describe('snapshot validation keeps label values bounded', () => {
  const bad: [string, DomainSnapshot][] = [
    ['a raw id as ministry', { ...emptyDomainSnapshot(), hostingRequests: [{ ministry: '0b7c9a1e-uuid', state: 'active', count: 1 }] }],
    ['an unknown state', { ...emptyDomainSnapshot(), hostingRequests: [{ ministry: 'MEF', state: 'pending' as 'active', count: 1 }] }],
    ['a readiness above 1', { ...emptyDomainSnapshot(), readiness: [{ framework: 'iso27001', ratio: 1.2 }] }],
    ['a negative count', { ...emptyDomainSnapshot(), exceptionsActive: -1 }],
    ['a stack name with spaces', { ...emptyDomainSnapshot(), stacks: [{ stack: 'Ministry MEF', lastAppliedAt: null, driftDetected: false, provisioningRequests: 0 }] }],
  ];
  it.each(bad)('rejects %s', (_, snapshot) => {
    expect(domainSnapshotSchema.safeParse(snapshot).success).toBe(false);
  });
});
