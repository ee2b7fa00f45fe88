/**
 * Replica placement: assigns every replica of a request's services to a datacenter host.
 *
 * Pure and deterministic (same inputs, same answer), no cdktf import: the console calls it
 * inside the approval transaction, and the answer is stored so later approvals never move
 * containers that already run.
 *
 * Strategy: spread. Each replica goes to the least loaded host that can take it, where a host's
 * load is the highest fraction of its capacity in use (vCPU, memory or storage; ties broken by
 * name), so replicas spread over every host instead of filling the first ones. For
 * `availability: high`, replicas of one service go to distinct hosts on distinct racks and
 * alternate between power feeds A and B, so losing one host, one rack or one feed never takes a
 * high-availability service down (TIA-942 Rating 3 dual paths).
 *
 * With the facility's power headroom, a host is taken only if the watts the replica adds keep
 * its rack under its budget and every power component above it under its limit, at that
 * component's worst load after any single failure (the surviving path carries the whole load).
 */
import type { Availability, HostSpec, Placement, PowerFeed, ServiceSpec } from './spec.js';

export interface Usage {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

export type PlacementHost = Pick<HostSpec, 'name' | 'vcpu' | 'memoryMb' | 'storageGb' | 'powerFeed'> & {
  /** The rack it stands in, when the facility model knows it. */
  rack?: string | undefined;
};

/** What a watt more on each host uses, from the facility model (keyed by host name). */
export interface PowerBudget {
  /** Watts one booked vCPU adds to the host's draw. */
  wattsPerVcpu: ReadonlyMap<string, number>;
  /** The rack and power components each host draws through. */
  constraintsOf: ReadonlyMap<string, readonly string[]>;
  /** Watts left on each of them at its worst N-1 load. */
  headroomW: ReadonlyMap<string, number>;
}

export interface PlacementInput {
  hosts: readonly PlacementHost[];
  /** Resources already booked on each host by earlier placements (by host name). */
  used: ReadonlyMap<string, Usage>;
  services: readonly Pick<ServiceSpec, 'name' | 'vcpu' | 'memoryMb' | 'storageGb' | 'replicas'>[];
  availability: Availability;
  power?: PowerBudget | undefined;
}

export type PlacementResult =
  | { ok: true; placements: Placement[]; usedAfter: Map<string, Usage> }
  | { ok: false; service: string; replica: number; reason: string };

const EPSILON = 1e-9;

export function placeReplicas(input: PlacementInput): PlacementResult {
  const used = new Map<string, Usage>();
  for (const h of input.hosts) {
    const u = input.used.get(h.name);
    used.set(h.name, { vcpu: u?.vcpu ?? 0, memoryMb: u?.memoryMb ?? 0, storageGb: u?.storageGb ?? 0 });
  }
  const feeds = new Set(input.hosts.map((h) => h.powerFeed));
  const placements: Placement[] = [];
  const headroom = new Map(input.power?.headroomW ?? []);
  const wattsFor = (h: PlacementHost, vcpu: number) => (input.power?.wattsPerVcpu.get(h.name) ?? 0) * vcpu;
  const powerShort = (h: PlacementHost, vcpu: number): string | null => {
    const w = wattsFor(h, vcpu);
    for (const c of input.power?.constraintsOf.get(h.name) ?? []) if ((headroom.get(c) ?? Infinity) < w - EPSILON) return c;
    return null;
  };
  const load = (h: PlacementHost) => {
    const u = used.get(h.name)!;
    return Math.max(h.vcpu > 0 ? u.vcpu / h.vcpu : 1, h.memoryMb > 0 ? u.memoryMb / h.memoryMb : 1, h.storageGb > 0 ? u.storageGb / h.storageGb : 1);
  };

  for (const service of input.services) {
    const hostsOfService = new Set<string>();
    const racksOfService = new Set<string>();
    const perFeed: Record<PowerFeed, number> = { A: 0, B: 0 };

    for (let replica = 0; replica < service.replicas; replica++) {
      const fits = input.hosts.filter((h) => {
        const u = used.get(h.name)!;
        return (
          u.vcpu + service.vcpu <= h.vcpu + EPSILON &&
          u.memoryMb + service.memoryMb <= h.memoryMb &&
          u.storageGb + service.storageGb <= h.storageGb
        );
      });
      const powered = fits.filter((h) => powerShort(h, service.vcpu) === null);
      let candidates = powered;
      if (input.availability === 'high') {
        if (feeds.size < 2) {
          return {
            ok: false,
            service: service.name,
            replica,
            reason: 'high availability needs hosts on both power feeds A and B; the site has only one feed',
          };
        }
        candidates = candidates.filter((h) => !hostsOfService.has(h.name) && (h.rack === undefined || !racksOfService.has(h.rack)));
        // Keep the service balanced over the feeds: when one feed is ahead, the next replica
        // must go on the other one.
        if (perFeed.A !== perFeed.B) {
          const behind: PowerFeed = perFeed.A < perFeed.B ? 'A' : 'B';
          candidates = candidates.filter((h) => h.powerFeed === behind);
        }
      }
      if (candidates.length === 0) {
        if (fits.length > 0 && powered.length === 0) {
          const limit = powerShort(fits[0]!, service.vcpu)!;
          const reason = `replica ${replica + 1} of service "${service.name}" would take ${limit} beyond its power limit after a single failure (${Math.round(wattsFor(fits[0]!, service.vcpu))} W more, ${Math.max(0, Math.round(headroom.get(limit) ?? 0))} W left)`;
          return { ok: false, service: service.name, replica, reason };
        }
        return { ok: false, service: service.name, replica, reason: describeShortfall(input, service, fits.length, replica) };
      }
      let chosen = candidates[0]!;
      let chosenLoad = load(chosen);
      for (const h of candidates) {
        const l = load(h);
        if (l < chosenLoad - EPSILON || (Math.abs(l - chosenLoad) <= EPSILON && h.name < chosen.name)) (chosen = h), (chosenLoad = l);
      }
      const w = wattsFor(chosen, service.vcpu);
      for (const c of input.power?.constraintsOf.get(chosen.name) ?? []) if (headroom.has(c)) headroom.set(c, headroom.get(c)! - w);
      const u = used.get(chosen.name)!;
      u.vcpu += service.vcpu;
      u.memoryMb += service.memoryMb;
      u.storageGb += service.storageGb;
      hostsOfService.add(chosen.name);
      if (chosen.rack !== undefined) racksOfService.add(chosen.rack);
      perFeed[chosen.powerFeed] += 1;
      placements.push({ service: service.name, replica, host: chosen.name });
    }
  }
  return { ok: true, placements, usedAfter: used };
}

function describeShortfall(
  input: PlacementInput,
  service: PlacementInput['services'][number],
  fittingHosts: number,
  replica: number,
): string {
  const need = `${service.vcpu} vCPU, ${service.memoryMb} MiB, ${service.storageGb} GiB`;
  if (fittingHosts === 0) {
    return `no host has ${need} free for replica ${replica + 1} of service "${service.name}"`;
  }
  if (input.availability === 'high') {
    return `replica ${replica + 1} of service "${service.name}" (${need}) cannot go on a host, rack and power feed distinct from its other replicas`;
  }
  return `no host can take replica ${replica + 1} of service "${service.name}" (${need})`;
}
