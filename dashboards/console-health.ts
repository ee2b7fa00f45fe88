/**
 * « Santé du service console »: is the console up, how much it serves, how often it fails,
 * how fast it answers, and whether its domain metrics are being read.
 */
import { BytesIEC, NoUnit, PercentUnit, RequestsPerSecond, Seconds } from '@grafana/grafana-foundation-sdk/units';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { dashboard, finish, okMapping, RATE_WINDOW, row, statPanel, steps, timeseriesPanel, type Steps } from './grafana.js';
import { consoleUp, m } from './promql.js';
import { CONSOLE_ERROR_RATIO, CONSOLE_P99_SLOW_SECONDS } from './rules/thresholds.js';

export const CONSOLE_DASHBOARD_UID = 'dcops-console';

const requests = m.dcops_http_requests_total;
const latency = m.dcops_http_request_duration_seconds;

const latencySteps: Steps = ['green', [CONSOLE_P99_SLOW_SECONDS / 2, 'orange'], [CONSOLE_P99_SLOW_SECONDS, 'red']];
const errorSteps: Steps = ['green', [CONSOLE_ERROR_RATIO / 5, 'orange'], [CONSOLE_ERROR_RATIO, 'red']];

const errorRatio = (): string =>
  // No 5xx at all is a ratio of 0, not a missing series.
  `(${requests.rate({ window: RATE_WINDOW, where: { status: { re: '5..' } } })} or vector(0)) / ${requests.rate({ window: RATE_WINDOW })}`;

export function consoleHealthDashboard(): Dashboard {
  return finish(
    dashboard({
      uid: CONSOLE_DASHBOARD_UID,
      title: 'Santé du service console',
      description: 'Console service health: availability, request rate, errors, latency percentiles, build and runtime.',
      tags: ['console'],
      time: { from: 'now-6h', to: 'now' },
    })
      .withRow(row("Vue d'ensemble"))
      .withPanel(
        statPanel({
          title: 'État du service',
          description: 'Whether Prometheus could scrape the console at its last attempt.',
          queries: [{ expr: consoleUp() }],
          unit: NoUnit,
          thresholds: ['red', [1, 'green']],
          mappings: okMapping('En service', 'Hors service'),
          width: 4,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Version en service',
          description: 'Console build currently running (from dcops_build_info).',
          queries: [{ expr: m.dcops_build_info.sel(), legend: '{{version}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          text: 'name',
          width: 4,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Requêtes par seconde',
          description: 'Requests per second served by the console.',
          queries: [{ expr: requests.rate({ window: RATE_WINDOW }) }],
          unit: RequestsPerSecond,
          thresholds: steps.neutral,
          width: 4,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Erreurs 5xx',
          description: `Share of responses with a 5xx status (alert above ${CONSOLE_ERROR_RATIO * 100} %).`,
          queries: [{ expr: errorRatio() }],
          unit: PercentUnit,
          thresholds: errorSteps,
          width: 4,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Latence p99',
          description: `99th percentile of response time, all routes (alert above ${CONSOLE_P99_SLOW_SECONDS} s).`,
          queries: [{ expr: latency.quantile(0.99, { window: RATE_WINDOW }) }],
          unit: Seconds,
          thresholds: latencySteps,
          width: 4,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Lecture des métriques métier',
          description: 'Whether the domain snapshot (requests, capacity, compliance) was read at the last scrape.',
          queries: [{ expr: m.dcops_domain_snapshot_success.sel() }],
          unit: NoUnit,
          thresholds: ['red', [1, 'green']],
          mappings: okMapping('OK', 'Échec'),
          width: 4,
        }),
      )
      .withRow(row('Trafic et erreurs'))
      .withPanel(
        timeseriesPanel({
          title: 'Requêtes par route',
          description: 'Requests per second by route pattern.',
          queries: [{ expr: requests.rate({ by: ['route'], window: RATE_WINDOW }), legend: '{{route}}' }],
          unit: RequestsPerSecond,
          thresholds: steps.neutral,
          min: 0,
          width: 8,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Réponses par code HTTP',
          description: 'Responses per second by status code.',
          queries: [{ expr: requests.rate({ by: ['status'], window: RATE_WINDOW }), legend: '{{status}}' }],
          unit: RequestsPerSecond,
          thresholds: steps.neutral,
          min: 0,
          width: 8,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: "Taux d'erreurs 5xx",
          description: 'Share of responses with a 5xx status over time.',
          queries: [{ expr: errorRatio(), legend: '5xx' }],
          unit: PercentUnit,
          thresholds: errorSteps,
          min: 0,
          width: 8,
        }),
      )
      .withRow(row('Latence'))
      .withPanel(
        timeseriesPanel({
          title: 'Latence p50 / p95 / p99',
          description: 'Response time percentiles over all routes, from the request duration histogram.',
          queries: [
            { expr: latency.quantile(0.5, { window: RATE_WINDOW }), legend: 'p50' },
            { expr: latency.quantile(0.95, { window: RATE_WINDOW }), legend: 'p95' },
            { expr: latency.quantile(0.99, { window: RATE_WINDOW }), legend: 'p99' },
          ],
          unit: Seconds,
          thresholds: latencySteps,
          min: 0,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Latence p99 par route',
          description: '99th percentile of response time per route pattern.',
          queries: [{ expr: latency.quantile(0.99, { by: ['route'], window: RATE_WINDOW }), legend: '{{route}}' }],
          unit: Seconds,
          thresholds: latencySteps,
          min: 0,
        }),
      )
      .withRow(row('Processus'))
      .withPanel(
        timeseriesPanel({
          title: 'Mémoire résidente',
          description: 'Resident memory of the console process (prom-client default metric; empty if default metrics are off).',
          queries: [{ expr: m.process_resident_memory_bytes.sel(), legend: '{{instance}}' }],
          unit: BytesIEC,
          thresholds: steps.neutral,
          min: 0,
          width: 6,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Utilisation du processeur',
          description: 'CPU time used per second (1 = one full core), from the prom-client default metric.',
          queries: [{ expr: m.process_cpu_seconds_total.rate({ by: ['instance'], window: RATE_WINDOW }), legend: '{{instance}}' }],
          unit: PercentUnit,
          thresholds: steps.neutral,
          min: 0,
          width: 6,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: "Retard de la boucle d'événements (p99)",
          description: 'Event loop delay, 99th percentile: high values mean synchronous work blocks every request.',
          queries: [{ expr: m.nodejs_eventloop_lag_p99_seconds.sel(), legend: '{{instance}}' }],
          unit: Seconds,
          thresholds: ['green', [0.1, 'orange'], [0.5, 'red']],
          min: 0,
          width: 6,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Durée de lecture des métriques métier',
          description: 'Time the domain snapshot took at each scrape; it runs inside the scrape, so keep it well under the scrape timeout.',
          queries: [{ expr: m.dcops_domain_snapshot_duration_seconds.sel(), legend: '{{instance}}' }],
          unit: Seconds,
          thresholds: ['green', [1, 'orange'], [5, 'red']],
          min: 0,
          width: 6,
        }),
      ),
  );
}
