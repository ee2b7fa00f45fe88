/**
 * `npm run dashboards` without flags writes files the platform stack can use as it is: the
 * addresses are the services' aliases on the networks they share, the paths are where the
 * containers mount the build directory. Checked against the synthesized platform stack.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildArtifacts, paths } from '../../dashboards/build.js';
import { parseTenancyOptions } from '../../infra/options.js';
import { synthTenancyToJson } from '../../infra/synth.js';
import { smallSpec } from '../infra/fixtures.js';
import { resourcesOf, type Body } from '../infra/tf-json.js';

const platform = synthTenancyToJson(smallSpec()).get('platform')!;
const containers = resourcesOf(platform, 'docker_container');
const networks = resourcesOf(platform, 'docker_network');
const options = parseTenancyOptions();
const artifacts = new Map(buildArtifacts().map((a) => [a.path, a.content]));

/** Network name → aliases the container answers to on it. */
function aliases(body: Body): Map<string, string[]> {
  const byRef = new Map(Object.entries(networks).map(([id, n]) => [`\${docker_network.${id}.name}`, String(n['name'])]));
  return new Map(((body['networks_advanced'] ?? []) as { name: string; aliases?: string[] }[]).map((n) => [byRef.get(n.name) ?? n.name, n.aliases ?? []]));
}

/** The container answering to `host` on a network `from` also joins. */
function resolve(from: string, host: string): string | undefined {
  const shared = aliases(containers[from]!);
  return Object.keys(containers).find((name) => [...aliases(containers[name]!)].some(([net, names]) => shared.has(net) && names.includes(host)));
}

function bind(body: Body, target: string): { source: string; target: string } | undefined {
  return ((body['mounts'] ?? []) as { type: string; source: string; target: string }[]).find((m) => m.type === 'bind' && m.target === target);
}

function env(body: Body, name: string): string | undefined {
  return ((body['env'] ?? []) as string[]).find((e) => e.startsWith(`${name}=`))?.slice(name.length + 1);
}

describe('monitoring files written without flags fit the platform stack', () => {
  it("points Grafana's data source at Prometheus, by its alias on a network they share, on the port it serves", () => {
    const url = new URL(parse(artifacts.get(paths.grafanaDatasources)!).datasources[0].url as string);
    expect(resolve('grafana', url.hostname)).toBe('prometheus');
    expect((containers['prometheus']!['healthcheck'] as { test: string[] }).test.join(' ')).toContain(`127.0.0.1:${url.port}/`);
  });

  it('scrapes the console by its alias on a network Prometheus shares, on the port it listens on', () => {
    const [target] = parse(artifacts.get(paths.prometheusConfig)!).scrape_configs[0].static_configs[0].targets as string[];
    const [host, port] = target!.split(':');
    expect(resolve('prometheus', host!)).toBe('console');
    expect(env(containers['console']!, 'PORT')).toBe(port);
  });

  it('puts provisioning and dashboards where Grafana mounts the build directory', () => {
    const mount = bind(containers['grafana']!, '/etc/dcops/grafana')!;
    expect(mount.source).toBe(options.grafanaBuildHostPath);
    expect(env(containers['grafana']!, 'GF_PATHS_PROVISIONING')).toBe(`${mount.target}/provisioning`);
    // <out>/grafana is what the host serves at grafanaBuildHostPath.
    expect(paths.grafanaDatasources.startsWith('grafana/provisioning/')).toBe(true);
    expect(paths.grafanaDashboardProvider.startsWith('grafana/provisioning/')).toBe(true);
    const dashboards = parse(artifacts.get(paths.grafanaDashboardProvider)!).providers[0].options.path as string;
    expect(dashboards).toBe(`${mount.target}/${paths.dashboardsDir.slice('grafana/'.length)}`);
  });

  it("puts Prometheus's configuration and rules where Prometheus reads them", () => {
    const mount = bind(containers['prometheus']!, '/etc/prometheus')!;
    expect(mount.source).toBe(options.prometheusConfigHostPath);
    // The image reads /etc/prometheus/prometheus.yml by default; rule files resolve from there.
    expect(paths.prometheusConfig).toBe('prometheus/prometheus.yml');
    const rules = parse(artifacts.get(paths.prometheusConfig)!).rule_files as string[];
    for (const r of rules) expect(artifacts.has(`prometheus/${r}`), r).toBe(true);
  });
});
