/**
 * A small PromQL reader for tests: finds the series names and label names an expression uses
 * and checks them against the metric catalogue. Deliberately independent of dashboards/promql.ts
 * (it re-derives the known series from the catalogue), so a bug in the query helper cannot hide
 * behind itself.
 */
import { TARGET_LABELS, catalogue, runtimeMetrics } from '../../console/metrics/catalogue.js';
import { recordedSeries } from '../../dashboards/rules/recorded.js';

export interface KnownSeries {
  readonly type: 'counter' | 'gauge' | 'histogram';
  readonly labels: ReadonlySet<string>;
}

export function knownSeries(): ReadonlyMap<string, KnownSeries> {
  const out = new Map<string, KnownSeries>();
  for (const def of [...Object.values(catalogue), ...Object.values(runtimeMetrics)]) {
    out.set(def.name, { type: def.type, labels: new Set([...Object.keys(def.labels), ...TARGET_LABELS]) });
  }
  for (const def of Object.values(recordedSeries)) out.set(def.name, { type: 'gauge', labels: new Set(Object.keys(def.labels)) });
  // Written by Prometheus itself for every target.
  out.set('up', { type: 'gauge', labels: new Set(TARGET_LABELS) });
  return out;
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'offset', 'bool', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan', 'atan2']);
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;
/** Aggregation operators may put their `by`/`without` clause before the parenthesis. */
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile']);

type Token =
  | { kind: 'ident'; text: string }
  | { kind: 'var'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: string };

export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === '\\' && c !== '`' ? 2 : 1;
      tokens.push({ kind: 'string', text: expr.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '$') {
      const m = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/.exec(expr.slice(i));
      if (!m) throw new Error(`bad variable at ${i} in: ${expr}`);
      tokens.push({ kind: 'var', text: m[0] });
      i += m[0].length;
    } else if (/[0-9.]/.test(c)) {
      const m = /^[0-9.]+(?:e[+-]?[0-9]+)?(?:[smhdwy]+[0-9]*)*/i.exec(expr.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_:]/.test(c)) {
      const m = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(expr.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      const two = expr.slice(i, i + 2);
      const op = ['=~', '!~', '!=', '==', '>=', '<='].includes(two) ? two : c;
      tokens.push({ kind: 'punct', text: op });
      i += op.length;
    }
  }
  return tokens;
}

export interface ExprUse {
  /** Series names as written (with _bucket etc.). */
  readonly series: { readonly name: string; readonly matchers: readonly string[] }[];
  /** Labels from by/without/on/ignoring/group_left/group_right clauses. */
  readonly groupingLabels: readonly string[];
}

export function uses(expr: string): ExprUse {
  const t = tokenize(expr);
  const series: { name: string; matchers: string[] }[] = [];
  const groupingLabels: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    const next = t[i + 1];
    if (tok.kind === 'punct' && tok.text === '{') throw new Error(`selector without a metric name in: ${expr}`);
    if (tok.kind !== 'ident') continue;
    if (LABEL_LIST_KEYWORDS.has(tok.text)) {
      if (next?.text !== '(') continue; // group_left without labels
      let j = i + 2;
      for (; j < t.length && t[j]!.text !== ')'; j++) if (t[j]!.kind === 'ident') groupingLabels.push(t[j]!.text);
      i = j;
      continue;
    }
    if (KEYWORDS.has(tok.text.toLowerCase())) continue;
    if (next?.kind === 'punct' && next.text === '(') continue; // function or aggregation operator
    if (AGGREGATIONS.has(tok.text) && next?.kind === 'ident' && (next.text === 'by' || next.text === 'without')) continue;
    const matchers: string[] = [];
    if (next?.kind === 'punct' && next.text === '{') {
      let j = i + 2;
      for (; j < t.length && t[j]!.text !== '}'; j++) {
        const after = t[j + 1];
        if (t[j]!.kind === 'ident' && after?.kind === 'punct' && ['=', '!=', '=~', '!~'].includes(after.text)) matchers.push(t[j]!.text);
      }
      i = j;
    }
    series.push({ name: tok.text, matchers });
  }
  return { series, groupingLabels };
}

/** Problems with an expression: unknown series, labels the series does not carry. Empty means fine. */
export function lint(expr: string, known: ReadonlyMap<string, KnownSeries> = knownSeries(), legend?: string): string[] {
  const problems: string[] = [];
  const { series, groupingLabels } = uses(expr);
  if (series.length === 0) problems.push(`no series referenced: ${expr}`);
  const available = new Set<string>();
  for (const s of series) {
    const resolved = resolve(s.name, known);
    if (!resolved) {
      problems.push(`unknown series "${s.name}" in: ${expr}`);
      continue;
    }
    const labels = new Set(resolved.def.labels);
    if (resolved.suffix === '_bucket') labels.add('le');
    for (const l of labels) available.add(l);
    for (const l of s.matchers) if (!labels.has(l)) problems.push(`"${s.name}" has no label "${l}" in: ${expr}`);
  }
  for (const l of groupingLabels) if (!available.has(l)) problems.push(`grouping label "${l}" is on none of the series of: ${expr}`);
  for (const m of legend?.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g) ?? []) {
    if (!available.has(m[1]!)) problems.push(`legend label "${m[1]}" is on none of the series of: ${expr}`);
  }
  return problems;
}

function resolve(name: string, known: ReadonlyMap<string, KnownSeries>): { def: KnownSeries; suffix: string } | undefined {
  const direct = known.get(name);
  if (direct) return { def: direct, suffix: '' };
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const base = known.get(name.slice(0, -suffix.length));
    if (base?.type === 'histogram') return { def: base, suffix };
  }
  return undefined;
}

/** `label_values(metric, label)` → problems, as for a selector using that label. */
export function lintLabelValuesQuery(query: string, known: ReadonlyMap<string, KnownSeries> = knownSeries()): string[] {
  const m = /^label_values\(\s*([A-Za-z_:][A-Za-z0-9_:]*)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/.exec(query);
  if (!m) return [`not a label_values(metric, label) query: ${query}`];
  return lint(`${m[1]}{${m[2]}!=""}`, known);
}

/** Grafana variables replaced by values Prometheus accepts, to parse panel queries with promtool. */
export function withGrafanaDefaults(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '5m')
    .replaceAll('$__range', '1h')
    .replaceAll('$__interval', '1m')
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '.*');
}
