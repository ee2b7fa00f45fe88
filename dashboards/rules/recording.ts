/**
 * Recording rules: expressions dashboards and alerts read often, precomputed once per
 * evaluation. Their output names and labels are declared in `recorded.ts`.
 */
import { m } from '../promql.js';
import type { RecordingRule, RuleGroup } from './types.js';

const requests = m.dcops_http_requests_total;
const latency = m.dcops_http_request_duration_seconds;
const WINDOW = '5m';

export const recordingGroup: RuleGroup<RecordingRule> = {
  name: 'dcops.recording',
  rules: [
    {
      record: 'ministry_resource:dcops_ministry_quota_used:ratio',
      // Several console replicas report the same database: max, not sum, collapses them.
      expr: `${m.dcops_ministry_allocation.agg('max', { by: ['ministry', 'resource'] })} / ${m.dcops_ministry_quota.agg('max', { by: ['ministry', 'resource'] })}`,
    },
    {
      record: 'job:dcops_http_requests:rate5m',
      expr: requests.rate({ by: ['job'], window: WINDOW }),
    },
    {
      record: 'job:dcops_http_requests_5xx:ratio_rate5m',
      // Without any 5xx there is no 5xx series: `or 0 * all` gives 0 for each job instead of nothing.
      expr: `(${requests.rate({ by: ['job'], window: WINDOW, where: { status: { re: '5..' } } })} or 0 * ${requests.rate({ by: ['job'], window: WINDOW })}) / ${requests.rate({ by: ['job'], window: WINDOW })}`,
    },
    {
      record: 'job:dcops_http_request_duration_seconds:p99_5m',
      expr: latency.quantile(0.99, { by: ['job'], window: WINDOW }),
    },
    {
      record: 'job_route:dcops_http_request_duration_seconds:p99_5m',
      expr: latency.quantile(0.99, { by: ['job', 'route'], window: WINDOW }),
    },
  ],
};
