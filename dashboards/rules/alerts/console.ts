/**
 * Alerts on the console service itself.
 */
import { m, consoleUp } from '../../promql.js';
import { CONSOLE_ERROR_RATIO, CONSOLE_P99_SLOW_SECONDS } from '../thresholds.js';
import type { AlertRule, RuleGroup } from '../types.js';

/** Below this rate a few errors say little: one failed request out of three is not an outage. */
const MIN_RATE_FOR_ERROR_RATIO = 0.05;

const ratio5xx = m['job:dcops_http_requests_5xx:ratio_rate5m'];
const rate = m['job:dcops_http_requests:rate5m'];

export const consoleAlerts: RuleGroup<AlertRule> = {
  name: 'dcops.console',
  rules: [
    {
      alert: 'DcopsConsoleDown',
      // absent() also fires when the scrape job itself has disappeared from Prometheus.
      expr: `${consoleUp()} == 0 or absent(${consoleUp()})`,
      for: '5m',
      severity: 'critical',
      summary: 'La console dcops ne répond plus',
      description: "Prometheus n'arrive plus à interroger la console depuis 5 minutes : requérants et opérateurs n'y ont plus accès.",
    },
    {
      alert: 'DcopsConsoleSlow',
      expr: `${m['job:dcops_http_request_duration_seconds:p99_5m'].sel()} > ${CONSOLE_P99_SLOW_SECONDS}`,
      for: '10m',
      severity: 'warning',
      summary: 'La console dcops répond lentement',
      description: `Le 99e centile du temps de réponse de la console est de {{ $value | humanizeDuration }} (seuil ${CONSOLE_P99_SLOW_SECONDS} s).`,
    },
    {
      alert: 'DcopsConsoleErrorRateHigh',
      expr: `(${ratio5xx.sel()} > ${CONSOLE_ERROR_RATIO}) and ${ratio5xx.on('job')} (${rate.sel()} > ${MIN_RATE_FOR_ERROR_RATIO})`,
      for: '10m',
      severity: 'warning',
      summary: 'La console dcops renvoie trop d\'erreurs 5xx',
      description: `{{ $value | humanizePercentage }} des réponses de la console sont des erreurs 5xx (seuil ${CONSOLE_ERROR_RATIO * 100} %).`,
    },
    {
      alert: 'DcopsDomainMetricsFailing',
      expr: `${m.dcops_domain_snapshot_success.sel()} == 0`,
      for: '10m',
      severity: 'warning',
      summary: 'La console ne lit plus ses métriques métier',
      description:
        "La lecture des métriques métier (demandes, capacité, conformité) échoue depuis 10 minutes : les tableaux de bord et les alertes qui en dépendent sont aveugles.",
    },
  ],
};
