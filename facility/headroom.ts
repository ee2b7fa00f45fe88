/**
 * Power headroom for placement. A watt more on a host can, after any single failure, land on
 * every component above it (the surviving path carries the whole host), so each of them must
 * keep that watt under its limit at its worst load over normal operation and every single
 * failure; the host's rack must keep it under its budget.
 */
import { sweep as runSweep, type Sweep } from './analysis.js';
import { FacilityGraph, type AnalysisInput } from './graph.js';

export interface PowerHeadroom {
  /** Per host component: the rack and the power components a watt more on it may use. */
  constraintsOf: Map<string, string[]>;
  /** Per constraint: watts left before its limit, at its worst over the N-1 cases (negative when already over). */
  headroomW: Map<string, number>;
  rackOf: Map<string, string>;
}

export function powerHeadroom(input: AnalysisInput, done?: Sweep): PowerHeadroom {
  const g = new FacilityGraph(input);
  const s = done ?? runSweep(input);
  const headroomW = new Map<string, number>();
  const constraintsOf = new Map<string, string[]>();
  const rackOf = new Map<string, string>();
  const rackLoad = new Map<number, number>();
  for (const v of g.topo) {
    const worst = s.worstW.get(g.id(v));
    if (worst !== undefined && !Number.isNaN(g.limit[v]!) && g.comps[v]!.kind !== 'host') headroomW.set(g.id(v), g.limit[v]! - worst);
    if (g.rack[v] !== -1 && g.comps[v]!.kind !== 'psu' && worst !== undefined) rackLoad.set(g.rack[v]!, (rackLoad.get(g.rack[v]!) ?? 0) + g.own[v]!);
  }
  for (const [r, w] of rackLoad) headroomW.set(g.id(r), g.limit[r]! - w);
  g.comps.forEach((c, h) => {
    if (c.kind !== 'host') return;
    const seen = new Set<number>();
    const stack = [...g.inputs[h]!];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      stack.push(...g.inputs[v]!);
    }
    const list = [...seen].filter((v) => headroomW.has(g.id(v))).map((v) => g.id(v));
    if (g.rack[h] !== -1) {
      const rack = g.id(g.rack[h]!);
      rackOf.set(c.id, rack);
      if (!headroomW.has(rack)) headroomW.set(rack, g.limit[g.rack[h]!]!);
      list.unshift(rack);
    }
    constraintsOf.set(c.id, list);
  });
  return { constraintsOf, headroomW, rackOf };
}
