/**
 * Every PromQL query a built dashboard holds (panel targets and variable queries), for tests
 * and for the e2e run that executes them against a real Prometheus.
 */
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

export interface PanelQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
  readonly legend?: string;
  readonly instant: boolean;
}

export interface VariableQuery {
  readonly dashboard: string;
  readonly variable: string;
  readonly query: string;
}

const isRow = (p: Panel | RowPanel): p is RowPanel => p.type === 'row';

export function panelsOf(d: Dashboard): Panel[] {
  return (d.panels ?? []).flatMap((p) => (isRow(p) ? p.panels : [p]));
}

/** A panel target's fields, read without trusting its declared type (targets are open-ended). */
function targetFields(t: unknown): { expr?: unknown; legendFormat?: unknown; refId?: unknown; instant?: unknown } {
  return typeof t === 'object' && t !== null ? t : {};
}

export function panelQueries(d: Dashboard): PanelQuery[] {
  return panelsOf(d).flatMap((p) =>
    (p.targets ?? []).map((t) => {
      const f = targetFields(t);
      if (typeof f.expr !== 'string') throw new Error(`${d.uid}: panel "${p.title}" has a target without a PromQL expression`);
      return {
        dashboard: d.uid ?? '',
        panel: p.title ?? '',
        refId: typeof f.refId === 'string' ? f.refId : '',
        expr: f.expr,
        ...(typeof f.legendFormat === 'string' ? { legend: f.legendFormat } : {}),
        instant: f.instant === true,
      };
    }),
  );
}

export function variableQueries(d: Dashboard): VariableQuery[] {
  return (d.templating.list ?? [])
    .filter((v) => v.type === 'query')
    .map((v) => ({ dashboard: d.uid ?? '', variable: v.name, query: typeof v.query === 'string' ? v.query : JSON.stringify(v.query) }));
}
