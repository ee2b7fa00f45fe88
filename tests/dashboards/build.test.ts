import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildArtifacts, paths, parseBuildArgs, writeArtifacts } from '../../dashboards/build.js';
import { CONSOLE_SCRAPE_JOB } from '../../console/metrics/catalogue.js';

describe('build', () => {
  it('produces dashboards, Grafana provisioning and Prometheus files at the documented paths', () => {
    const artifacts = buildArtifacts({ outDir: '/srv/dcops/build', prometheusUrl: 'http://prometheus:9090', consoleTarget: 'console:8080' });
    expect(artifacts.map((a) => a.path)).toEqual([
      'grafana/dashboards/dcops-hosting.json',
      'grafana/dashboards/dcops-capacity.json',
      'grafana/dashboards/dcops-certification.json',
      'grafana/dashboards/dcops-console.json',
      'grafana/dashboards/dcops-facility.json',
      paths.grafanaDatasources,
      paths.grafanaDashboardProvider,
      'prometheus/rules/dcops.rules.yml',
      paths.prometheusConfig,
    ]);
    const byPath = new Map(artifacts.map((a) => [a.path, a.content]));
    const ds = parse(byPath.get(paths.grafanaDatasources)!);
    expect(ds.datasources[0]).toMatchObject({ type: 'prometheus', uid: 'dcops-prometheus', url: 'http://prometheus:9090' });
    const provider = parse(byPath.get(paths.grafanaDashboardProvider)!);
    expect(provider.providers[0].options.path).toBe('/etc/dcops/grafana/dashboards');
    const prom = parse(byPath.get(paths.prometheusConfig)!);
    expect(prom.scrape_configs[0]).toMatchObject({ job_name: CONSOLE_SCRAPE_JOB, static_configs: [{ targets: ['console:8080'] }] });
    // /metrics is closed outside the demo: the scrape carries the console's token.
    expect(prom.scrape_configs[0].authorization).toEqual({ type: 'Bearer', credentials_file: 'metrics.token' });
    expect(prom.rule_files).toEqual(['rules/dcops.rules.yml']);
  });

  it('writes the files and removes stale dashboards from an earlier build', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dcops-build-'));
    await writeArtifacts(out, buildArtifacts({ outDir: out }));
    writeFileSync(join(out, paths.dashboard('renamed-long-ago')), '{}');
    await writeArtifacts(out, buildArtifacts({ outDir: out }));
    expect(readdirSync(join(out, paths.dashboardsDir)).sort()).toEqual(['dcops-capacity.json', 'dcops-certification.json', 'dcops-console.json', 'dcops-facility.json', 'dcops-hosting.json']);
    expect(JSON.parse(readFileSync(join(out, paths.dashboard('dcops-hosting')), 'utf8')).uid).toBe('dcops-hosting');
  });

  it('reads options from arguments first, then the environment', () => {
    expect(parseBuildArgs(['--out', 'x', '--prometheus-url', 'http://a:9090'], { DCOPS_PROMETHEUS_URL: 'http://b:9090' })).toMatchObject({
      outDir: 'x',
      prometheusUrl: 'http://a:9090',
    });
    expect(parseBuildArgs([], { DCOPS_PROMETHEUS_URL: 'http://b:9090', DCOPS_CONSOLE_TARGET: 'c:1' })).toMatchObject({
      prometheusUrl: 'http://b:9090',
      consoleTarget: 'c:1',
    });
    expect(() => parseBuildArgs(['--bogus'], {})).toThrow();
  });
});
