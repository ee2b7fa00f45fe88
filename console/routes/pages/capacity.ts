/**
 * What approving a request would book: its ministry's quota after it, the headroom of each
 * power feed, and a dry run of the same placement the approval will compute. Read only: the
 * approval itself re-checks everything inside its transaction.
 */
import { placeReplicas, type Usage } from '../../../infra/placement.js';
import type { ServiceContext } from '../../context.js';
import { listHosts } from '../../services/hosts/list.js';
import { listMinistries } from '../../services/ministries/list.js';
import type { CapacityImpact, FeedHeadroom, MinistryQuota, RequestDetail } from '../../views/requests.js';

export interface SiteState {
  ministries: Map<string, MinistryQuota>;
  hosts: ReturnType<typeof listHosts>['items'];
}

export function siteState(ctx: ServiceContext): SiteState {
  const ministries = new Map(listMinistries({ ctx }).items.map((m) => [m.code, { code: m.code, name: m.name, quotas: m.quotas, allocated: m.allocated }]));
  return { ministries, hosts: listHosts({ ctx }).items };
}

/** Capacity and use of the schedulable hosts, per power feed. */
export function feedHeadroom(hosts: SiteState['hosts']): FeedHeadroom[] {
  const feeds = new Map<string, FeedHeadroom>();
  for (const h of hosts) {
    if (!h.schedulable) continue;
    let f = feeds.get(h.powerFeed);
    if (!f) feeds.set(h.powerFeed, (f = { feed: h.powerFeed, hosts: 0, capacity: { vcpu: 0, memoryMb: 0, storageGb: 0 }, used: { vcpu: 0, memoryMb: 0, storageGb: 0 } }));
    f.hosts += 1;
    f.capacity.vcpu += h.capacity.vcpu;
    f.capacity.memoryMb += h.capacity.memoryMb;
    f.capacity.storageGb += h.capacity.storageGb;
    f.used.vcpu += h.used.vcpu;
    f.used.memoryMb += h.used.memoryMb;
    f.used.storageGb += h.used.storageGb;
  }
  return [...feeds.values()].sort((a, b) => a.feed.localeCompare(b.feed));
}

export function capacityImpact(site: SiteState, request: Pick<RequestDetail, 'ministry' | 'footprint' | 'services' | 'availability'>): CapacityImpact {
  const schedulable = site.hosts.filter((h) => h.schedulable);
  const used = new Map<string, Usage>(schedulable.map((h) => [h.name, h.used]));
  const result = placeReplicas({
    hosts: schedulable.map((h) => ({ name: h.name, powerFeed: h.powerFeed, ...h.capacity })),
    used,
    services: request.services,
    availability: request.availability === 'high' ? 'high' : 'standard',
  });
  let placement: CapacityImpact['placement'];
  if (result.ok) {
    const feedOf = new Map(schedulable.map((h) => [h.name, h.powerFeed]));
    const byHost = new Map<string, string[]>();
    for (const p of result.placements) {
      const list = byHost.get(p.host) ?? [];
      list.push(`${p.service} #${p.replica + 1}`);
      byHost.set(p.host, list);
    }
    placement = { ok: true, hosts: [...byHost].sort(([a], [b]) => a.localeCompare(b)).map(([host, replicas]) => ({ host, feed: feedOf.get(host) ?? '?', replicas })) };
  } else {
    placement = { ok: false, reason: result.reason };
  }
  return {
    ministry: site.ministries.get(request.ministry.code) ?? null,
    footprint: request.footprint,
    feeds: feedHeadroom(site.hosts),
    placement,
  };
}
