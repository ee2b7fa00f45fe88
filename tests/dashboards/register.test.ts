import { Registry, register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { catalogue, metricNames } from '../../console/metrics/catalogue.js';
import { methodLabel, registerMetrics } from '../../console/metrics/register.js';
import { emptyDomainSnapshot, type DomainSnapshot } from '../../console/metrics/snapshot.js';
import { promtool, skipWithoutPromtool } from './promtool.js';

function sampleSnapshot(): DomainSnapshot {
  return {
    ...emptyDomainSnapshot(),
    ministries: [
      {
        ministry: 'MEF',
        quota: { vcpu: 16, memoryMb: 32_768, storageGb: 500, environments: 5 },
        allocated: { vcpu: 4, memoryMb: 8192, storageGb: 100, environments: 2 },
      },
    ],
    hostingRequests: [{ ministry: 'MEF', state: 'active', count: 2 }],
    hosts: [
      { host: 'dc1-r01-h01', powerFeed: 'A', schedulable: true, capacity: { vcpu: 32, memoryMb: 131_072, storageGb: 2000 }, allocated: { vcpu: 8, memoryMb: 16_384, storageGb: 100 } },
      { host: 'dc1-r01-h02', powerFeed: 'B', schedulable: true, capacity: { vcpu: 32, memoryMb: 131_072, storageGb: 2000 }, allocated: { vcpu: 2, memoryMb: 4096, storageGb: 0 } },
    ],
    frameworks: ['iso27001'],
    controls: [{ framework: 'iso27001', status: 'implemented', count: 40 }],
    readiness: [{ framework: 'iso27001', ratio: 0.43 }],
    evidence: [{ framework: 'iso27001', freshness: 'expiring', count: 3 }],
    findings: [{ framework: 'iso27001', grade: 'minor', count: 2 }],
    policyResults: [{ rule: 'cis-docker-5.5', severity: 'high', status: 'compliant', count: 3 }],
    exceptionsActive: 1,
    lastPolicyRunAt: new Date('2026-03-01T10:00:00Z'),
    stacks: [{ stack: 'platform', lastAppliedAt: new Date('2026-03-01T09:00:00Z'), driftDetected: false, provisioningRequests: 0 }],
    auditChain: { intact: true, verifiedAt: new Date('2026-03-01T08:00:00Z') },
    lastBackupAt: new Date('2026-03-01T02:00:00Z'),
  };
}

/** A registry with every catalogue metric carrying at least one sample. */
async function populated(): Promise<Registry> {
  const registry = new Registry();
  const metrics = registerMetrics(registry, { defaultMetrics: false, version: '0.1.0', collectDomain: sampleSnapshot });
  const labels = { route: '/api/hosting-requests/:id', method: methodLabel('get'), status: '200' } as const;
  metrics.http_requests_total.inc(labels);
  metrics.http_request_duration_seconds.observe(labels, 0.042);
  metrics.hosting_request_decision_lead_time_seconds.observe({ ministry: 'MEF' }, 2 * 86_400);
  metrics.hosting_request_provisioning_lead_time_seconds.observe({ ministry: 'MEF' }, 3 * 3600);
  metrics.apply_runs_total.inc({ stack: 'platform', outcome: 'succeeded' });
  return registry;
}

describe('registerMetrics', () => {
  it('registers every catalogue metric on the injected registry only', async () => {
    const before = globalRegistry.getMetricsAsArray().length;
    const registry = new Registry();
    registerMetrics(registry, { defaultMetrics: false });
    expect(registry.getMetricsAsArray().map((m) => m.name).sort()).toEqual([...metricNames].sort());
    expect(globalRegistry.getMetricsAsArray().length).toBe(before);
    // Two registries side by side (two app instances in one test run) do not collide.
    expect(() => registerMetrics(new Registry(), { defaultMetrics: false })).not.toThrow();
  });

  it('exports the help text and type of the catalogue', async () => {
    const json = await (await populated()).getMetricsAsJSON();
    for (const m of json) {
      const def = catalogue[m.name as keyof typeof catalogue];
      expect(m.help).toBe(def.help);
      expect(String(m.type)).toBe(def.type);
    }
  });

  it('reads the domain snapshot once per scrape and sets every domain gauge from it', async () => {
    let calls = 0;
    const registry = new Registry();
    registerMetrics(registry, {
      defaultMetrics: false,
      collectDomain: async () => {
        calls++;
        return sampleSnapshot();
      },
    });
    const text = await registry.metrics();
    expect(calls).toBe(1);
    expect(text).toContain('dcops_hosting_requests{ministry="MEF",state="active"} 2');
    expect(text).toContain('dcops_ministry_quota{ministry="MEF",resource="memory_bytes"} 34359738368');
    expect(text).toContain('dcops_power_feed_n1_headroom{power_feed="A",resource="vcpu"} -8');
    expect(text).toContain('dcops_backup_last_success_timestamp_seconds 1772330400');
    expect(text).toContain('dcops_domain_snapshot_success 1');
    // Known stacks get zeroed apply-run series, so the first failure shows up in increase().
    expect(text).toContain('dcops_apply_runs_total{stack="platform",outcome="failed"} 0');
    await registry.metrics();
    expect(calls).toBe(2);
  });

  it('accepts a synchronous collector', async () => {
    const registry = new Registry();
    registerMetrics(registry, { defaultMetrics: false, collectDomain: () => sampleSnapshot() });
    expect(await registry.metrics()).toContain('dcops_certification_readiness_ratio{framework="iso27001"} 0.43');
  });

  it('empties domain gauges, reports the failure and still answers when the snapshot fails', async () => {
    const errors: unknown[] = [];
    let fail = false;
    const registry = new Registry();
    registerMetrics(registry, {
      defaultMetrics: false,
      onCollectError: (e) => errors.push(e),
      collectDomain: () => {
        if (fail) throw new Error('database is locked');
        return sampleSnapshot();
      },
    });
    expect(await registry.metrics()).toContain('dcops_hosting_requests{');
    fail = true;
    const text = await registry.metrics();
    expect(text).not.toContain('dcops_hosting_requests{');
    expect(text).not.toMatch(/^dcops_(audit_chain_intact|backup_last_success_timestamp_seconds|exceptions_active) /m);
    expect(text).toContain('dcops_domain_snapshot_success 0');
    expect(text).toContain('dcops_build_info{version="unknown"} 1');
    expect(errors).toHaveLength(1);
  });

  it('treats an invalid snapshot (unbounded label value) as a failed one', async () => {
    const errors: unknown[] = [];
    const registry = new Registry();
    registerMetrics(registry, {
      defaultMetrics: false,
      onCollectError: (e) => errors.push(e),
      collectDomain: () => ({ ...sampleSnapshot(), hostingRequests: [{ ministry: 'user@example.org', state: 'active', count: 1 }] }),
    });
    const text = await registry.metrics();
    expect(text).not.toContain('user@example.org');
    expect(text).toContain('dcops_domain_snapshot_success 0');
    expect(errors).toHaveLength(1);
  });

  it('leaves domain gauges empty without a collector', async () => {
    const registry = new Registry();
    registerMetrics(registry, { defaultMetrics: false });
    const text = await registry.metrics();
    expect(text).toContain('# TYPE dcops_hosting_requests gauge');
    expect(text).not.toContain('dcops_hosting_requests{');
    // Label-less gauges too: a standing 0 would read as "audit chain broken" or "no backup ever".
    expect(text).not.toMatch(/^dcops_(audit_chain_intact|backup_last_success_timestamp_seconds|domain_snapshot_success) /m);
  });

  it('adds prom-client default metrics, unprefixed, unless turned off', async () => {
    const withDefaults = new Registry();
    registerMetrics(withDefaults);
    expect(withDefaults.getSingleMetric('process_cpu_seconds_total')).toBeDefined();
    const without = new Registry();
    registerMetrics(without, { defaultMetrics: false });
    expect(without.getSingleMetric('process_cpu_seconds_total')).toBeUndefined();
  });

  it('refuses a version that would not make a bounded label', () => {
    expect(() => registerMetrics(new Registry(), { defaultMetrics: false, version: 'v1 built by jane' })).toThrow(/version/);
  });

  it('keeps the method label bounded', () => {
    expect(methodLabel('post')).toBe('POST');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });

  it('times a request with the final labels', async () => {
    const registry = new Registry();
    const metrics = registerMetrics(registry, { defaultMetrics: false });
    const end = metrics.http_request_duration_seconds.startTimer();
    const seconds = end({ route: '/health', method: 'GET', status: '200' });
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(await registry.metrics()).toContain('dcops_http_request_duration_seconds_count{route="/health",method="GET",status="200"} 1');
  });

  it.skipIf(skipWithoutPromtool())('passes promtool check metrics', async () => {
    const text = await (await populated()).metrics();
    const r = promtool(['check', 'metrics'], { input: text });
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
    // The lint is real: a badly named metric is reported.
    const bad = promtool(['check', 'metrics'], { input: '# HELP dcops_x_total x\n# TYPE dcops_x_total gauge\ndcops_x_total 1\n' });
    expect(bad.status).not.toBe(0);
  });
});
