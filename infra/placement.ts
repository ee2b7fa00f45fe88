/**
 * Replica placement: assigns every replica of a request's services to a datacenter host.
 *
 * Pure and deterministic (same inputs, same answer), no cdktf import: the console calls it
 * inside the approval transaction, and the answer is stored so later approvals never move
 * containers that already run.
 *
 * Strategy: spread. Each replica goes to the host with the most free memory that can take it
 * (ties broken by free vCPU, then by name). For `availability: high`, replicas of one service
 * go to distinct hosts and alternate between power feeds A and B, so losing one host or one
 * feed never takes a high-availability service down (TIA-942 Rating 3 dual paths).
 */
import type { Availability, HostSpec, Placement, PowerFeed, ServiceSpec } from './spec.js';

export interface Usage {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

export type PlacementHost = Pick<HostSpec, 'name' | 'vcpu' | 'memoryMb' | 'storageGb' | 'powerFeed'>;

export interface PlacementInput {
  hosts: readonly PlacementHost[];
  /** Resources already booked on each host by earlier placements (by host name). */
  used: ReadonlyMap<string, Usage>;
  services: readonly Pick<ServiceSpec, 'name' | 'vcpu' | 'memoryMb' | 'storageGb' | 'replicas'>[];
  availability: Availability;
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

  for (const service of input.services) {
    const hostsOfService = new Set<string>();
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
      let candidates = fits;
      if (input.availability === 'high') {
        if (feeds.size < 2) {
          return {
            ok: false,
            service: service.name,
            replica,
            reason: 'high availability needs hosts on both power feeds A and B; the site has only one feed',
          };
        }
        candidates = candidates.filter((h) => !hostsOfService.has(h.name));
        // Keep the service balanced over the feeds: when one feed is ahead, the next replica
        // must go on the other one.
        if (perFeed.A !== perFeed.B) {
          const behind: PowerFeed = perFeed.A < perFeed.B ? 'A' : 'B';
          candidates = candidates.filter((h) => h.powerFeed === behind);
        }
      }
      if (candidates.length === 0) {
        return { ok: false, service: service.name, replica, reason: describeShortfall(input, service, fits.length, replica) };
      }
      const chosen = [...candidates].sort((a, b) => {
        const ua = used.get(a.name)!;
        const ub = used.get(b.name)!;
        const memA = a.memoryMb - ua.memoryMb;
        const memB = b.memoryMb - ub.memoryMb;
        if (memA !== memB) return memB - memA;
        const cpuA = a.vcpu - ua.vcpu;
        const cpuB = b.vcpu - ub.vcpu;
        if (Math.abs(cpuA - cpuB) > EPSILON) return cpuB - cpuA;
        return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      })[0]!;
      const u = used.get(chosen.name)!;
      u.vcpu += service.vcpu;
      u.memoryMb += service.memoryMb;
      u.storageGb += service.storageGb;
      hostsOfService.add(chosen.name);
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
    return `replica ${replica + 1} of service "${service.name}" (${need}) cannot go on a host and power feed distinct from its other replicas`;
  }
  return `no host can take replica ${replica + 1} of service "${service.name}" (${need})`;
}
