/**
 * Typed PromQL building blocks over the metric catalogue.
 *
 * Every panel query and rule expression starts from `m.<series>`: the series name, its label
 * names and the values of closed label sets all come from the catalogue (or the recorded-series
 * list), so a renamed metric, a misspelt label or an unknown state is a type error.
 *
 *   m.dcops_hosting_requests.sum({ by: ['state'], where: { ministry: { re: '$ministry' } } })
 *   → sum by (state) (dcops_hosting_requests{ministry=~"$ministry"})
 */
import {
  CONSOLE_SCRAPE_JOB,
  type TARGET_LABELS,
  catalogue,
  runtimeMetrics,
  type LabelValueOf,
} from '../console/metrics/catalogue.js';
import { recordedSeries } from './rules/recorded.js';

type TargetLabel = (typeof TARGET_LABELS)[number];
const targetLabelDef = { description: 'Target label set by Prometheus.', pattern: '.*' } as const;

/** `up` is written by Prometheus for every scrape target. */
const targetSeries = {
  up: {
    name: 'up',
    type: 'gauge',
    help: '1 if the last scrape of the target succeeded, else 0 (set by Prometheus).',
    labels: { job: targetLabelDef, instance: targetLabelDef },
  },
} as const;

type Scraped = typeof catalogue & typeof runtimeMetrics;
type Defs = Scraped & typeof recordedSeries & typeof targetSeries;

export type SeriesName = keyof Defs;
type SeriesType = 'counter' | 'gauge' | 'histogram';

/** Label names usable on a series: its own, plus the target labels on scraped series. */
export type SeriesLabel<N extends SeriesName> = (keyof Defs[N]['labels'] & string) | (N extends keyof Scraped ? TargetLabel : never);

type SeriesLabelValue<N extends SeriesName, L extends string> = L extends keyof Defs[N]['labels']
  ? LabelValueOf<Defs[N]['labels'][L]>
  : string;

/** Equality is typed against closed value sets; regex matchers take any pattern (e.g. `$ministry`). */
export type Matcher<V extends string> = V | { readonly ne: V } | { readonly re: string } | { readonly nre: string };
export type Where<N extends SeriesName> = { readonly [L in SeriesLabel<N>]?: Matcher<SeriesLabelValue<N, L>> };

export type Aggregation = 'sum' | 'max' | 'min' | 'avg' | 'count';

interface AggregateOptions<N extends SeriesName> {
  readonly by?: readonly SeriesLabel<N>[];
  readonly where?: Where<N>;
}
interface RangeOptions<N extends SeriesName> extends AggregateOptions<N> {
  /** Range for rate/increase, e.g. "5m" in rules or "$__rate_interval" in panels. */
  readonly window: string;
}

interface SeriesBase<N extends SeriesName> {
  readonly name: N;
  /** `name{matchers}` */
  sel(where?: Where<N>): string;
  /** `name{matchers}[window]` */
  range(window: string, where?: Where<N>): string;
  by(...labels: readonly SeriesLabel<N>[]): string;
  without(...labels: readonly SeriesLabel<N>[]): string;
  on(...labels: readonly SeriesLabel<N>[]): string;
  ignoring(...labels: readonly SeriesLabel<N>[]): string;
  /** Grafana variable query: `label_values(name, label)`. */
  labelValues(label: SeriesLabel<N>): string;
}

export interface GaugeSeries<N extends SeriesName> extends SeriesBase<N> {
  agg(op: Aggregation, opts?: AggregateOptions<N>): string;
  sum(opts?: AggregateOptions<N>): string;
}

export interface CounterSeries<N extends SeriesName> extends SeriesBase<N> {
  /** `sum by (…) (rate(name{…}[window]))` */
  rate(opts: RangeOptions<N>): string;
  /** `sum by (…) (increase(name{…}[window]))` */
  increase(opts: RangeOptions<N>): string;
}

export interface HistogramSeries<N extends SeriesName> extends SeriesBase<N> {
  /** `name_bucket{…}`; `le` selects one bucket boundary (e.g. "0.5", "+Inf"). */
  bucket(where?: Where<N> & { readonly le?: Matcher<string> }): string;
  count(where?: Where<N>): string;
  /** `histogram_quantile(q, sum by (…, le) (rate(name_bucket{…}[window])))` */
  quantile(q: number, opts: RangeOptions<N>): string;
  /** Same over increase(), for rare events where a window of days is read. */
  quantileOverIncrease(q: number, opts: RangeOptions<N>): string;
  /** `sum by (…) (increase(name_count{…}[window]))`: number of observations. */
  observations(opts: RangeOptions<N>): string;
}

