/**
 * Names and labels of the series the recording rules produce.
 *
 * Declared apart from the rule expressions (`recording.ts`) so the PromQL helper can type
 * queries on recorded series without depending on the rules built with it.
 * Names follow the `level:metric:operations` convention.
 */
import { labels } from '../../console/metrics/catalogue.js';

const job = {
  description: 'Prometheus scrape job (the console is scraped as "dcops-console").',
  pattern: '^[a-zA-Z_][a-zA-Z0-9_-]*$',
} as const;

export const recordedSeries = {
  'ministry_resource:dcops_ministry_quota_used:ratio': {
    name: 'ministry_resource:dcops_ministry_quota_used:ratio',
    type: 'gauge',
    help: 'Allocation over quota per ministry and resource: 1 means the quota is fully booked; +Inf means bookings against a zero quota.',
    labels: { ministry: labels.ministry, resource: labels.ministryResource },
  },
  'job:dcops_http_requests:rate5m': {
    name: 'job:dcops_http_requests:rate5m',
    type: 'gauge',
    help: 'Requests per second served by the console over 5 minutes.',
    labels: { job },
  },
  'job:dcops_http_requests_5xx:ratio_rate5m': {
    name: 'job:dcops_http_requests_5xx:ratio_rate5m',
    type: 'gauge',
    help: 'Share of console responses with a 5xx status over 5 minutes (NaN without traffic).',
    labels: { job },
  },
  'job:dcops_http_request_duration_seconds:p99_5m': {
    name: 'job:dcops_http_request_duration_seconds:p99_5m',
    type: 'gauge',
    help: '99th percentile of console response time over 5 minutes, all routes together, in seconds.',
    labels: { job },
  },
  'job_route:dcops_http_request_duration_seconds:p99_5m': {
    name: 'job_route:dcops_http_request_duration_seconds:p99_5m',
    type: 'gauge',
    help: '99th percentile of console response time over 5 minutes per route pattern, in seconds.',
    labels: { job, route: labels.route },
  },
} as const;

const _keysAreNames: { readonly [K in keyof typeof recordedSeries]: { readonly name: K } } = recordedSeries;
void _keysAreNames;

export type RecordedName = keyof typeof recordedSeries;
