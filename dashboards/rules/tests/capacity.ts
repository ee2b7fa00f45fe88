import { m } from '../../promql.js';
import { target } from './target.js';
import type { AlertTest } from './types.js';

const GIB = 1024 ** 3;
const alloc = m.dcops_ministry_allocation;
const quota = m.dcops_ministry_quota;
const headroom = m.dcops_power_feed_n1_headroom;

export const capacityTests: readonly AlertTest[] = [
  {
    name: 'ministry quotas: over 90 % on vcpu and environments, not on memory, zero quota ignored',
    series: [
      { series: alloc.sel({ ...target, ministry: 'MEF', resource: 'vcpu' }), values: '15x30' },
      { series: quota.sel({ ...target, ministry: 'MEF', resource: 'vcpu' }), values: '16x30' },
      { series: alloc.sel({ ...target, ministry: 'MEF', resource: 'environments' }), values: '5x30' },
      { series: quota.sel({ ...target, ministry: 'MEF', resource: 'environments' }), values: '5x30' },
      { series: alloc.sel({ ...target, ministry: 'MEF', resource: 'memory_bytes' }), values: `${8 * GIB}x30` },
      { series: quota.sel({ ...target, ministry: 'MEF', resource: 'memory_bytes' }), values: `${32 * GIB}x30` },
      { series: alloc.sel({ ...target, ministry: 'MND', resource: 'storage_bytes' }), values: '0x30' },
      { series: quota.sel({ ...target, ministry: 'MND', resource: 'storage_bytes' }), values: '0x30' },
    ],
    checks: [
      { at: '10m', alert: 'DcopsMinistryQuotaNearlyExhausted', firing: [] },
      {
        at: '20m',
        alert: 'DcopsMinistryQuotaNearlyExhausted',
        firing: [
          { labels: { ministry: 'MEF', resource: 'vcpu' }, value: '93.75%' },
          { labels: { ministry: 'MEF', resource: 'environments' }, value: '100%' },
        ],
      },
    ],
  },
  {
    name: 'power feed A cannot lose its largest host, feed B can',
    series: [
      { series: headroom.sel({ ...target, power_feed: 'A', resource: 'vcpu' }), values: '-4x30' },
      { series: headroom.sel({ ...target, power_feed: 'A', resource: 'memory_bytes' }), values: `-${16 * GIB}x30` },
      { series: headroom.sel({ ...target, power_feed: 'B', resource: 'vcpu' }), values: '6x30' },
      { series: headroom.sel({ ...target, power_feed: 'B', resource: 'memory_bytes' }), values: '0x30' },
    ],
    checks: [
      { at: '10m', alert: 'DcopsPowerFeedWithoutN1Headroom', firing: [] },
      {
        at: '20m',
        alert: 'DcopsPowerFeedWithoutN1Headroom',
        firing: [
          { labels: { ...target, power_feed: 'A', resource: 'vcpu' }, value: '-4' },
          { labels: { ...target, power_feed: 'A', resource: 'memory_bytes' }, value: '-17.18G' },
        ],
      },
    ],
  },
];
