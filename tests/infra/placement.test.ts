import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { placeReplicas, type PlacementHost, type PlacementInput, type Usage } from '../../infra/placement.js';

const EPS = 1e-9;

const hostArb = (i: number): fc.Arbitrary<PlacementHost> =>
  fc.record({
    name: fc.constant(`h${String(i).padStart(2, '0')}`),
    vcpu: fc.integer({ min: 1, max: 64 }),
    memoryMb: fc.integer({ min: 256, max: 65_536 }),
    storageGb: fc.integer({ min: 10, max: 2_000 }),
    powerFeed: fc.constantFrom('A' as const, 'B' as const),
  });

const hostsArb: fc.Arbitrary<PlacementHost[]> = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => hostArb(i))));

const serviceArb = (i: number): fc.Arbitrary<PlacementInput['services'][number]> =>
  fc.record({
    name: fc.constant(`svc-${i}`),
    vcpu: fc.integer({ min: 1, max: 32 }).map((q) => q / 4),
    memoryMb: fc.integer({ min: 16, max: 16_384 }),
    storageGb: fc.integer({ min: 0, max: 300 }),
    replicas: fc.integer({ min: 1, max: 4 }),
  });

const servicesArb = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => serviceArb(i))));

/** Hosts plus some usage already booked on them (never above capacity). */
const inputArb: fc.Arbitrary<PlacementInput> = hostsArb.chain((hosts) =>
  fc
    .tuple(
      fc.tuple(...hosts.map(() => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })))),
      servicesArb,
      fc.constantFrom('standard' as const, 'high' as const),
    )
    .map(([fractions, services, availability]) => {
      const used = new Map<string, Usage>();
      hosts.forEach((h, i) => {
        const [f, g] = fractions[i]!;
        used.set(h.name, { vcpu: Math.floor(h.vcpu * f * 4) / 4, memoryMb: Math.floor(h.memoryMb * g), storageGb: Math.floor(h.storageGb * f) });
      });
      return { hosts, used, services, availability };
    }),
);

const runs = { numRuns: 300 };

describe('placeReplicas (properties)', () => {
  it('never books a host beyond its capacity, and accounts for every placed replica', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = placeReplicas(input);
        if (!r.ok) return;
        for (const h of input.hosts) {
          const before = input.used.get(h.name)!;
          const after = r.usedAfter.get(h.name)!;
          expect(after.vcpu).toBeLessThanOrEqual(h.vcpu + EPS);
          expect(after.memoryMb).toBeLessThanOrEqual(h.memoryMb);
          expect(after.storageGb).toBeLessThanOrEqual(h.storageGb);
          const here = r.placements.filter((p) => p.host === h.name).map((p) => input.services.find((s) => s.name === p.service)!);
          expect(after.memoryMb).toBe(before.memoryMb + here.reduce((n, s) => n + s.memoryMb, 0));
          expect(after.vcpu).toBeCloseTo(before.vcpu + here.reduce((n, s) => n + s.vcpu, 0), 9);
        }
      }),
      runs,
    );
  });

  it('places each replica exactly once', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = placeReplicas(input);
        if (!r.ok) return;
        const expected = input.services.flatMap((s) => Array.from({ length: s.replicas }, (_, i) => `${s.name}#${i}`));
        expect(r.placements.map((p) => `${p.service}#${p.replica}`).sort()).toEqual(expected.sort());
      }),
      runs,
    );
  });

  it('puts high-availability replicas on distinct hosts and on both feeds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const ha = { ...input, availability: 'high' as const };
        const r = placeReplicas(ha);
        if (!r.ok) return;
        const feed = new Map(input.hosts.map((h) => [h.name, h.powerFeed]));
        for (const s of input.services) {
          const hosts = r.placements.filter((p) => p.service === s.name).map((p) => p.host);
          expect(new Set(hosts).size).toBe(hosts.length);
          if (s.replicas >= 2) expect(new Set(hosts.map((h) => feed.get(h))).size).toBe(2);
          const a = hosts.filter((h) => feed.get(h) === 'A').length;
          expect(Math.abs(a - (hosts.length - a))).toBeLessThanOrEqual(1);
        }
      }),
      runs,
    );
  });

  it('refuses what cannot fit: more than the free capacity of the whole site', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        let freeMem = 0;
        for (const h of input.hosts) freeMem += h.memoryMb - input.used.get(h.name)!.memoryMb;
        const demand = input.services.reduce((n, s) => n + s.memoryMb * s.replicas, 0);
        const r = placeReplicas(input);
        if (demand > freeMem) expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('refuses a service larger than every host, and high availability on a single-feed site', () => {
    fc.assert(
      fc.property(hostsArb, (hosts) => {
        const biggest = Math.max(...hosts.map((h) => h.memoryMb));
        const tooBig = placeReplicas({
          hosts,
          used: new Map(),
          services: [{ name: 'huge', vcpu: 0.25, memoryMb: biggest + 1, storageGb: 0, replicas: 1 }],
          availability: 'standard',
        });
        expect(tooBig.ok).toBe(false);
        const oneFeed = hosts.map((h) => ({ ...h, powerFeed: 'A' as const }));
        const ha = placeReplicas({
          hosts: oneFeed,
          used: new Map(),
          services: [{ name: 'tiny', vcpu: 0.25, memoryMb: 16, storageGb: 0, replicas: 2 }],
          availability: 'high',
        });
        expect(ha.ok).toBe(false);
      }),
      runs,
    );
  });

  it('refuses more high-availability replicas than there are hosts', () => {
    fc.assert(
      fc.property(hostsArb, (hosts) => {
        const r = placeReplicas({
          hosts,
          used: new Map(),
          services: [{ name: 'tiny', vcpu: 0.25, memoryMb: 16, storageGb: 0, replicas: hosts.length + 1 }],
          availability: 'high',
        });
        expect(r.ok).toBe(false);
      }),
      runs,
    );
  });

  it('is deterministic and does not modify its input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const snapshot = JSON.stringify([...input.used]);
        const a = placeReplicas(input);
        const b = placeReplicas(input);
        expect(JSON.stringify([...input.used])).toBe(snapshot);
        expect(a.ok).toBe(b.ok);
        if (a.ok && b.ok) {
          expect(a.placements).toEqual(b.placements);
          expect([...a.usedAfter]).toEqual([...b.usedAfter]);
        } else {
          expect(a).toEqual(b);
        }
      }),
      runs,
    );
  });
});

