import { describe, expect, it } from 'vitest';
import {
  HOSTING_REQUEST_STATES,
  POLICY_SEVERITIES,
  POLICY_STATUSES,
  POWER_FEEDS,
  catalogue,
  labels,
  metricNames,
  runtimeMetrics,
  type MetricDef,
} from '../../console/metrics/catalogue.js';
import { requestStates } from '../../console/db/schema/hosting-requests.js';
import { ministryCodeSchema, powerFeedSchema, slugSchema } from '../../infra/spec.js';
import { FRAMEWORK_IDS } from '../../compliance/catalogs/index.js';
import { outcomeStatusSchema, severitySchema } from '../../compliance/rules/core/model.js';

const UNIT_SUFFIX: Record<MetricDef['unit'], RegExp | null> = {
  seconds: /_seconds(_total)?$/,
  timestamp_seconds: /_timestamp_seconds$/,
  bytes: /_bytes(_total)?$/,
  watts: /_watts$/,
  celsius: /_celsius$/,
  ratio: /_ratio$/,
  info: /_info$/,
  boolean: null,
  count: null,
  per_resource: null,
};

describe('metric catalogue', () => {
  const defs: MetricDef[] = Object.values(catalogue);

  it('keys each metric by its own name, with the dcops_ prefix', () => {
    for (const [key, def] of Object.entries(catalogue)) {
      expect(def.name).toBe(key);
      expect(key).toMatch(/^dcops_[a-z][a-z0-9_]*[a-z0-9]$/);
    }
    expect(metricNames).toEqual(Object.keys(catalogue));
  });

  it('follows Prometheus naming: _total only on counters, base units in names', () => {
    for (const def of defs) {
      expect(def.name.endsWith('_total'), def.name).toBe(def.type === 'counter');
      const suffix = UNIT_SUFFIX[def.unit];
      if (suffix) expect(def.name, `${def.name} (${def.unit})`).toMatch(suffix);
      // A unit suffix on a metric whose unit is something else would lie about the value.
      if (def.unit !== 'seconds' && def.unit !== 'timestamp_seconds') expect(def.name).not.toMatch(/_seconds(_total)?$/);
      if (def.unit !== 'bytes') expect(def.name).not.toMatch(/_bytes(_total)?$/);
      if (def.unit !== 'ratio') expect(def.name).not.toMatch(/_ratio$/);
      if (def.unit !== 'info') expect(def.name).not.toMatch(/_info$/);
      expect(def.name).not.toMatch(/_(milliseconds|ms|mb|gb|kb|percent)(_|$)/);
    }
  });

  it('has precise help and well-formed labels', () => {
    for (const def of [...defs, ...Object.values(runtimeMetrics)]) {
      expect(def.help.length, def.name).toBeGreaterThan(20);
      expect(def.help, def.name).toMatch(/\.$/);
      for (const label of Object.keys(def.labels)) {
        expect(label).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(['le', 'quantile', 'job', 'instance']).not.toContain(label);
      }
    }
  });

  it('gives histograms strictly increasing buckets', () => {
    for (const def of defs) {
      if (def.type !== 'histogram') continue;
      expect(def.buckets.length).toBeGreaterThan(3);
      for (let i = 1; i < def.buckets.length; i++) expect(def.buckets[i]!).toBeGreaterThan(def.buckets[i - 1]!);
    }
  });

  it('bounds every label: closed list or anchored pattern', () => {
    for (const [name, def] of Object.entries(labels)) {
      expect(def.description.length, name).toBeGreaterThan(10);
      if ('values' in def) expect(def.values.length).toBeGreaterThan(0);
      else {
        expect(def.pattern, name).toMatch(/^\^.*\$$/);
        expect(() => new RegExp(def.pattern)).not.toThrow();
      }
    }
  });

  describe('agrees with the other contracts', () => {
    it('hosting request states = the console database states', () => {
      expect([...HOSTING_REQUEST_STATES].sort()).toEqual([...requestStates].sort());
    });

    it('power feeds = infra spec power feeds', () => {
      expect([...POWER_FEEDS].sort()).toEqual([...powerFeedSchema.options].sort());
    });

    it('framework ids, rule severities and results = the compliance catalogs and rules', () => {
      const framework = new RegExp(labels.framework.pattern);
      for (const id of FRAMEWORK_IDS) expect(framework.test(id), id).toBe(true);
      expect([...POLICY_SEVERITIES].sort()).toEqual([...severitySchema.options].sort());
      // A suppressed result is a non-compliant one covered by a written exception.
      expect([...POLICY_STATUSES].sort()).toEqual([...outcomeStatusSchema.options, 'suppressed'].sort());
      expect(new RegExp(labels.rule.pattern).test('container-memory-limit')).toBe(true);
    });

    it('ministry, host and stack patterns accept what infra accepts', () => {
      const ministry = new RegExp(labels.ministry.pattern);
      for (const code of ['MEF', 'MND', 'ANIP', 'APDP', 'MAEP', 'M2', 'ABCDEFGHIJKL']) {
        expect(ministryCodeSchema.safeParse(code).success).toBe(true);
        expect(ministry.test(code), code).toBe(true);
      }
      for (const bad of ['mef', 'M', 'ABCDEFGHIJKLM', '1MEF', 'ME-F']) expect(ministry.test(bad), bad).toBe(false);
      const host = new RegExp(labels.host.pattern);
      for (const name of ['dc1-r01-h01', 'host-a', 'platform']) {
        expect(slugSchema.safeParse(name).success).toBe(true);
        expect(host.test(name), name).toBe(true);
      }
    });
  });
});
