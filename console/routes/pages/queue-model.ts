/**
 * The approval queue as an operator decides it on a busy day: for each submitted request, its
 * ministry's quota after approving it alone and after approving every pending request of that
 * ministry, and whether the site can place it now. One verdict per request, from the worst of
 * the two: a request over quota is never shown as placeable-and-fine.
 */
import { placeReplicas, type Usage } from '../../../infra/placement.js';
import type { QueueEntry } from '../../services/hosting-requests/queue.js';
import type { Footprint, MinistryQuota, Quotas } from '../../views/requests.js';
import type { SiteState } from './capacity.js';

export type Verdict = 'ok' | 'quota' | 'capacity';

export interface QueueRow extends QueueEntry {
  /** Highest share of a quota used once this request is approved (1 = full). */
  quotaAfter: number;
  /** The same with every pending request of the ministry approved. */
  quotaAfterAll: number;
  /** Highest share of the site's schedulable capacity in use once this request is placed. */
  siteAfter: number;
  placeable: boolean;
  verdict: Verdict;
  /** The ministry's pending requests together exceed its quota. */
  combinedOver: boolean;
  /** Resources this request alone takes over the quota. */
  shortfall: { resource: keyof Quotas; missing: number }[];
}

export interface MinistryPending {
  code: string;
  name: string;
  count: number;
  footprint: Footprint;
  quotas: Quotas;
  allocated: Quotas;
  quotaAfterAll: number;
  over: boolean;
}

const RESOURCES = ['vcpu', 'memoryMb', 'storageGb', 'environments'] as const;

function worstShare(m: MinistryQuota, extra: Quotas): number {
  let worst = 0;
  for (const r of RESOURCES) {
    const total = m.quotas[r];
    const used = m.allocated[r] + extra[r];
    worst = Math.max(worst, total > 0 ? used / total : used > 0 ? Number.POSITIVE_INFINITY : 0);
  }
  return worst;
}

export function queueRows(entries: QueueEntry[], site: SiteState): { rows: QueueRow[]; ministries: MinistryPending[] } {
  const schedulable = site.hosts.filter((h) => h.schedulable);
  const used = new Map<string, Usage>(schedulable.map((h) => [h.name, h.used]));
  const hostList = schedulable.map((h) => ({ name: h.name, powerFeed: h.powerFeed, ...h.capacity }));
  const capacity = { vcpu: 0, memoryMb: 0, storageGb: 0 };
  const inUse = { vcpu: 0, memoryMb: 0, storageGb: 0 };
  for (const h of schedulable) {
    capacity.vcpu += h.capacity.vcpu;
    capacity.memoryMb += h.capacity.memoryMb;
    capacity.storageGb += h.capacity.storageGb;
    inUse.vcpu += h.used.vcpu;
    inUse.memoryMb += h.used.memoryMb;
    inUse.storageGb += h.used.storageGb;
  }
  const pending = new Map<string, MinistryPending>();
  for (const e of entries) {
    const m = site.ministries.get(e.ministry.code);
    if (!m) continue;
    let p = pending.get(m.code);
    if (!p) pending.set(m.code, (p = { code: m.code, name: m.name, count: 0, footprint: { vcpu: 0, memoryMb: 0, storageGb: 0 }, quotas: m.quotas, allocated: m.allocated, quotaAfterAll: 0, over: false }));
    p.count += 1;
    p.footprint.vcpu += e.footprint.vcpu;
    p.footprint.memoryMb += e.footprint.memoryMb;
    p.footprint.storageGb += e.footprint.storageGb;
  }
  for (const p of pending.values()) {
    p.quotaAfterAll = worstShare(p, { ...p.footprint, environments: p.count });
    p.over = p.quotaAfterAll > 1 + 1e-9;
  }
  const rows = entries.map((e): QueueRow => {
    const m = site.ministries.get(e.ministry.code);
    const extra = { ...e.footprint, environments: 1 };
    const quotaAfter = m ? worstShare(m, extra) : Number.POSITIVE_INFINITY;
    const shortfall = m
      ? RESOURCES.flatMap((r) => {
          const missing = m.allocated[r] + extra[r] - m.quotas[r];
          return missing > 1e-9 ? [{ resource: r, missing }] : [];
        })
      : [];
    const placement = placeReplicas({ hosts: hostList, used, services: e.services, availability: e.availability === 'high' ? 'high' : 'standard' });
    const siteAfter = Math.max(
      capacity.vcpu > 0 ? (inUse.vcpu + e.footprint.vcpu) / capacity.vcpu : 1,
      capacity.memoryMb > 0 ? (inUse.memoryMb + e.footprint.memoryMb) / capacity.memoryMb : 1,
      capacity.storageGb > 0 ? (inUse.storageGb + e.footprint.storageGb) / capacity.storageGb : 1,
    );
    const p = pending.get(e.ministry.code);
    const overQuota = !m || quotaAfter > 1 + 1e-9;
    return {
      ...e,
      quotaAfter,
      quotaAfterAll: p?.quotaAfterAll ?? quotaAfter,
      siteAfter,
      placeable: placement.ok,
      verdict: overQuota ? 'quota' : placement.ok ? 'ok' : 'capacity',
      combinedOver: p?.over ?? false,
      shortfall,
    };
  });
  return { rows, ministries: [...pending.values()].sort((a, b) => b.quotaAfterAll - a.quotaAfterAll || a.code.localeCompare(b.code)) };
}

export const QUEUE_SORTS = ['age', 'ministry', 'size', 'quota', 'site'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Size as one number to sort by: vCPU first, memory counted at 4 Gio per vCPU. */
function sizeKey(r: QueueRow): number {
  return r.footprint.vcpu * 4096 + r.footprint.memoryMb;
}

export function sortRows(rows: QueueRow[], sort: QueueSort, descending: boolean): QueueRow[] {
  const key: Record<QueueSort, (r: QueueRow) => number | string> = {
    age: (r) => r.submittedAt,
    ministry: (r) => r.ministry.code,
    size: sizeKey,
    quota: (r) => r.quotaAfter,
    site: (r) => r.siteAfter,
  };
  const k = key[sort];
  const sorted = [...rows].sort((a, b) => {
    const x = k(a);
    const y = k(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? c : a.submittedAt.localeCompare(b.submittedAt);
  });
  return descending ? sorted.reverse() : sorted;
}