describe('placeReplicas: spreading, racks and power', () => {
  const host = (name: string, powerFeed: 'A' | 'B', rack?: string): PlacementHost => ({ name, vcpu: 16, memoryMb: 32_768, storageGb: 1000, powerFeed, ...(rack ? { rack } : {}) });
  const svc = (name: string, replicas: number, vcpu = 2) => ({ name, vcpu, memoryMb: 2048, storageGb: 10, replicas });

  it('puts each replica on the least loaded host, load being the highest fraction of capacity in use', () => {
    const hosts = ['h1', 'h2', 'h3', 'h4'].map((n, i) => host(n, i % 2 ? 'B' : 'A'));
    // h1 is a quarter full by memory only, h2 a half by vCPU: both count by their fullest resource.
    const used = new Map<string, Usage>([
      ['h1', { vcpu: 0, memoryMb: 8192, storageGb: 0 }],
      ['h2', { vcpu: 8, memoryMb: 0, storageGb: 0 }],
    ]);
    const r = placeReplicas({ hosts, used, services: [svc('web', 4)], availability: 'standard' });
    expect(r.ok && r.placements.map((p) => p.host)).toEqual(['h3', 'h4', 'h3', 'h4']);
    const more = placeReplicas({ hosts, used: new Map(), services: [svc('a', 1), svc('b', 1), svc('c', 1), svc('d', 1)], availability: 'standard' });
    expect(more.ok && more.placements.map((p) => p.host)).toEqual(['h1', 'h2', 'h3', 'h4']);
  });

  it('puts high-availability replicas of a service on distinct racks', () => {
    const hosts = [host('h1', 'A', 'r1'), host('h2', 'B', 'r1'), host('h3', 'A', 'r2'), host('h4', 'B', 'r3')];
    const r = placeReplicas({ hosts, used: new Map(), services: [svc('api', 3)], availability: 'high' });
    expect(r.ok && r.placements.map((p) => p.host)).toEqual(['h1', 'h4', 'h3']);
    const refused = placeReplicas({ hosts: hosts.slice(0, 2), used: new Map(), services: [svc('api', 2)], availability: 'high' });
    expect(refused).toMatchObject({ ok: false, replica: 1, reason: expect.stringContaining('rack') });
  });

  it('refuses a host whose rack or power path would go beyond its limit after a single failure', () => {
    const hosts = [host('h1', 'A', 'r1'), host('h2', 'A', 'r2')];
    const power = {
      wattsPerVcpu: new Map([['h1', 50], ['h2', 50]]),
      constraintsOf: new Map([['h1', ['r1', 'feed-a']], ['h2', ['r2', 'feed-a']]]),
      headroomW: new Map([['r1', 1000], ['r2', 150], ['feed-a', 250]]),
    };
    // 2 vCPU = 100 W: h2's rack has 150 W left, the shared feed 250 W.
    const r = placeReplicas({ hosts, used: new Map([['h1', { vcpu: 4, memoryMb: 0, storageGb: 0 }]]), services: [svc('x', 2)], availability: 'standard', power });
    expect(r.ok && r.placements.map((p) => p.host)).toEqual(['h2', 'h1']);
    const third = placeReplicas({ hosts, used: new Map(), services: [svc('x', 3)], availability: 'standard', power });
    expect(third).toMatchObject({ ok: false, replica: 2, reason: expect.stringContaining('feed-a beyond its power limit after a single failure') });
  });
});
