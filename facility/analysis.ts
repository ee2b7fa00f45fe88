/**
 * What stops, and what runs over its rating, when one component goes down.
 *
 * `whatIf` simulates one failure from scratch: which nodes stay live, the loads on the surviving
 * path, the environments that stop. `sweep` answers the same question for every component at
 * once without re-simulating the whole facility each time: it follows each component's impact
 * set (the nodes that lose every input when it goes, found by counting dead inputs) and moves
 * only the load of the nodes that lost one input, up the graph in topological order. The cost
 * is the sum of the impact sets, which grows with the facility, not with its square. The
 * property tests check that both give the same answers.
 */
import { EPSILON_W, FacilityGraph, indexServices, type AnalysisInput, type ServiceIndex } from './graph.js';
import { failableKinds, type ComponentKind } from './model.js';

export interface Overload {
  id: string;
  kind: ComponentKind;
  loadW: number;
  limitW: number;
  baselineW: number;
}

export interface RoomCooling {
  id: string;
  heatW: number;
  capacityW: number;
  /** Capacity minus heat: below one unit's capacity, the room has no redundancy left. */
  headroomW: number;
  largestUnitW: number;
}

export interface EnvRef {
  id: string;
  name: string;
  availability: 'high' | 'standard';
}

export interface WhatIf {
  component: { id: string; kind: ComponentKind; name: string };
  /** Components that go down with it (itself, or what a rack holds, and what they feed). */
  down: string[];
  stoppedHosts: string[];
  environmentsStopped: EnvRef[];
  /** High-availability environments that lose replicas but keep at least one of each service. */
  highKeeping: (EnvRef & { replicasLost: number })[];
  overloads: Overload[];
  roomsOverCooling: RoomCooling[];
  singlePointOfFailure: boolean;
}

export interface Baseline {
  /** Power nodes with no live path in normal operation. */
  unpowered: string[];
  /** Components already above their limit in normal operation (racks over budget included). */
  overloads: Overload[];
  rooms: RoomCooling[];
  roomsOverCooling: RoomCooling[];
  /** Environments already stopped in normal operation. */
  environmentsStopped: EnvRef[];
  /** Replicas on hosts the facility model does not have: nothing can be proved about them. */
  unmodelled: { environment: string; host: string }[];
  loads: Map<string, number>;
}

export interface SweepEntry {
  id: string;
  kind: ComponentKind;
  name: string;
  stopsHigh: string[];
  overloads: string[];
  roomsOverCooling: string[];
}

export interface Sweep {
  components: number;
  singlePointsOfFailure: SweepEntry[];
  baseline: Omit<Baseline, 'loads'>;
  /** Clean: no single point of failure, nothing over its limit, nothing unpowered or unmodelled. */
  clean: boolean;
  /** Worst load of each power node over normal operation and every single failure. */
  worstW: Map<string, number>;
}

const failable = new Set<ComponentKind>(failableKinds);

function envRef(input: AnalysisInput, i: number): EnvRef {
  const e = input.environments[i]!;
  return { id: e.id, name: e.name, availability: e.availability };
}

function overload(g: FacilityGraph, v: number, load: number, base: number): Overload {
  return { id: g.id(v), kind: g.comps[v]!.kind, loadW: load, limitW: g.limit[v]!, baselineW: base };
}

function roomsOf(g: FacilityGraph, live: Uint8Array): Map<number, { heat: number; capacity: number; largest: number }> {
  const rooms = new Map<number, { heat: number; capacity: number; largest: number }>();
  g.comps.forEach((c, i) => {
    if (c.kind === 'room') rooms.set(i, { heat: 0, capacity: 0, largest: 0 });
  });
  for (const v of g.topo) {
    const r = g.room[v]!;
    if (r === -1) continue;
    const room = rooms.get(r)!;
    const c = g.comps[v]!;
    if (c.kind === 'cooling') {
      room.largest = Math.max(room.largest, c.ratingW ?? 0);
      if (live[v]) room.capacity += c.ratingW ?? 0;
    } else if (live[v]) room.heat += g.own[v]!;
  }
  return rooms;
}

