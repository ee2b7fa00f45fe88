import { asc } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { hosts, ministries } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { hostAllocations, hostView } from '../hosts/list.js';
import { allocations, ministryView } from '../ministries/list.js';
import { fileReport, iso, pssie, type CollectorSpec } from './filing.js';

export const capacitySpec: CollectorSpec = {
  source: 'capacity',
  key: 'site-capacity',
  title: { key: 'auto.title.capacity' },
  description:
    'Capacité de chaque hôte (vCPU, mémoire, stockage), ce qui y est placé et le taux d’occupation, totaux par voie ' +
    "d'alimentation, et consommation de chaque ministère au regard de son quota. Support du suivi et de la prévision de la capacité.",
  controls: [iso('A.8.6'), pssie('EXP-05')],
  validityDays: 31,
};

const pct = (used: number, total: number) => (total > 0 ? Math.round((used / total) * 1000) / 10 : 0);

/** Files the site's capacity and each ministry's use of its quota. */
export function collectCapacity({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  return fileReport(ctx, store, capacitySpec, (tx) => {
    const used = hostAllocations(tx);
    const siteHosts = tx.select().from(hosts).orderBy(asc(hosts.name)).all().map((h) => hostView(h, used.get(h.id)));
    const booked = allocations(tx);
    const tenants = tx.select().from(ministries).orderBy(asc(ministries.code)).all().map((m) => ministryView(m, booked.get(m.id)));

    const total = { vcpu: 0, memoryMb: 0, storageGb: 0 };
    const usedTotal = { vcpu: 0, memoryMb: 0, storageGb: 0 };
    const byFeed: Record<string, { hosts: number; vcpu: number; usedVcpu: number; memoryMb: number; usedMemoryMb: number }> = {};
    for (const h of siteHosts) {
      for (const k of ['vcpu', 'memoryMb', 'storageGb'] as const) {
        total[k] += h.capacity[k];
        usedTotal[k] += h.used[k];
      }
      const f = (byFeed[h.powerFeed] ??= { hosts: 0, vcpu: 0, usedVcpu: 0, memoryMb: 0, usedMemoryMb: 0 });
      f.hosts++;
      f.vcpu += h.capacity.vcpu;
      f.usedVcpu += h.used.vcpu;
      f.memoryMb += h.capacity.memoryMb;
      f.usedMemoryMb += h.used.memoryMb;
    }
    const utilisation = { vcpu: pct(usedTotal.vcpu, total.vcpu), memoryMb: pct(usedTotal.memoryMb, total.memoryMb), storageGb: pct(usedTotal.storageGb, total.storageGb) };
    const overQuota = tenants.filter((t) => t.remaining.vcpu < 0 || t.remaining.memoryMb < 0 || t.remaining.storageGb < 0 || t.remaining.environments < 0).map((t) => t.code);
    const summary =
      `${siteHosts.length} hôte(s) ; occupation vCPU ${utilisation.vcpu} %, mémoire ${utilisation.memoryMb} %, stockage ${utilisation.storageGb} % ; ` +
      `${tenants.length} ministère(s)${overQuota.length > 0 ? `, au-delà du quota : ${overQuota.join(', ')}` : ', aucun au-delà de son quota'}.`;
    return {
      summary,
      metadata: { hosts: siteHosts.length, ministries: tenants.length, utilisation, overQuota },
      body: {
        site: { capacity: total, used: usedTotal, utilisationPercent: utilisation, byPowerFeed: byFeed },
        hosts: siteHosts.map((h) => ({
          name: h.name,
          zone: h.zone,
          powerFeed: h.powerFeed,
          schedulable: h.schedulable,
          capacity: h.capacity,
          used: h.used,
          replicas: h.replicas,
          utilisationPercent: { vcpu: pct(h.used.vcpu, h.capacity.vcpu), memoryMb: pct(h.used.memoryMb, h.capacity.memoryMb), storageGb: pct(h.used.storageGb, h.capacity.storageGb) },
        })),
        ministries: tenants.map((t) => ({ code: t.code, name: t.name, quotas: t.quotas, allocated: t.allocated, remaining: t.remaining })),
      },
    };
  });
}
