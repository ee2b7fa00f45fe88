import { m } from '../../promql.js';
import { CONSOLE_SCRAPE_JOB } from '../../../console/metrics/catalogue.js';
import { target } from './target.js';
import type { AlertTest } from './types.js';

const bucket = m.dcops_http_request_duration_seconds.bucket;
const route = { route: '/api/hosting-requests', method: 'GET', status: '200' } as const;

/** Cumulative bucket counters for `perMinute` requests a minute, all of them in the (1, 2.5] s bucket. */
function slowRequests(perMinute: number) {
  return [
    { series: bucket({ ...target, ...route, le: '0.5' }), values: '0x40' },
    { series: bucket({ ...target, ...route, le: '1' }), values: '0x40' },
    { series: bucket({ ...target, ...route, le: '2.5' }), values: `0+${perMinute}x40` },
    { series: bucket({ ...target, ...route, le: '+Inf' }), values: `0+${perMinute}x40` },
  ];
}

function fastRequests(perMinute: number) {
  return [
    { series: bucket({ ...target, ...route, le: '0.1' }), values: `0+${perMinute}x40` },
    { series: bucket({ ...target, ...route, le: '1' }), values: `0+${perMinute}x40` },
    { series: bucket({ ...target, ...route, le: '+Inf' }), values: `0+${perMinute}x40` },
  ];
}

const requests = m.dcops_http_requests_total;

export const consoleTests: readonly AlertTest[] = [
  {
    name: 'console stops answering',
    series: [{ series: m.up.sel(target), values: '1 1 0x20' }],
    checks: [
      { at: '5m', alert: 'DcopsConsoleDown', firing: [] },
      { at: '10m', alert: 'DcopsConsoleDown', firing: [{ labels: target }] },
    ],
  },
  {
    name: 'console scrape job missing altogether',
    series: [{ series: m.up.sel({ job: 'prometheus', instance: 'localhost:9090' }), values: '1x20' }],
    checks: [{ at: '10m', alert: 'DcopsConsoleDown', firing: [{ labels: { job: CONSOLE_SCRAPE_JOB } }] }],
  },
  {
    name: 'console up: no alert',
    series: [{ series: m.up.sel(target), values: '1x20' }],
    checks: [{ at: '10m', alert: 'DcopsConsoleDown', firing: [] }],
  },
  {
    name: 'every request takes about two seconds',
    series: slowRequests(10),
    checks: [
      { at: '5m', alert: 'DcopsConsoleSlow', firing: [] },
      { at: '20m', alert: 'DcopsConsoleSlow', firing: [{ labels: { job: CONSOLE_SCRAPE_JOB }, value: '2.485s' }] },
    ],
  },
  {
    name: 'fast requests: not slow',
    series: fastRequests(10),
    checks: [{ at: '20m', alert: 'DcopsConsoleSlow', firing: [] }],
  },
  {
    name: 'one response in ten is a 500',
    series: [
      { series: requests.sel({ ...target, ...route, status: '500' }), values: '0+6x30' },
      { series: requests.sel({ ...target, ...route }), values: '0+54x30' },
    ],
    checks: [
      { at: '5m', alert: 'DcopsConsoleErrorRateHigh', firing: [] },
      { at: '20m', alert: 'DcopsConsoleErrorRateHigh', firing: [{ labels: { job: CONSOLE_SCRAPE_JOB }, value: '10%' }] },
    ],
  },
  {
    name: 'only errors, but one request a minute: too little traffic to call it an outage',
    series: [{ series: requests.sel({ ...target, ...route, status: '500' }), values: '0+1x30' }],
    checks: [{ at: '20m', alert: 'DcopsConsoleErrorRateHigh', firing: [] }],
  },
  {
    name: 'domain snapshot keeps failing',
    series: [{ series: m.dcops_domain_snapshot_success.sel(target), values: '1 1 0x30' }],
    checks: [
      { at: '5m', alert: 'DcopsDomainMetricsFailing', firing: [] },
      { at: '15m', alert: 'DcopsDomainMetricsFailing', firing: [{ labels: target }] },
    ],
  },
];