function roomView(g: FacilityGraph, r: number, x: { heat: number; capacity: number; largest: number }): RoomCooling {
  return { id: g.id(r), heatW: x.heat, capacityW: x.capacity, headroomW: x.capacity - x.heat, largestUnitW: x.largest };
}

function stoppedEnvs(services: ServiceIndex[], live: Uint8Array): Set<number> {
  const stopped = new Set<number>();
  for (const s of services) if (!s.hosts.some((h) => live[h])) stopped.add(s.env);
  return stopped;
}

interface Prepared {
  g: FacilityGraph;
  services: ServiceIndex[];
  unmodelled: { environment: string; host: string }[];
  live: Uint8Array;
  load: Float64Array;
}

function prepare(input: AnalysisInput): Prepared {
  const g = new FacilityGraph(input);
  const { services, unmodelled } = indexServices(g, input.environments);
  const live = g.live(new Uint8Array(g.n));
  return { g, services, unmodelled, live, load: g.loads(live) };
}

function baselineOf(input: AnalysisInput, p: Prepared): Baseline {
  const { g, live, load } = p;
  const overloads: Overload[] = [];
  for (const v of g.topo) if (live[v] && load[v]! > g.limit[v]! + EPSILON_W) overloads.push(overload(g, v, load[v]!, load[v]!));
  // Racks: the draw of everything they hold against their budget.
  const rackLoad = new Map<number, number>();
  for (const v of g.topo) if (live[v] && g.rack[v] !== -1 && g.comps[v]!.kind !== 'psu') rackLoad.set(g.rack[v]!, (rackLoad.get(g.rack[v]!) ?? 0) + g.own[v]!);
  for (const [r, w] of rackLoad) if (w > g.limit[r]! + EPSILON_W) overloads.push(overload(g, r, w, w));
  const rooms = [...roomsOf(g, live)].map(([r, x]) => roomView(g, r, x));
  return {
    unpowered: g.topo.filter((v) => !live[v]).map((v) => g.id(v)),
    overloads,
    rooms,
    roomsOverCooling: rooms.filter((r) => r.heatW > r.capacityW + EPSILON_W),
    environmentsStopped: [...stoppedEnvs(p.services, live)].sort((a, b) => a - b).map((i) => envRef(input, i)),
    unmodelled: p.unmodelled,
    loads: new Map(g.topo.map((v) => [g.id(v), load[v]!])),
  };
}

export function baseline(input: AnalysisInput): Baseline {
  return baselineOf(input, prepare(input));
}

export class UnknownComponent extends Error {}
/** Sites and rooms are places, not equipment one takes down. */
export class NotFailable extends Error {}

