/**
 * The query helper's types are the contract: these lines must keep failing to type-check
 * (`tsc --noEmit` reports an unused @ts-expect-error if one starts to compile).
 */
import { describe, expect, it } from 'vitest';
import { m } from '../../dashboards/promql.js';

describe('typed PromQL helper', () => {
  it('builds selectors and aggregations from catalogue names', () => {
    expect(m.dcops_hosting_requests.sum({ by: ['state'], where: { ministry: { re: '$ministry' }, state: 'submitted' } })).toBe(
      'sum by (state) (dcops_hosting_requests{ministry=~"$ministry", state="submitted"})',
    );
    expect(m.dcops_http_request_duration_seconds.quantile(0.99, { by: ['route'], window: '5m' })).toBe(
      'histogram_quantile(0.99, sum by (route, le) (rate(dcops_http_request_duration_seconds_bucket[5m])))',
    );
    expect(m.dcops_http_requests_total.rate({ window: '1m', where: { status: { nre: '2..' }, method: { ne: 'GET' } } })).toBe(
      'sum(rate(dcops_http_requests_total{status!~"2..", method!="GET"}[1m]))',
    );
    expect(m.dcops_hosting_requests.labelValues('ministry')).toBe('label_values(dcops_hosting_requests, ministry)');
    expect(m.dcops_controls.sel({ framework: 'a"b\\c' })).toBe('dcops_controls{framework="a\\"b\\\\c"}');
  });

  it('rejects renamed metrics, unknown labels and values outside closed sets at compile time', () => {
    const checks = [
      // @ts-expect-error a metric that is not in the catalogue
      () => m.dcops_hosting_request.sel(),
      // @ts-expect-error a label the metric does not have
      () => m.dcops_hosting_requests.sel({ framework: 'iso27001' }),
      // @ts-expect-error a state outside HOSTING_REQUEST_STATES
      () => m.dcops_hosting_requests.sel({ state: 'pending' }),
      // @ts-expect-error grouping by a label the metric does not have
      () => m.dcops_controls.sum({ by: ['ministry'] }),
      // @ts-expect-error quantiles only exist on histograms
      () => m.dcops_http_requests_total.quantile(0.5, { window: '5m' }),
      // @ts-expect-error rate() only on counters
      () => m.dcops_hosting_requests.rate({ window: '5m' }),
      // @ts-expect-error recorded series carry only their declared labels
      () => m['ministry_resource:dcops_ministry_quota_used:ratio'].sel({ host: 'h1' }),
    ];
    expect(checks).toHaveLength(7);
  });
});
