/**
 * Provisioning files: Grafana's datasource and dashboard provider, and a Prometheus
 * configuration that scrapes the console and loads the generated rules.
 */
import { CONSOLE_SCRAPE_JOB } from '../console/metrics/catalogue.js';
import { DASHBOARD_TAG, DATASOURCE_NAME, DATASOURCE_UID } from './grafana.js';

export interface GrafanaDatasourceOptions {
  /** Prometheus URL as Grafana's server reaches it. */
  readonly prometheusUrl: string;
  /** Prometheus scrape interval, so Grafana's $__rate_interval covers four scrapes. */
  readonly scrapeInterval?: string;
}

export function grafanaDatasources(opts: GrafanaDatasourceOptions): object {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: DATASOURCE_NAME,
        uid: DATASOURCE_UID,
        type: 'prometheus',
        access: 'proxy',
        url: opts.prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', timeInterval: opts.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL },
      },
    ],
  };
}

/** @param opts.dashboardsPath folder holding the dashboard JSON files, as Grafana's server sees it. */
export function grafanaDashboardProvider(opts: { readonly dashboardsPath: string }): object {
  return {
    apiVersion: 1,
    providers: [
      {
        name: DASHBOARD_TAG,
        orgId: 1,
        folder: 'Centre de données national (dcops)',
        folderUid: DASHBOARD_TAG,
        type: 'file',
        // Dashboards come from code: UI edits and deletions would be undone at the next deployment.
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: opts.dashboardsPath, foldersFromFilesStructure: false },
      },
    ],
  };
}

export const DEFAULT_SCRAPE_INTERVAL = '15s';

export interface PrometheusConfigOptions {
  /** host:port of the console's HTTP server. */
  readonly consoleTarget: string;
  /** Rule files, relative to the configuration file. */
  readonly ruleFiles: readonly string[];
  readonly scrapeInterval?: string;
  /** File holding the bearer token when the console protects /metrics (DCOPS_METRICS_TOKEN). */
  readonly metricsTokenFile?: string;
}

export function prometheusConfig(opts: PrometheusConfigOptions): object {
  const interval = opts.scrapeInterval ?? DEFAULT_SCRAPE_INTERVAL;
  return {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: [...opts.ruleFiles],
    scrape_configs: [
      {
        job_name: CONSOLE_SCRAPE_JOB,
        metrics_path: '/metrics',
        ...(opts.metricsTokenFile ? { authorization: { type: 'Bearer', credentials_file: opts.metricsTokenFile } } : {}),
        static_configs: [{ targets: [opts.consoleTarget] }],
      },
    ],
  };
}