/** Simulates taking one component down, from scratch. */
export function whatIf(input: AnalysisInput, componentId: string): WhatIf {
  const p = prepare(input);
  const { g } = p;
  const c = g.index.get(componentId);
  if (c === undefined) throw new UnknownComponent(`no component ${componentId}`);
  const comp = g.comps[c]!;
  if (!failable.has(comp.kind)) throw new NotFailable(`a ${comp.kind} is not a component that can be taken down (choose one of ${failableKinds.join(', ')})`);
  const failed = new Uint8Array(g.n);
  for (const v of g.failedBy(c)) failed[v] = 1;
  const live = g.live(failed);
  const load = g.loads(live);
  const down = g.topo.filter((v) => p.live[v] && !live[v]);
  const before = stoppedEnvs(p.services, p.live);
  const after = stoppedEnvs(p.services, live);
  const stopped = [...after].filter((e) => !before.has(e)).sort((a, b) => a - b);
  const lost = new Map<number, number>();
  for (const s of p.services) {
    if (after.has(s.env)) continue;
    const n = s.hosts.filter((h) => p.live[h] && !live[h]).length;
    if (n > 0) lost.set(s.env, (lost.get(s.env) ?? 0) + n);
  }
  const overloads: Overload[] = [];
  for (const v of g.topo) {
    if (live[v] && load[v]! > g.limit[v]! + EPSILON_W && load[v]! > p.load[v]! + EPSILON_W) overloads.push(overload(g, v, load[v]!, p.load[v]!));
  }
  const roomsBefore = roomsOf(g, p.live);
  const roomsOver = [...roomsOf(g, live)]
    .filter(([r, x]) => x.heat > x.capacity + EPSILON_W && x.capacity < roomsBefore.get(r)!.capacity - EPSILON_W)
    .map(([r, x]) => roomView(g, r, x));
  const environmentsStopped = stopped.map((e) => envRef(input, e));
  return {
    component: { id: comp.id, kind: comp.kind, name: comp.name },
    down: down.map((v) => g.id(v)),
    stoppedHosts: down.filter((v) => g.comps[v]!.kind === 'host').map((v) => g.id(v)),
    environmentsStopped,
    highKeeping: [...lost]
      .filter(([e]) => input.environments[e]!.availability === 'high')
      .sort((a, b) => a[0] - b[0])
      .map(([e, n]) => ({ ...envRef(input, e), replicasLost: n })),
    overloads,
    roomsOverCooling: roomsOver,
    singlePointOfFailure: environmentsStopped.some((e) => e.availability === 'high') || overloads.length > 0 || roomsOver.length > 0,
  };
}

