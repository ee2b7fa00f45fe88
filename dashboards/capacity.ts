/**
 * « Capacité de la tenance »: ministry quotas against bookings, host occupancy, and whether each
 * power feed survives the loss of its largest host (N+1).
 */
import { BytesIEC, NoUnit, PercentUnit } from '@grafana/grafana-foundation-sdk/units';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { HOST_RESOURCES, MINISTRY_RESOURCES } from '../console/metrics/catalogue.js';
import { barGaugePanel, dashboard, finish, ministryVariable, row, statPanel, steps, timeseriesPanel, type Steps } from './grafana.js';
import { m } from './promql.js';
import { QUOTA_WARNING_RATIO } from './rules/thresholds.js';

export const CAPACITY_DASHBOARD_UID = 'dcops-capacity';

const quotaUsed = m['ministry_resource:dcops_ministry_quota_used:ratio'];
const ministry = { re: '$ministry' } as const;

const occupancySteps: Steps = ['green', [0.75, 'orange'], [QUOTA_WARNING_RATIO, 'red']];
const headroomSteps: Steps = ['red', [0, 'green']];

type MinistryResource = (typeof MINISTRY_RESOURCES)[number];
type HostResource = (typeof HOST_RESOURCES)[number];

const ministryResourceFr: Record<MinistryResource, string> = {
  vcpu: 'vCPU',
  memory_bytes: 'mémoire',
  storage_bytes: 'stockage',
  environments: "nombre d'environnements",
};

const hostResourceUnit: Record<HostResource, string> = {
  vcpu: 'suffix: vCPU',
  memory_bytes: BytesIEC,
  storage_bytes: BytesIEC,
};

function quotaPanel(resource: MinistryResource) {
  return barGaugePanel({
    title: `Quota utilisé — ${ministryResourceFr[resource]}`,
    description: `Share of each ministry's ${resource} quota booked by its approved, provisioning and active environments (alert above ${QUOTA_WARNING_RATIO * 100} %).`,
    queries: [{ expr: quotaUsed.sel({ resource, ministry }), legend: '{{ministry}}' }],
    unit: PercentUnit,
    thresholds: occupancySteps,
    min: 0,
    max: 1,
  });
}

function hostPanel(resource: HostResource) {
  const where = { resource } as const;
  return barGaugePanel({
    title: `Occupation des hôtes — ${ministryResourceFr[resource]}`,
    description: `Share of each host's ${resource} booked by replica placements (reservations, not measured usage).`,
    queries: [{ expr: `${m.dcops_host_allocated.sel(where)} / ${m.dcops_host_capacity.sel(where)}`, legend: '{{host}} (voie {{power_feed}})' }],
    unit: PercentUnit,
    thresholds: occupancySteps,
    min: 0,
    max: 1,
    width: 8,
  });
}

function feedPanel(resource: HostResource) {
  const where = { resource } as const;
  return timeseriesPanel({
    title: `Voies électriques — ${ministryResourceFr[resource]} libre et marge N+1`,
    description: `Free ${resource} per power feed, and what would remain free after the feed's largest host fails and its bookings move to the other hosts of the feed. Below zero: no N+1.`,
    queries: [
      { expr: m.dcops_power_feed_free.sel(where), legend: 'Voie {{power_feed}} — libre' },
      { expr: m.dcops_power_feed_n1_headroom.sel(where), legend: 'Voie {{power_feed}} — marge N+1' },
    ],
    unit: hostResourceUnit[resource],
    thresholds: headroomSteps,
    width: 8,
  });
}

export function capacityDashboard(): Dashboard {
  return finish(
    dashboard({
      uid: CAPACITY_DASHBOARD_UID,
      title: 'Capacité de la tenance',
      description: 'Tenancy capacity: quota against allocation per ministry, host occupancy, power-feed free capacity and N+1 headroom.',
      tags: ['capacite'],
    })
      .withVariable(ministryVariable())
      .withRow(row('Quotas des ministères'))
      .withPanel(quotaPanel('vcpu'))
      .withPanel(quotaPanel('memory_bytes'))
      .withPanel(quotaPanel('storage_bytes'))
      .withPanel(quotaPanel('environments'))
      .withRow(row('Occupation des hôtes'))
      .withPanel(hostPanel('vcpu'))
      .withPanel(hostPanel('memory_bytes'))
      .withPanel(hostPanel('storage_bytes'))
      .withRow(row('Voies électriques et redondance N+1'))
      .withPanel(
        statPanel({
          title: 'Ressources sans marge N+1',
          description: 'Number of (power feed, resource) pairs whose N+1 headroom is negative: losing the largest host of that feed would leave bookings without a place.',
          queries: [{ expr: `count(${m.dcops_power_feed_n1_headroom.sel()} < 0) or vector(0)` }],
          unit: NoUnit,
          thresholds: steps.zeroIsGood,
          width: 12,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Hôtes par voie',
          description: 'Number of hosts cabled to each power feed.',
          queries: [{ expr: m.dcops_host_capacity.agg('count', { by: ['power_feed'], where: { resource: 'vcpu' } }), legend: 'Voie {{power_feed}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          width: 12,
          text: 'both',
        }),
      )
      .withPanel(feedPanel('vcpu'))
      .withPanel(feedPanel('memory_bytes'))
      .withPanel(feedPanel('storage_bytes')),
  );
}
