/**
 * The facility as arrays: the power graph (inputs, children, a topological order), each node's
 * own load and limit, and the location of every component (its rack and room). Built once per
 * analysis; what-if and sweep read it.
 */
import { inputModeOf, isPowerKind, isSourceKind, limitW, type Component, type Facility } from './model.js';

export interface Replica {
  service: string;
  /** The facility host component the replica runs on. */
  host: string;
}

export interface Environment {
  id: string;
  name: string;
  availability: 'high' | 'standard';
  replicas: Replica[];
}

export interface AnalysisInput {
  facility: Facility;
  /** Planned or measured draw of each host component, in watts; absent hosts draw their nameplate. */
  hostDrawW?: ReadonlyMap<string, number>;
  environments: readonly Environment[];
}

export const EPSILON_W = 1e-6;

export class FacilityGraph {
  readonly n: number;
  readonly comps: readonly Component[];
  readonly index = new Map<string, number>();
  readonly power: Uint8Array;
  readonly standby: Uint8Array;
  readonly inputs: number[][];
  readonly children: number[][];
  /** Power nodes, every input before the nodes it feeds. */
  readonly topo: number[];
  readonly topoPos: Int32Array;
  readonly own: Float64Array;
  readonly limit: Float64Array;
  readonly rack: Int32Array;
  readonly room: Int32Array;
  readonly contained: number[][];

  constructor(input: Pick<AnalysisInput, 'facility' | 'hostDrawW'>) {
    const comps = input.facility.components;
    this.comps = comps;
    const n = (this.n = comps.length);
    comps.forEach((c, i) => this.index.set(c.id, i));
    this.power = new Uint8Array(n);
    this.standby = new Uint8Array(n);
    this.own = new Float64Array(n);
    this.limit = new Float64Array(n).fill(Number.NaN);
    this.rack = new Int32Array(n).fill(-1);
    this.room = new Int32Array(n).fill(-1);
    this.inputs = new Array<number[]>(n);
    this.children = Array.from({ length: n }, () => [] as number[]);
    this.contained = Array.from({ length: n }, () => [] as number[]);
    const parent = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const c = comps[i]!;
      this.power[i] = isPowerKind(c.kind) ? 1 : 0;
      this.standby[i] = inputModeOf(c) === 'standby' ? 1 : 0;
      this.inputs[i] = c.inputs.map((ref) => this.index.get(ref)!);
      for (const p of this.inputs[i]!) this.children[p]!.push(i);
      const l = limitW(c);
      if (l !== null) this.limit[i] = l;
      if (c.kind === 'host') this.own[i] = input.hostDrawW?.get(c.id) ?? c.ratingW ?? 0;
      else if (c.kind !== 'rack') this.own[i] = c.drawW ?? 0;
      if (c.parent !== null) {
        parent[i] = this.index.get(c.parent)!;
        this.contained[parent[i]!]!.push(i);
      }
    }
    // Rack and room by walking up the location tree (at most four levels).
    for (let i = 0; i < n; i++) {
      for (let p = i, depth = 0; p !== -1 && depth < 6; p = parent[p]!, depth++) {
        const k = comps[p]!.kind;
        if (k === 'rack' && this.rack[i] === -1) this.rack[i] = p;
        if (k === 'room') {
          this.room[i] = p;
          break;
        }
      }
    }
    // Kahn's order over the power nodes.
    const pending = new Int32Array(n);
    const queue: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!this.power[i]) continue;
      pending[i] = this.inputs[i]!.length;
      if (pending[i] === 0) queue.push(i);
    }
    this.topo = [];
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h]!;
      this.topo.push(v);
      for (const w of this.children[v]!) if (--pending[w]! === 0) queue.push(w);
    }
    this.topoPos = new Int32Array(n).fill(-1);
    this.topo.forEach((v, i) => (this.topoPos[v] = i));
  }

  id(i: number): string {
    return this.comps[i]!.id;
  }

  /** The power nodes that go down with a component: itself, or everything a rack holds. */
  failedBy(c: number): number[] {
    if (this.power[c]) return [c];
    const out: number[] = [];
    const stack = [c];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (this.power[v]) out.push(v);
      stack.push(...this.contained[v]!);
    }
    return out;
  }

  /** Which power nodes are live when `failed` are down: a source is live unless failed, any other node when one of its inputs is. */
  live(failed: Uint8Array): Uint8Array {
    const live = new Uint8Array(this.n);
    for (const v of this.topo) {
      if (failed[v]) continue;
      const c = this.comps[v]!;
      if (isSourceKind(c.kind)) live[v] = 1;
      else for (const p of this.inputs[v]!) if (live[p]) { live[v] = 1; break; }
    }
    return live;
  }

  /** Load of every live node: its own draw plus what its children send it. */
  loads(live: Uint8Array): Float64Array {
    const load = new Float64Array(this.n);
    for (let t = this.topo.length - 1; t >= 0; t--) {
      const v = this.topo[t]!;
      if (!live[v]) continue;
      load[v] = load[v]! + this.own[v]!;
      this.distribute(v, load[v]!, (p) => live[p] === 1, (p, w) => (load[p] = load[p]! + w));
    }
    return load;
  }

  /** Sends `amount` to the inputs that pass `ok`: all of it to the first in standby mode, evenly in shared mode. */
  distribute(v: number, amount: number, ok: (p: number) => boolean, add: (p: number, w: number) => void): void {
    const ins = this.inputs[v]!;
    if (this.standby[v]) {
      for (const p of ins) if (ok(p)) return add(p, amount);
      return;
    }
    let k = 0;
    for (const p of ins) if (ok(p)) k++;
    if (k === 0) return;
    for (const p of ins) if (ok(p)) add(p, amount / k);
  }
}

/** Services of each environment with the hosts (graph indices) their replicas run on. */
export interface ServiceIndex {
  env: number;
  hosts: number[];
}

export function indexServices(g: FacilityGraph, environments: readonly Environment[]): { services: ServiceIndex[]; unmodelled: { environment: string; host: string }[] } {
  const services: ServiceIndex[] = [];
  const unmodelled: { environment: string; host: string }[] = [];
  environments.forEach((e, ei) => {
    const byService = new Map<string, Set<number>>();
    for (const r of e.replicas) {
      const h = g.index.get(r.host);
      if (h === undefined || g.comps[h]!.kind !== 'host') {
        unmodelled.push({ environment: e.id, host: r.host });
        continue;
      }
      const set = byService.get(r.service) ?? new Set<number>();
      set.add(h);
      byService.set(r.service, set);
    }
    for (const hosts of byService.values()) services.push({ env: ei, hosts: [...hosts] });
  });
  return { services, unmodelled };
}
