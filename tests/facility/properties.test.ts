/**
 * Over generated facilities: the fast sweep agrees with a from-scratch what-if of every
 * component, and after a sweep with no single point of failure, taking any one component down
 * never stops a high-availability environment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failableKinds, sweep, whatIf, type ComponentInput, type Environment } from '../../facility/index.js';
import { facility } from './builders.js';

const pick = <T,>(xs: readonly T[], mask: number): T[] => {
  const out = xs.filter((_, i) => mask & (1 << i));
  return out.length > 0 ? out : [xs[mask % xs.length]!];
};

const generated = fc
  .record({
    generators: fc.integer({ min: 0, max: 2 }),
    ups: fc.array(fc.record({ mask: fc.nat(7), rating: fc.integer({ min: 2, max: 40 }), standby: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    panels: fc.array(fc.record({ mask: fc.nat(7), rating: fc.integer({ min: 2, max: 40 }) }), { minLength: 1, maxLength: 3 }),
    feeds: fc.array(fc.record({ mask: fc.nat(7), rating: fc.integer({ min: 2, max: 30 }) }), { minLength: 1, maxLength: 4 }),
    racks: fc.array(
      fc.record({
        pdus: fc.array(fc.record({ mask: fc.nat(15), rating: fc.integer({ min: 1, max: 10 }) }), { minLength: 1, maxLength: 2 }),
        hosts: fc.array(fc.record({ psuMask: fc.nat(3), draw: fc.integer({ min: 1, max: 4 }), psu: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    cooling: fc.array(fc.record({ mask: fc.nat(7), capacity: fc.integer({ min: 1, max: 20 }) }), { minLength: 0, maxLength: 3 }),
    envs: fc.array(fc.record({ high: fc.boolean(), hosts: fc.array(fc.nat(40), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 5 }),
  })
  .map((g) => {
    const kW = 1000;
    const c: ComponentInput[] = [
      { id: 'S', kind: 'site', name: 'S' },
      { id: 'R', kind: 'room', name: 'R', parent: 'S' },
      { id: 'U', kind: 'utility', name: 'U', parent: 'S', ratingW: 200 * kW },
    ];
    const sources = ['U'];
    for (let i = 0; i < g.generators; i++) {
      c.push({ id: `G${i}`, kind: 'generator', name: `G${i}`, parent: 'S', ratingW: 200 * kW });
      sources.push(`G${i}`);
    }
    const ups = g.ups.map((u, i) => (c.push({ id: `UPS${i}`, kind: 'ups', name: `UPS${i}`, parent: 'S', inputs: pick(sources, u.mask), inputMode: u.standby ? 'standby' : 'shared', ratingW: u.rating * kW }), `UPS${i}`));
    const panels = g.panels.map((p, i) => (c.push({ id: `P${i}`, kind: 'panel', name: `P${i}`, parent: 'S', inputs: pick(ups, p.mask), ratingW: p.rating * kW }), `P${i}`));
    const feeds = g.feeds.map((f, i) => (c.push({ id: `F${i}`, kind: 'feed', name: `F${i}`, parent: 'R', inputs: pick(panels, f.mask), ratingW: f.rating * kW }), `F${i}`));
    const hosts: string[] = [];
    g.racks.forEach((r, ri) => {
      c.push({ id: `K${ri}`, kind: 'rack', name: `K${ri}`, parent: 'R', ratingW: 50 * kW });
      const pdus = r.pdus.map((p, pi) => (c.push({ id: `K${ri}-${pi}`, kind: 'pdu', name: `K${ri}-${pi}`, parent: `K${ri}`, inputs: pick(feeds, p.mask), ratingW: p.rating * kW }), `K${ri}-${pi}`));
      r.hosts.forEach((h, hi) => {
        const id = `H${ri}-${hi}`;
        const psus = pick(pdus, h.psuMask).map((pdu, k) => (c.push({ id: `${id}-psu${k}`, kind: 'psu', name: 'psu', parent: id, inputs: [pdu], ratingW: h.psu * 500 }), `${id}-psu${k}`));
        c.push({ id, kind: 'host', name: id, parent: `K${ri}`, inputs: psus, ratingW: h.draw * 500 });
        hosts.push(id);
      });
    });
    g.cooling.forEach((u, i) => c.push({ id: `C${i}`, kind: 'cooling', name: `C${i}`, parent: 'R', inputs: pick(panels, u.mask), ratingW: u.capacity * kW, drawW: 500 }));
    const environments: Environment[] = g.envs.map((e, i) => ({
      id: `e${i}`,
      name: `e${i}`,
      availability: e.high ? 'high' : 'standard',
      replicas: e.hosts.map((h) => ({ service: 'svc', host: hosts[h % hosts.length]! })),
    }));
    return { facility: facility(c), environments };
  });

const failable = new Set<string>(failableKinds);

describe('sweep against what-if, over generated facilities', () => {
  it('names exactly the components whose what-if is a single point of failure, with the same reasons', () => {
    fc.assert(
      fc.property(generated, (input) => {
        const s = sweep(input);
        const bySweep = new Map(s.singlePointsOfFailure.map((x) => [x.id, x]));
        let n = 0;
        for (const comp of input.facility.components) {
          if (!failable.has(comp.kind)) continue;
          n++;
          const w = whatIf(input, comp.id);
          const x = bySweep.get(comp.id);
          expect(x !== undefined, comp.id).toBe(w.singlePointOfFailure);
          if (x) {
            expect(x.stopsHigh).toEqual(w.environmentsStopped.filter((e) => e.availability === 'high').map((e) => e.id).sort());
            expect(x.overloads).toEqual(w.overloads.map((o) => o.id).sort());
            expect(x.roomsOverCooling).toEqual(w.roomsOverCooling.map((r) => r.id).sort());
          }
        }
        expect(s.components).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('after a sweep without a single point of failure, removing any one component never stops a high environment', () => {
    let clean = 0;
    fc.assert(
      fc.property(generated, (input) => {
        const s = sweep(input);
        if (s.singlePointsOfFailure.length > 0 || s.baseline.environmentsStopped.length > 0) return;
        clean++;
        for (const comp of input.facility.components) {
          if (!failable.has(comp.kind)) continue;
          expect(whatIf(input, comp.id).environmentsStopped.filter((e) => e.availability === 'high')).toEqual([]);
        }
      }),
      { numRuns: 800 },
    );
    // The property is only worth something if it met facilities that sweep clean (about one in
    // twenty generated ones does).
    expect(clean).toBeGreaterThan(10);
  });
});