type Helper<N extends SeriesName> = Defs[N]['type'] extends 'counter'
  ? CounterSeries<N>
  : Defs[N]['type'] extends 'histogram'
    ? HistogramSeries<N>
    : GaugeSeries<N>;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

type AnyMatcher = string | { readonly ne: string } | { readonly re: string } | { readonly nre: string };

export function matchers(where: Readonly<Record<string, AnyMatcher | undefined>> | undefined): string {
  const parts: string[] = [];
  for (const [label, m] of Object.entries(where ?? {})) {
    if (m === undefined) continue;
    if (typeof m === 'string') parts.push(`${label}=${quote(m)}`);
    else if ('ne' in m) parts.push(`${label}!=${quote(m.ne)}`);
    else if ('re' in m) parts.push(`${label}=~${quote(m.re)}`);
    else parts.push(`${label}!~${quote(m.nre)}`);
  }
  return parts.length === 0 ? '' : `{${parts.join(', ')}}`;
}

const clause = (keyword: string, labels: readonly string[]): string => `${keyword} (${labels.join(', ')})`;

function aggregate(op: string, by: readonly string[] | undefined, inner: string): string {
  return by === undefined ? `${op}(${inner})` : `${op} ${clause('by', by)} (${inner})`;
}

function helper(name: string, type: SeriesType): object {
  type W = Readonly<Record<string, AnyMatcher | undefined>> | undefined;
  interface Opts {
    by?: readonly string[];
    where?: W;
    window?: string;
  }
  const sel = (where?: W, suffix = ''): string => `${name}${suffix}${matchers(where)}`;
  const base = {
    name,
    sel: (where?: W) => sel(where),
    range: (window: string, where?: W) => `${sel(where)}[${window}]`,
    by: (...labels: string[]) => clause('by', labels),
    without: (...labels: string[]) => clause('without', labels),
    on: (...labels: string[]) => clause('on', labels),
    ignoring: (...labels: string[]) => clause('ignoring', labels),
    labelValues: (label: string) => `label_values(${name}, ${label})`,
  };
  if (type === 'counter') {
    return {
      ...base,
      rate: (o: Opts) => aggregate('sum', o.by, `rate(${sel(o.where)}[${o.window}])`),
      increase: (o: Opts) => aggregate('sum', o.by, `increase(${sel(o.where)}[${o.window}])`),
    };
  }
  if (type === 'histogram') {
    const quantile = (fn: string) => (q: number, o: Opts) =>
      `histogram_quantile(${q}, sum ${clause('by', [...(o.by ?? []), 'le'])} (${fn}(${sel(o.where, '_bucket')}[${o.window}])))`;
    return {
      ...base,
      bucket: (where?: W) => sel(where, '_bucket'),
      count: (where?: W) => sel(where, '_count'),
      quantile: quantile('rate'),
      quantileOverIncrease: quantile('increase'),
      observations: (o: Opts) => aggregate('sum', o.by, `increase(${sel(o.where, '_count')}[${o.window}])`),
    };
  }
  return {
    ...base,
    agg: (op: Aggregation, o: Opts = {}) => aggregate(op, o.by, sel(o.where)),
    sum: (o: Opts = {}) => aggregate('sum', o.by, sel(o.where)),
  };
}

const allDefs: Readonly<Record<string, { readonly type: SeriesType }>> = {
  ...catalogue,
  ...runtimeMetrics,
  ...recordedSeries,
  ...targetSeries,
};

/** Typed query helpers for every known series: catalogue, prom-client defaults, recorded, `up`. */
export const m = Object.fromEntries(Object.entries(allDefs).map(([name, def]) => [name, helper(name, def.type)])) as {
  readonly [N in SeriesName]: Helper<N>;
};

/** `up` of the console scrape job, the one target series the alerts and dashboards read. */
export const consoleUp = (): string => m.up.sel({ job: CONSOLE_SCRAPE_JOB });
