/**
 * Creates the catalogue's metrics on an injected prom-client registry (never the global one, so
 * tests and several app instances never share series) and returns typed handles for the
 * metrics console code updates itself.
 *
 * Domain gauges are not updated by business code: at each scrape the caller's `collectDomain`
 * is called once (shared by every gauge of that scrape), validated, and every snapshot gauge is
 * rewritten from it. A failed snapshot leaves those gauges empty — stale numbers would hide the
 * failure — and sets `dcops_domain_snapshot_success` to 0; the scrape itself still succeeds, so
 * `up` keeps meaning "the console answers".
 */
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';
import {
  APPLY_OUTCOMES,
  SIGN_IN_FAILURE_REASONS,
  SIGN_IN_LIMITS,
  HTTP_METHODS,
  catalogue,
  labels,
  metricNames,
  type Catalogue,
  type LabelSet,
  type MetricName,
  type MetricNameOfSource,
} from './catalogue.js';
import { snapshotSamples, type SnapshotMetricName, type SnapshotSamples, type ValidDomainSnapshot } from './samples.js';
import { domainSnapshotSchema, type CollectDomain } from './snapshot.js';

export interface RegisterOptions {
  /** Reads every domain value in one go; called once per scrape. Without it, domain gauges stay empty. */
  readonly collectDomain?: CollectDomain;
  /** Told about every failed snapshot (read or validation error); the scrape still succeeds. */
  readonly onCollectError?: (error: unknown) => void;
  /** Reported by `dcops_build_info`. */
  readonly version?: string;
  /** prom-client's default process and Node.js metrics (unprefixed, names owned by prom-client). Default true. */
  readonly defaultMetrics?: boolean;
}

export interface CounterHandle<M extends MetricName> {
  inc(labels: LabelSet<M>, value?: number): void;
}

export interface HistogramHandle<M extends MetricName> {
  observe(labels: LabelSet<M>, value: number): void;
  /** Starts timing now; the returned function records the elapsed seconds with the final labels. */
  startTimer(): (labels: LabelSet<M>) => number;
}

type InstrumentedName = MetricNameOfSource<'instrumented'>;
type HandleFor<M extends InstrumentedName> = Catalogue[M]['type'] extends 'histogram' ? HistogramHandle<M> : CounterHandle<M>;

/** Handles keyed by metric name without the `dcops_` prefix, e.g. `metrics.http_requests_total`. */
export type DcopsMetrics = {
  readonly [M in InstrumentedName as M extends `dcops_${infer Short}` ? Short : never]: HandleFor<M>;
};

export type HttpMethodLabel = (typeof HTTP_METHODS)[number];

/** Keeps the method label bounded: unknown or custom verbs become OTHER. */
export function methodLabel(method: string): HttpMethodLabel {
  const upper = method.toUpperCase();
  return HTTP_METHODS.find((m) => m === upper) ?? 'OTHER';
}

type SnapshotRead =
  | { readonly ok: true; readonly seconds: number; readonly snapshot: ValidDomainSnapshot; readonly samples: SnapshotSamples }
  | { readonly ok: false; readonly seconds: number };

/** One snapshot per scrape: every gauge collected concurrently awaits the same read. */
function sharedSnapshot(collect: CollectDomain, onError: ((e: unknown) => void) | undefined): () => Promise<SnapshotRead> {
  let inflight: Promise<SnapshotRead> | undefined;
  const read = async (): Promise<SnapshotRead> => {
    const start = performance.now();
    const seconds = (): number => (performance.now() - start) / 1000;
    try {
      const snapshot = domainSnapshotSchema.parse(await collect());
      return { ok: true, snapshot, samples: snapshotSamples(snapshot), seconds: seconds() };
    } catch (error) {
      onError?.(error);
      return { ok: false, seconds: seconds() };
    }
  };
  return () => {
    inflight ??= read().finally(() => {
      inflight = undefined;
    });
    return inflight;
  };
}

const NON_COUNTER_TOTALS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

const isSnapshotMetric = (name: MetricName): name is SnapshotMetricName => catalogue[name].source === 'snapshot';

