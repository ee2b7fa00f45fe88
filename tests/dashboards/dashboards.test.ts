import { describe, expect, it } from 'vitest';
import { buildDashboards, DASHBOARD_UIDS } from '../../dashboards/index.js';
import { DASHBOARD_SCHEMA_VERSION, DATASOURCE_UID, datasourceRef, GRAFANA_VERSION } from '../../dashboards/grafana.js';
import { PLATFORM } from '../../console/services/tenancy/build-spec.js';
import { panelQueries, panelsOf, variableQueries } from '../../dashboards/queries.js';
import { knownSeries, lint, lintLabelValuesQuery } from './promql-lint.js';

const dashboards = buildDashboards();
const known = knownSeries();

const expectedVariables: Record<string, string[]> = {
  'dcops-hosting': ['datasource', 'ministry'],
  'dcops-capacity': ['datasource', 'ministry'],
  'dcops-certification': ['datasource', 'framework'],
  'dcops-console': ['datasource'],
  'dcops-facility': ['datasource'],
};

const expectedTitles: Record<string, string> = {
  'dcops-hosting': "Opérations d'hébergement",
  'dcops-capacity': 'Capacité de la tenance',
  'dcops-certification': 'Préparation à la certification',
  'dcops-console': 'Santé du service console',
  'dcops-facility': 'Installation',
};

describe('dashboards', () => {
  it('are written for the Grafana the platform runs, in its schema version', () => {
    expect(PLATFORM.images.grafana).toMatch(new RegExp(`/grafana:${GRAFANA_VERSION.replace(/\./g, '\\.')}@sha256:`));
    // Grafana 11.2 reads dashboards up to schema version 39.
    expect(DASHBOARD_SCHEMA_VERSION).toBe(39);
    for (const d of buildDashboards().values()) expect(d.schemaVersion).toBe(DASHBOARD_SCHEMA_VERSION);
  });

  it('builds the five dashboards with stable UIDs and French titles', () => {
    expect([...dashboards.keys()]).toEqual([...DASHBOARD_UIDS]);
    for (const [uid, d] of dashboards) {
      expect(d.uid).toBe(uid);
      expect(d.title).toBe(expectedTitles[uid]);
      expect(d.tags).toContain('dcops');
      expect(d.description?.length).toBeGreaterThan(20);
    }
  });

  it('serialises to JSON and rebuilds identically', () => {
    for (const [uid, d] of dashboards) {
      const json = JSON.stringify(d);
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(buildDashboards().get(uid))));
      expect(json).not.toContain('undefined');
    }
  });

  it('has the template variables each dashboard needs', () => {
    for (const [uid, d] of dashboards) {
      const vars = d.templating.list ?? [];
      expect(vars.map((v) => v.name)).toEqual(expectedVariables[uid]);
      const ds = vars.find((v) => v.name === 'datasource')!;
      expect(ds.type).toBe('datasource');
      expect(ds.query).toBe('prometheus');
      expect(ds.current?.value).toBe(DATASOURCE_UID);
      for (const v of vars.filter((x) => x.type === 'query')) {
        expect(v.datasource).toEqual(datasourceRef);
        expect(v.multi).toBe(true);
        expect(v.includeAll).toBe(true);
        expect(v.allValue).toBe('.*');
      }
    }
  });

  it('builds variable queries from catalogue metrics and labels', () => {
    const queries = [...dashboards.values()].flatMap(variableQueries);
    expect(queries.map((q) => q.query)).toEqual(
      expect.arrayContaining(['label_values(dcops_hosting_requests, ministry)', 'label_values(dcops_certification_readiness_ratio, framework)']),
    );
    for (const q of queries) expect(lintLabelValuesQuery(q.query, known), q.query).toEqual([]);
  });

  it('gives every panel a French title, an English description, a unit, thresholds and the datasource variable', () => {
    for (const d of dashboards.values()) {
      for (const p of panelsOf(d)) {
        const where = `${d.uid} / ${p.title}`;
        expect(p.title?.length, where).toBeGreaterThan(3);
        expect(p.description?.length, where).toBeGreaterThan(15);
        // Descriptions are English: no French-only characters; titles are French: not the description.
        expect(p.description, where).not.toMatch(/[éèêàçùôœ]/);
        expect(p.description, where).not.toBe(p.title);
        expect(p.datasource, where).toEqual(datasourceRef);
        expect(p.fieldConfig?.defaults.unit, where).toBeTruthy();
        expect(p.fieldConfig?.defaults.thresholds?.steps.length, where).toBeGreaterThan(0);
        expect(p.targets?.length, where).toBeGreaterThan(0);
      }
    }
  });

  it('gives panels unique ids and keeps them inside the 24-column grid', () => {
    for (const d of dashboards.values()) {
      const ids = (d.panels ?? []).map((p) => p.id);
      expect(new Set(ids).size, d.uid).toBe(ids.length);
      for (const p of d.panels ?? []) {
        const g = p.gridPos!;
        expect(g.x + g.w, `${d.uid} / ${p.title}`).toBeLessThanOrEqual(24);
      }
    }
  });

  it('queries only catalogue metrics, with labels those metrics carry (selectors, grouping, legends)', () => {
    const queries = [...dashboards.values()].flatMap(panelQueries);
    expect(queries.length).toBeGreaterThan(50);
    const problems = queries.flatMap((q) => lint(q.expr, known, q.legend).map((p) => `${q.dashboard} / ${q.panel}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the lint catches what it should', () => {
    expect(lint('sum(dcops_hosting_request{state="x"})', known)).toHaveLength(1);
    expect(lint('sum by (host) (dcops_hosting_requests)', known)).toHaveLength(1);
    expect(lint('dcops_hosting_requests{framework="x"}', known)).toHaveLength(1);
    expect(lint('rate(dcops_hosting_requests_bucket[5m])', known)).toHaveLength(1);
    expect(lint('dcops_hosting_requests', known, '{{host}}')).toHaveLength(1);
    expect(lint('histogram_quantile(0.9, sum by (le) (rate(dcops_http_request_duration_seconds_bucket{job="x"}[5m])))', known)).toEqual([]);
    expect(lint('time() - dcops_backup_last_success_timestamp_seconds offset 1d > 0', known)).toEqual([]);
    expect(lint('up{job="dcops-console"} == 0 or absent(up{job="dcops-console"})', known)).toEqual([]);
  });
});
