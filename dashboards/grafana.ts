/**
 * The small panel kit the four dashboards share, so they look and behave the same: one
 * Prometheus datasource variable, French titles with English descriptions, explicit units and
 * thresholds on every panel, stable panel ids.
 */
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  MappingType,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
  type Dashboard,
  type DynamicConfigValue,
  type ThresholdsConfig,
  type ValueMapping,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugePanelBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanelBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanelBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { m } from './promql.js';

/** Tag shared by every dcops dashboard; the dashboard links menu lists them by it. */
export const DASHBOARD_TAG = 'dcops';

export const DATASOURCE_VARIABLE = 'datasource';
/** The Prometheus datasource the provisioning files create; the variable selects it by default. */
export const DATASOURCE_UID = 'dcops-prometheus';
export const DATASOURCE_NAME = 'Prometheus dcops';
/** Panels resolve their datasource through the variable, so one dashboard serves any Prometheus. */
export const datasourceRef = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` } as const;

/** Grafana's rate window: at least four scrape intervals, whatever the zoom. */
export const RATE_WINDOW = '$__rate_interval';

export type Color = 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'text';

/** `[base colour, [from value, colour]...]`, in ascending order. */
export type Steps = readonly [Color, ...(readonly [number, Color])[]];

export const steps = {
  /** Neutral: the value is information, not a verdict. */
  neutral: ['blue'] as Steps,
  /** Any value above zero needs someone's attention. */
  zeroIsGood: ['green', [1, 'red']] as Steps,
  zeroIsGoodWarn: ['green', [1, 'orange']] as Steps,
} as const;

function thresholds(s: Steps): ThresholdsConfigBuilder {
  const [base, ...rest] = s;
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...rest.map(([value, color]) => ({ value, color }))]);
}

export interface Query {
  readonly expr: string;
  /** Legend, e.g. "{{ministry}}" or a fixed French label. */
  readonly legend?: string;
}

export interface PanelSpec {
  /** French. */
  readonly title: string;
  /** English. */
  readonly description: string;
  readonly queries: readonly Query[];
  /** Grafana unit id (use the SDK's `units` constants or `suffix:…`). */
  readonly unit: string;
  readonly thresholds: Steps;
  readonly min?: number;
  readonly max?: number;
  readonly decimals?: number;
  readonly mappings?: ValueMapping[];
  /** French names for series whose legend is a label value (e.g. a state), by that value. */
  readonly displayNames?: Readonly<Record<string, string>>;
  /** Grid width out of 24. */
  readonly width?: number;
  readonly height?: number;
}

function targets(queries: readonly Query[], instant: boolean, table = false): DataqueryBuilder[] {
  return queries.map((q, i) => {
    const b = new DataqueryBuilder()
      .expr(q.expr)
      .refId(String.fromCharCode(65 + i))
      .datasource(datasourceRef);
    if (q.legend !== undefined) b.legendFormat(q.legend);
    if (table) b.format(PromQueryFormat.Table);
    return instant ? b.instant() : b.range();
  });
}

interface CommonPanel<T> {
  title(t: string): T;
  description(d: string): T;
  datasource(d: { type: string; uid: string }): T;
  unit(u: string): T;
  thresholds(t: cog.Builder<ThresholdsConfig>): T;
  min(n: number): T;
  max(n: number): T;
  decimals(n: number): T;
  mappings(m: ValueMapping[]): T;
  span(w: number): T;
  height(h: number): T;
  overrideByName(name: string, properties: DynamicConfigValue[]): T;
}

function common<T extends CommonPanel<T>>(builder: T, spec: PanelSpec, width: number, height: number): T {
  builder
    .title(spec.title)
    .description(spec.description)
    .datasource(datasourceRef)
    .unit(spec.unit)
    .thresholds(thresholds(spec.thresholds))
    .span(spec.width ?? width)
    .height(spec.height ?? height);
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  if (spec.decimals !== undefined) builder.decimals(spec.decimals);
  if (spec.mappings) builder.mappings(spec.mappings);
  for (const [series, name] of Object.entries(spec.displayNames ?? {})) {
    builder.overrideByName(series, [{ id: 'displayName', value: name }]);
  }
  return builder;
}

const statText = { value: BigValueTextMode.Value, name: BigValueTextMode.Name, both: BigValueTextMode.ValueAndName } as const;

/** @param spec.text what the stat shows: the value (default), the series name only (info metrics), or both. */
export function statPanel(spec: PanelSpec & { readonly text?: keyof typeof statText }): StatPanelBuilder {
  return common(new StatPanelBuilder(), spec, 6, 4)
    .targets(targets(spec.queries, true))
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .graphMode(BigValueGraphMode.None)
    .colorMode(BigValueColorMode.Value)
    .textMode(statText[spec.text ?? 'value']);
}

export function timeseriesPanel(spec: PanelSpec): TimeseriesPanelBuilder {
  return common(new TimeseriesPanelBuilder(), spec, 12, 8)
    .targets(targets(spec.queries, false))
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom))
    .fillOpacity(10)
    .lineWidth(1);
}

export function barGaugePanel(spec: PanelSpec): BarGaugePanelBuilder {
  return common(new BarGaugePanelBuilder(), spec, 12, 8)
    .targets(targets(spec.queries, true))
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .displayMode(BarGaugeDisplayMode.Gradient)
    .orientation(VizOrientation.Horizontal)
    .showUnfilled(true);
}

export function tablePanel(spec: PanelSpec): TablePanelBuilder {
  return common(new TablePanelBuilder(), spec, 12, 8).targets(targets(spec.queries, true, true));
}

export const row = (title: string): RowBuilder => new RowBuilder(title);

/** 1 → "Oui"/green, 0 → "Non"/red, for 0/1 gauges. */
export function okMapping(ok: string, broken: string): ValueMapping[] {
  return [
    {
      type: MappingType.ValueToText,
      options: {
        '1': { text: ok, color: 'green', index: 0 },
        '0': { text: broken, color: 'red', index: 1 },
      },
    },
  ];
}

// --- Variables -------------------------------------------------------------------------------

export function datasourceVariable(): DatasourceVariableBuilder {
  return new DatasourceVariableBuilder(DATASOURCE_VARIABLE)
    .label('Source de données')
    .description('Prometheus data source that scrapes the dcops console.')
    .type('prometheus')
    .current({ text: DATASOURCE_NAME, value: DATASOURCE_UID, selected: true });
}

function labelVariable(name: string, label: string, description: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .description(description)
    .datasource(datasourceRef)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    // Regex matchers receive ".*" for "All" instead of a long alternation of every value.
    .allValue('.*')
    .current({ text: 'All', value: '$__all', selected: true });
}

export const ministryVariable = (): QueryVariableBuilder =>
  labelVariable('ministry', 'Ministère', 'Ministry or agency code.', m.dcops_hosting_requests.labelValues('ministry'));

export const frameworkVariable = (): QueryVariableBuilder =>
  labelVariable('framework', 'Référentiel', 'Certification framework.', m.dcops_certification_readiness_ratio.labelValues('framework'));

// --- Dashboard ---------------------------------------------------------------------------------

export interface DashboardSpec {
  readonly uid: string;
  /** French. */
  readonly title: string;
  /** English. */
  readonly description: string;
  readonly tags: readonly string[];
  readonly time?: { from: string; to: string };
}

export function dashboard(spec: DashboardSpec): DashboardBuilder {
  return new DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags([DASHBOARD_TAG, ...spec.tags])
    .timezone('browser')
    .refresh('1m')
    .time(spec.time ?? { from: 'now-24h', to: 'now' })
    .tooltip(DashboardCursorSync.Crosshair)
    // Provisioned from code: edits in the UI would be lost at the next deployment.
    .readonly()
    .link(
      new DashboardLinkBuilder('Tableaux dcops')
        .type(DashboardLinkType.Dashboards)
        .tags([DASHBOARD_TAG])
        .asDropdown(true)
        .includeVars(false)
        .keepTime(true),
    )
    .withVariable(datasourceVariable());
}

/**
 * The Grafana the platform runs (the `grafana` image of the platform stack, tag 11.2.0): the
 * dashboards are written in its JSON schema version, never a newer one it would have to migrate
 * or could misread. A test keeps this and the platform image in step.
 */
export const GRAFANA_VERSION = '11.2.0';
/** Dashboard JSON schema version of Grafana 11.2. */
export const DASHBOARD_SCHEMA_VERSION = 39;

/** Builds and gives every panel a stable id (its position), which links and alerts can rely on. */
export function finish(builder: DashboardBuilder): Dashboard {
  const built = builder.build();
  built.schemaVersion = DASHBOARD_SCHEMA_VERSION;
  let id = 1;
  for (const panel of built.panels ?? []) {
    panel.id = id++;
    if ('panels' in panel && Array.isArray(panel.panels)) for (const inner of panel.panels) inner.id = id++;
  }
  return built;
}