/** A binary max-heap of topological positions, each pushed at most once per round. */
class MaxHeap {
  private a: number[] = [];
  get size() {
    return this.a.length;
  }
  push(x: number) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! >= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const r = l + 1;
        const m = r < a.length && a[r]! > a[l]! ? r : l;
        if (a[m]! <= last) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/** Every single failure at once: the N-1 sweep. */
export function sweep(input: AnalysisInput): Sweep {
  const p = prepare(input);
  const { g, live, load } = p;
  const base = baselineOf(input, p);
  const n = g.n;

  const liveInputs = new Int32Array(n);
  for (const v of g.topo) if (live[v]) for (const q of g.inputs[v]!) if (live[q]) liveInputs[v] = liveInputs[v]! + 1;
  // Replicas by host: the services each live host carries, and how many live hosts each service has.
  const servicesOn: number[][] = Array.from({ length: n }, () => []);
  const liveHosts = new Int32Array(p.services.length);
  p.services.forEach((s, si) => {
    for (const h of s.hosts) {
      if (!live[h]) continue;
      servicesOn[h]!.push(si);
      liveHosts[si] = liveHosts[si]! + 1;
    }
  });
  const roomBase = roomsOf(g, live);
  const stoppedBefore = stoppedEnvs(p.services, live);

  const inU = new Uint8Array(n);
  const deadInputs = new Int32Array(n);
  const delta = new Float64Array(n);
  const queued = new Uint8Array(n);
  const stoppedCount = new Int32Array(p.services.length);
  const worst = Float64Array.from(load);
  const spofs: SweepEntry[] = [];
  let components = 0;

  for (let c = 0; c < n; c++) {
    const comp = g.comps[c]!;
    if (!failable.has(comp.kind)) continue;
    components++;
    // Impact set: the failed nodes, then every node whose live inputs are all dead.
    const U: number[] = [];
    for (const r of g.failedBy(c)) if (live[r] && !inU[r]) (inU[r] = 1), U.push(r);
    const roots = U.length;
    const touched: number[] = [];
    for (let h = 0; h < U.length; h++) {
      for (const w of g.children[U[h]!]!) {
        if (!live[w] || inU[w]) continue;
        if (deadInputs[w] === 0) touched.push(w);
        if ((deadInputs[w] = deadInputs[w]! + 1) === liveInputs[w]) (inU[w] = 1), U.push(w);
      }
    }
    // Load moves: failed roots stop drawing from their inputs; nodes that lost an input send
    // their load to the inputs they keep; the change climbs the graph, children first.
    const heap = new MaxHeap();
    const changed: number[] = [];
    const mark = (v: number) => {
      if (!queued[v]) (queued[v] = 1), changed.push(v), heap.push(g.topoPos[v]!);
    };
    for (let i = 0; i < roots; i++) {
      const r = U[i]!;
      g.distribute(r, load[r]!, (q) => live[q] === 1, (q, w) => {
        if (!inU[q]) (delta[q] = delta[q]! - w), mark(q);
      });
    }
    for (const w of touched) if (!inU[w]) mark(w);
    while (heap.size > 0) {
      const v = g.topo[heap.pop()]!;
      const now = load[v]! + delta[v]!;
      g.distribute(v, load[v]!, (q) => live[q] === 1, (q, w) => {
        if (!inU[q]) (delta[q] = delta[q]! - w), mark(q);
      });
      g.distribute(v, now, (q) => live[q] === 1 && !inU[q], (q, w) => {
        delta[q] = delta[q]! + w;
        mark(q);
      });
    }
    const overloads: string[] = [];
    for (const v of changed) {
      if (inU[v]) continue;
      const now = load[v]! + delta[v]!;
      if (now > worst[v]!) worst[v] = now;
      if (now > g.limit[v]! + EPSILON_W && delta[v]! > EPSILON_W) overloads.push(g.id(v));
    }
    // Services that lose every live host.
    const stopsHigh = new Set<string>();
    const hit: number[] = [];
    for (const u of U) {
      for (const si of servicesOn[u]!) {
        if (stoppedCount[si] === 0) hit.push(si);
        if ((stoppedCount[si] = stoppedCount[si]! + 1) === liveHosts[si]) {
          const e = input.environments[p.services[si]!.env]!;
          if (e.availability === 'high' && !stoppedBefore.has(p.services[si]!.env)) stopsHigh.add(e.id);
        }
      }
    }
    // Cooling: capacity lost and heat gone, per room.
    const roomDelta = new Map<number, { heat: number; capacity: number }>();
    for (const u of U) {
      const r = g.room[u]!;
      if (r === -1) continue;
      const d = roomDelta.get(r) ?? { heat: 0, capacity: 0 };
      if (g.comps[u]!.kind === 'cooling') d.capacity += g.comps[u]!.ratingW ?? 0;
      else d.heat += g.own[u]!;
      roomDelta.set(r, d);
    }
    const roomsOver: string[] = [];
    for (const [r, d] of roomDelta) {
      const b = roomBase.get(r)!;
      if (d.capacity > EPSILON_W && b.heat - d.heat > b.capacity - d.capacity + EPSILON_W) roomsOver.push(g.id(r));
    }
    if (stopsHigh.size > 0 || overloads.length > 0 || roomsOver.length > 0) {
      spofs.push({ id: comp.id, kind: comp.kind, name: comp.name, stopsHigh: [...stopsHigh].sort(), overloads: overloads.sort(), roomsOverCooling: roomsOver.sort() });
    }
    // Reset for the next component, touching only what this one touched.
    for (const u of U) inU[u] = 0;
    for (const w of touched) deadInputs[w] = 0;
    for (const v of changed) (delta[v] = 0), (queued[v] = 0);
    for (const si of hit) stoppedCount[si] = 0;
  }
  const { loads: _loads, ...rest } = base;
  return {
    components,
    singlePointsOfFailure: spofs,
    baseline: rest,
    clean: spofs.length === 0 && rest.overloads.length === 0 && rest.unpowered.length === 0 && rest.roomsOverCooling.length === 0 && rest.unmodelled.length === 0 && rest.environmentsStopped.length === 0,
    worstW: new Map(g.topo.filter((v) => live[v]).map((v) => [g.id(v), worst[v]!])),
  };
}