export function registerMetrics(registry: Registry, opts: RegisterOptions = {}): DcopsMetrics {
  const snapshot = opts.collectDomain ? sharedSnapshot(opts.collectDomain, opts.onCollectError) : undefined;
  const handles: Record<string, CounterHandle<MetricName> | HistogramHandle<MetricName>> = {};

  for (const name of metricNames) {
    const def = catalogue[name];
    const base = { name, help: def.help, labelNames: Object.keys(def.labels), registers: [registry] };

    if (def.type === 'histogram') {
      const leadTime = name === 'dcops_hosting_request_decision_lead_time_seconds' ? 'decisionSeconds' : name === 'dcops_hosting_request_provisioning_lead_time_seconds' ? 'provisioningSeconds' : null;
      const histogram: Histogram = new Histogram({
        ...base,
        buckets: [...def.buckets],
        // Lead times are the records' own: rebuilt from the database at every scrape (they
        // survive restarts), with a series at zero for every known ministry from the start, so
        // the first decision is an increase that rate() and increase() see.
        ...(leadTime && snapshot
          ? {
              collect: async () => {
                const read = await snapshot();
                if (!read.ok || !read.snapshot.leadTimes) return;
                histogram.reset();
                for (const m of read.snapshot.ministries) histogram.zero({ ministry: m.ministry });
                for (const m of read.snapshot.leadTimes) for (const v of m[leadTime]) histogram.observe({ ministry: m.ministry }, v);
              },
            }
          : {}),
      });
      handles[shortName(name)] = {
        observe: (labels, value) => histogram.observe(labels, value),
        startTimer: () => {
          const end = histogram.startTimer();
          return (labels) => end(labels);
        },
      };
    } else if (def.type === 'counter') {
      const counter = new Counter({
        ...base,
        // Apply-run series of every known stack start at 0, so the first failure is an increase.
        collect:
          name === 'dcops_apply_runs_total' && snapshot
            ? async () => {
                const read = await snapshot();
                if (!read.ok) return;
                for (const { stack } of read.snapshot.stacks) for (const outcome of APPLY_OUTCOMES) counter.inc({ stack, outcome }, 0);
              }
            : undefined,
      });
      // Refusal counters start at 0 on every value, so the first refusal already is an increase.
      if (name === 'dcops_sign_in_failures_total') for (const reason of SIGN_IN_FAILURE_REASONS) counter.inc({ reason }, 0);
      if (name === 'dcops_sign_in_throttled_total') for (const limit of SIGN_IN_LIMITS) counter.inc({ limit }, 0);
      if (name === 'dcops_write_throttled_total') counter.inc(0);
      handles[shortName(name)] = { inc: (labels, value) => counter.inc(labels, value ?? 1) };
    } else if (isSnapshotMetric(name)) {
      const gauge: Gauge<string> = new Gauge({
        ...base,
        collect: async () => {
          const read = snapshot ? await snapshot() : undefined;
          clear(gauge);
          if (read?.ok) for (const s of read.samples[name]) gauge.set(s.labels, s.value);
        },
      });
    } else if (name === 'dcops_domain_snapshot_success' || name === 'dcops_domain_snapshot_duration_seconds') {
      const gauge: Gauge<string> = new Gauge({
        ...base,
        collect: async () => {
          const read = snapshot ? await snapshot() : undefined;
          clear(gauge);
          if (read) gauge.set(name === 'dcops_domain_snapshot_success' ? Number(read.ok) : read.seconds);
        },
      });
    } else if (name === 'dcops_build_info') {
      const version = opts.version ?? 'unknown';
      if (!new RegExp(labels.version.pattern).test(version)) throw new Error(`version "${version}" does not match ${labels.version.pattern}`);
      new Gauge({ ...base }).set({ version }, 1);
    } else {
      throw new Error(`metric ${name} has no registration rule`);
    }
  }

  if (opts.defaultMetrics ?? true) {
    collectDefaultMetrics({ register: registry });
    // prom-client names these gauges `_total`, which the exposition format keeps for counters
    // (`promtool check metrics` refuses them); nothing of ours reads them.
    for (const misnamed of NON_COUNTER_TOTALS) registry.removeSingleMetric(misnamed);
  }
  return handles as unknown as DcopsMetrics;
}

/**
 * Drops every sample. prom-client gives label-less gauges a standing 0, which here would read
 * as "audit chain broken" or "backup at the epoch" whenever the snapshot is missing.
 */
function clear(gauge: Gauge<string>): void {
  gauge.reset();
  gauge.remove({});
}

function shortName(name: string): string {
  return name.replace(/^dcops_/, '');
}
