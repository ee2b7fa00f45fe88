/**
 * Builds the monitoring artefacts: Grafana dashboards and provisioning, the Prometheus rule file
 * and a Prometheus configuration that scrapes the console.
 *
 *   tsx dashboards/build.ts [--out DIR] [--prometheus-url URL] [--console-target HOST:PORT]
 *
 * The functions return plain objects and strings so tests and the e2e use the very same output
 * without touching the disk; only `writeArtifacts` and `main` write.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { buildDashboards } from './index.js';
import { DEFAULT_SCRAPE_INTERVAL, grafanaDashboardProvider, grafanaDatasources, prometheusConfig } from './provisioning.js';
import { renderRuleFile } from './rules/render.js';

export { buildDashboards } from './index.js';
export { renderRuleFile, ruleFile } from './rules/render.js';

export const DEFAULT_OUT_DIR = 'build';
/*
 * Defaults are the platform stack's own (infra/constructs: prometheus, console, grafana), so the
 * files written without flags work as the platform runs them: services are reached by their
 * alias on the management network, and Grafana reads the build directory where the platform
 * host mounts it. A test cross-checks these against the synthesized platform stack.
 */
export const DEFAULT_PROMETHEUS_URL = 'http://prometheus:9090';
export const DEFAULT_CONSOLE_TARGET = 'console:8080';
/** Where Grafana sees `<out>/grafana` (the platform host serves it from /srv/dcops/build/grafana). */
export const GRAFANA_MOUNT_PATH = '/etc/dcops/grafana';
export const DEFAULT_GRAFANA_DASHBOARDS_PATH = `${GRAFANA_MOUNT_PATH}/dashboards`;
/** The file holding the console's DCOPS_METRICS_TOKEN, relative to prometheus.yml. */
export const DEFAULT_METRICS_TOKEN_FILE = 'metrics.token';

/** Output layout, relative to the output folder. */
export const paths = {
  dashboardsDir: 'grafana/dashboards',
  dashboard: (uid: string) => `grafana/dashboards/${uid}.json`,
  grafanaDatasources: 'grafana/provisioning/datasources/dcops.yml',
  grafanaDashboardProvider: 'grafana/provisioning/dashboards/dcops.yml',
  rules: 'prometheus/rules/dcops.rules.yml',
  prometheusConfig: 'prometheus/prometheus.yml',
} as const;

export interface BuildOptions {
  /** Output folder (default `build`), written by `main`; the content does not depend on it. */
  readonly outDir?: string;
  readonly prometheusUrl?: string;
  /** Dashboards folder as Grafana sees it (default: where the platform's Grafana mounts it). */
  readonly grafanaDashboardsPath?: string;
  readonly consoleTarget?: string;
  readonly runbookBaseUrl?: string;
  readonly metricsTokenFile?: string;
  readonly scrapeInterval?: string;
}

export interface Artifact {
  /** Relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

const yaml = (value: unknown): string => stringify(value, { lineWidth: 0 });

export function buildArtifacts(opts: BuildOptions = {}): Artifact[] {
  const scrapeInterval = opts.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
  const dashboards = [...buildDashboards()].map(([uid, d]) => ({ path: paths.dashboard(uid), content: `${JSON.stringify(d, null, 2)}\n` }));
  return [
    ...dashboards,
    {
      path: paths.grafanaDatasources,
      content: yaml(grafanaDatasources({ prometheusUrl: opts.prometheusUrl ?? DEFAULT_PROMETHEUS_URL, scrapeInterval })),
    },
    {
      path: paths.grafanaDashboardProvider,
      content: yaml(grafanaDashboardProvider({ dashboardsPath: opts.grafanaDashboardsPath ?? DEFAULT_GRAFANA_DASHBOARDS_PATH })),
    },
    { path: paths.rules, content: renderRuleFile({ runbookBaseUrl: opts.runbookBaseUrl }) },
    {
      path: paths.prometheusConfig,
      content: yaml(
        prometheusConfig({
          consoleTarget: opts.consoleTarget ?? DEFAULT_CONSOLE_TARGET,
          // Relative to prometheus.yml, which Prometheus resolves from the config file's folder.
          ruleFiles: ['rules/dcops.rules.yml'],
          scrapeInterval,
          // /metrics needs a token outside the demo: the scrape always sends one, read from this
          // file (beside prometheus.yml unless named), holding DCOPS_METRICS_TOKEN.
          metricsTokenFile: opts.metricsTokenFile ?? DEFAULT_METRICS_TOKEN_FILE,
        }),
      ),
    },
  ];
}

/** Writes the artefacts; stale dashboard JSON from earlier builds is removed first. */
export async function writeArtifacts(outDir: string, artifacts: readonly Artifact[]): Promise<string[]> {
  const dashboardsDir = join(outDir, paths.dashboardsDir);
  const previous = await readdir(dashboardsDir).catch(() => []);
  await Promise.all(previous.filter((f) => f.endsWith('.json')).map((f) => rm(join(dashboardsDir, f))));
  const written: string[] = [];
  for (const a of artifacts) {
    const file = join(outDir, a.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, a.content, 'utf8');
    written.push(file);
  }
  return written;
}

const USAGE = `usage: tsx dashboards/build.ts [options]
  --out DIR                      output folder (default ${DEFAULT_OUT_DIR})
  --prometheus-url URL           Prometheus URL for Grafana (env DCOPS_PROMETHEUS_URL, default ${DEFAULT_PROMETHEUS_URL})
  --grafana-dashboards-path DIR  dashboards folder as Grafana sees it (default ${DEFAULT_GRAFANA_DASHBOARDS_PATH})
  --console-target HOST:PORT     console scraped by Prometheus (env DCOPS_CONSOLE_TARGET, default ${DEFAULT_CONSOLE_TARGET})
  --metrics-token-file FILE      file holding the console's DCOPS_METRICS_TOKEN (default metrics.token beside prometheus.yml)
  --scrape-interval DURATION     Prometheus scrape interval (default ${DEFAULT_SCRAPE_INTERVAL})
  --runbook-base-url URL         base of runbook links in alerts`;

export function parseBuildArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BuildOptions & { help: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      out: { type: 'string' },
      'prometheus-url': { type: 'string' },
      'grafana-dashboards-path': { type: 'string' },
      'console-target': { type: 'string' },
      'metrics-token-file': { type: 'string' },
      'scrape-interval': { type: 'string' },
      'runbook-base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const orEnv = (v: string | undefined, name: string): string | undefined => v ?? (env[name] || undefined);
  return {
    help: values.help ?? false,
    outDir: values.out,
    prometheusUrl: orEnv(values['prometheus-url'], 'DCOPS_PROMETHEUS_URL'),
    grafanaDashboardsPath: values['grafana-dashboards-path'],
    consoleTarget: orEnv(values['console-target'], 'DCOPS_CONSOLE_TARGET'),
    metricsTokenFile: values['metrics-token-file'],
    scrapeInterval: values['scrape-interval'],
    runbookBaseUrl: values['runbook-base-url'],
  };
}

export async function main(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<number> {
  let opts: ReturnType<typeof parseBuildArgs>;
  try {
    opts = parseBuildArgs(argv, env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const outDir = resolve(opts.outDir ?? DEFAULT_OUT_DIR);
  const written = await writeArtifacts(outDir, buildArtifacts({ ...opts, outDir }));
  for (const file of written) process.stdout.write(`${file}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), process.env);
}
