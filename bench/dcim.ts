/**
 * The N-1 sweep on a generated facility of 2 sites × 400 racks × 2,000 hosts × 10,000 replicas,
 * and on one ten times larger, in the same run: the sweep must stay near-linear (10× the
 * components in at most 11× the time), which it does by following each component's impact set
 * instead of re-simulating the facility per component.
 */
import { performance } from 'node:perf_hooks';
import { facilitySchema, sweep, type AnalysisInput, type ComponentInput, type Environment } from '../facility/index.js';
import type { BenchResult } from './types.js';

const kW = 1000;

/** Two sites; per site `racks / 2` racks in rooms of 50, five dual-corded hosts per rack, five replicas per host. */
export function generateFacility(scale: number): AnalysisInput {
  const c: ComponentInput[] = [];
  const hosts: string[][] = [];
  const racksPerSite = 200 * scale;
  for (let s = 0; s < 2; s++) {
    const site = `site${s}`;
    c.push({ id: site, kind: 'site', name: site });
    c.push({ id: `${site}-utility`, kind: 'utility', name: 'utility', parent: site, ratingW: 1e9 });
    for (const g of [1, 2]) c.push({ id: `${site}-gen${g}`, kind: 'generator', name: 'generator', parent: site, ratingW: 1e9 });
    const sources = [`${site}-utility`, `${site}-gen1`, `${site}-gen2`];
    for (const side of ['a', 'b']) {
      c.push({ id: `${site}-ups-${side}`, kind: 'ups', name: 'ups', parent: site, inputs: sources, ratingW: 1e9, modules: 5, redundantModules: 1 });
      c.push({ id: `${site}-panel-${side}`, kind: 'panel', name: 'panel', parent: site, inputs: [`${site}-ups-${side}`], ratingW: 1e9 });
      c.push({ id: `${site}-mech-${side}`, kind: 'panel', name: 'mech', parent: site, inputs: sources, ratingW: 1e9 });
    }
    for (let room = 0; room < racksPerSite / 50; room++) {
      const r = `${site}-room${room}`;
      c.push({ id: r, kind: 'room', name: r, parent: site });
      for (const side of ['a', 'b']) c.push({ id: `${r}-feed-${side}`, kind: 'feed', name: 'feed', parent: r, inputs: [`${site}-panel-${side}`], ratingW: 400 * kW });
      for (let u = 0; u < 3; u++) c.push({ id: `${r}-crah${u}`, kind: 'cooling', name: 'crah', parent: r, inputs: [`${site}-mech-a`, `${site}-mech-b`], ratingW: 300 * kW, drawW: 20 * kW });
      for (let k = 0; k < 50; k++) {
        const rack = `${r}-rack${k}`;
        c.push({ id: rack, kind: 'rack', name: rack, parent: r, ratingW: 20 * kW, heightU: 42 });
        for (const side of ['a', 'b']) c.push({ id: `${rack}-pdu-${side}`, kind: 'pdu', name: 'pdu', parent: rack, inputs: [`${r}-feed-${side}`], ratingW: 22 * kW });
        const inRack: string[] = [];
        for (let h = 0; h < 5; h++) {
          const host = `${rack}-h${h}`;
          c.push({ id: host, kind: 'host', name: host, parent: rack, inputs: [`${host}-psu1`, `${host}-psu2`], ratingW: 800, drawW: 300 });
          for (const side of ['a', 'b']) c.push({ id: `${host}-psu${side === 'a' ? 1 : 2}`, kind: 'psu', name: 'psu', parent: host, inputs: [`${rack}-pdu-${side}`], ratingW: 1600 });
          inRack.push(host);
        }
        hosts.push(inRack);
      }
    }
  }
  // Five replicas per host: high-availability pairs on neighbouring racks, the rest standard.
  const environments: Environment[] = [];
  const flat = hosts.flat();
  for (let i = 0; i < flat.length; i++) {
    const rack = Math.floor(i / 5);
    const other = hosts[(rack + 1) % hosts.length]![i % 5]!;
    environments.push({ id: `ha${i}`, name: `ha${i}`, availability: 'high', replicas: [{ service: 'api', host: flat[i]! }, { service: 'api', host: other }] });
    for (let k = 0; k < 3; k++) environments.push({ id: `std${i}-${k}`, name: `std${i}-${k}`, availability: 'standard', replicas: [{ service: 'web', host: flat[i]! }] });
  }
  return { facility: facilitySchema.parse({ components: c }), environments };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeSweep(input: AnalysisInput, rounds: number): { ms: number; components: number; spofs: number } {
  const times: number[] = [];
  let last = sweep(input);
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    last = sweep(input);
    times.push(performance.now() - t);
  }
  return { ms: median(times), components: last.components, spofs: last.singlePointsOfFailure.length };
}

export async function run(): Promise<BenchResult[]> {
  const small = generateFacility(1);
  const large = generateFacility(10);
  const a = timeSweep(small, 5);
  const b = timeSweep(large, 3);
  const componentRatio = b.components / a.components;
  const timeRatio = b.ms / a.ms;
  const replicas = (i: AnalysisInput) => i.environments.reduce((s, e) => s + e.replicas.length, 0);
  return [
    {
      id: 'dcim.sweep.scaling',
      title: `N-1 sweep, ${large.facility.components.length.toLocaleString('en')} components and ${replicas(large).toLocaleString('en')} replicas against ${small.facility.components.length.toLocaleString('en')} and ${replicas(small).toLocaleString('en')}`,
      unit: 'ms',
      value: Math.round(b.ms),
      baseline: { title: `the same sweep on the facility ${componentRatio.toFixed(1)}× smaller`, value: Math.round(a.ms) },
      // Linear time over measured time: ≥ 10/11 means 10× the components took at most 11× the time.
      ratio: Math.round((componentRatio / timeRatio) * 100) / 100,
      better: 'lower',
      goal: `ratio ≥ ${(10 / 11).toFixed(2)} (${componentRatio.toFixed(1)}× the components in at most 11× the time)`,
      met: timeRatio <= 11 && a.spofs === 0 && b.spofs === 0,
      notes: `${a.components.toLocaleString('en')} → ${b.components.toLocaleString('en')} components taken down in turn, time ×${timeRatio.toFixed(2)}; both facilities sweep clean`,
    },
  ];
}
