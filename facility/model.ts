/**
 * The facility model: where things stand (site → room → rack → host) and how power and cooling
 * reach them (utility and generators → UPS → panels → feeds → rack PDUs → host power supplies;
 * cooling units per room). Plain data, validated with zod, shared by the console, the API, the
 * CSV/JSON import and the analysis.
 *
 * Every quantity is in watts. A component's `inputs` are the components it draws power from, in
 * order: with `inputMode: 'standby'` the first live input carries the whole load (an automatic
 * transfer switch: utility first, then generators); with `'shared'` the load splits evenly over
 * the live inputs (dual-corded equipment, UPS in parallel).
 */
import { z } from 'zod';

export const componentKinds = ['site', 'room', 'rack', 'utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'psu', 'host', 'cooling'] as const;
export type ComponentKind = (typeof componentKinds)[number];

/** Kinds that carry or draw power: the nodes of the power graph. */
export const powerKinds = ['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'psu', 'host', 'cooling'] as const satisfies readonly ComponentKind[];
/** Kinds that produce power: they need no input. */
export const sourceKinds = ['utility', 'generator'] as const satisfies readonly ComponentKind[];
/** Kinds an operator can take down for maintenance: what the what-if and the sweep go through. */
export const failableKinds = ['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'psu', 'host', 'cooling', 'rack'] as const satisfies readonly ComponentKind[];

/** What the facility's meters and sensors report. */
export const readingMetrics = ['power_w', 'inlet_temperature_c', 'facility_energy_kwh', 'it_energy_kwh'] as const;
export type ReadingMetric = (typeof readingMetrics)[number];

/** The usual continuous-load ceiling of breakers, cables and UPS: 80 % of the rating. */
export const UTILISATION_CEILING = 0.8;

/** Which kind may sit inside which (the location tree). */
export const allowedParents: Record<ComponentKind, readonly ComponentKind[]> = {
  site: [],
  room: ['site'],
  rack: ['room'],
  utility: ['site'],
  generator: ['site'],
  ups: ['site', 'room'],
  panel: ['site', 'room'],
  feed: ['site', 'room'],
  pdu: ['rack'],
  psu: ['host'],
  host: ['rack'],
  cooling: ['room'],
};

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore, starting with a letter or digit');
const watts = z.number().finite().nonnegative();

export const componentSchema = z
  .object({
    id,
    kind: z.enum(componentKinds),
    name: z.string().trim().min(1).max(200),
    /** Where it stands: a room's site, a rack's room, a host's rack, a PSU's host. */
    parent: id.nullable().default(null),
    inputs: z.array(id).max(16).default([]),
    inputMode: z.enum(['shared', 'standby']).nullable().default(null),
    /** Rating: power it can deliver (sources, UPS, panel, feed, PDU, PSU), rack power budget, host nameplate draw, cooling capacity. */
    ratingW: watts.nullable().default(null),
    /** A host's draw with nothing placed on it; a cooling unit's electrical draw; fixed load on a PDU (equipment not listed one by one). */
    drawW: watts.nullable().default(null),
    /** UPS: installed modules and how many of them are redundancy (N+1 → 1). */
    modules: z.number().int().positive().max(64).nullable().default(null),
    redundantModules: z.number().int().nonnegative().max(63).nullable().default(null),
    /** Racks: height; hosts: lowest unit occupied and height. */
    heightU: z.number().int().positive().max(60).nullable().default(null),
    positionU: z.number().int().positive().max(60).nullable().default(null),
    areaM2: z.number().finite().positive().nullable().default(null),
    /** Hosts: the console host (by name) this server is. */
    hostName: z.string().min(1).max(100).nullable().default(null),
  })
  .strict();

export type Component = z.output<typeof componentSchema>;
export type ComponentInput = z.input<typeof componentSchema>;

export const facilitySchema = z.object({ components: z.array(componentSchema).max(500_000) }).strict();
export type Facility = z.output<typeof facilitySchema>;

export interface ModelError {
  /** JSON pointer into `{ components: [...] }`. */
  pointer: string;
  message: string;
}

const powerSet = new Set<ComponentKind>(powerKinds);
const sourceSet = new Set<ComponentKind>(sourceKinds);

export const isPowerKind = (k: ComponentKind) => powerSet.has(k);
export const isSourceKind = (k: ComponentKind) => sourceSet.has(k);

/** The default input mode: UPS and cooling units transfer (utility, then generator); the rest share. */
export function inputModeOf(c: Pick<Component, 'kind' | 'inputMode'>): 'shared' | 'standby' {
  return c.inputMode ?? (c.kind === 'ups' || c.kind === 'cooling' || c.kind === 'panel' ? 'standby' : 'shared');
}

/** Usable rating: a UPS keeps its redundant modules aside. */
export function usableRatingW(c: Component): number | null {
  if (c.ratingW === null) return null;
  if (c.kind === 'ups' && c.modules !== null) {
    const spare = c.redundantModules ?? 0;
    return (c.ratingW * Math.max(0, c.modules - spare)) / c.modules;
  }
  return c.ratingW;
}

/** The load a component may carry: 80 % of the usable rating for electrical gear, the budget or capacity itself for racks and cooling. */
export function limitW(c: Component): number | null {
  const usable = usableRatingW(c);
  if (usable === null) return null;
  if (c.kind === 'rack' || c.kind === 'cooling' || c.kind === 'host') return usable;
  return usable * UTILISATION_CEILING;
}

/**
 * Checks what zod cannot: unique ids, existing references, allowed parents and inputs, required
 * ratings, and a power graph without cycles. Returns every problem, each with its pointer.
 */
export function validateFacility(f: Facility): ModelError[] {
  const errors: ModelError[] = [];
  const index = new Map<string, number>();
  f.components.forEach((c, i) => {
    if (index.has(c.id)) errors.push({ pointer: `/components/${i}/id`, message: `duplicate id ${c.id}` });
    else index.set(c.id, i);
  });
  const kindOf = (ref: string) => {
    const i = index.get(ref);
    return i === undefined ? undefined : f.components[i]!.kind;
  };
  const hostNames = new Map<string, number>();
  f.components.forEach((c, i) => {
    const at = `/components/${i}`;
    if (c.parent === null) {
      if (allowedParents[c.kind].length > 0) errors.push({ pointer: `${at}/parent`, message: `a ${c.kind} sits in a ${allowedParents[c.kind].join(' or ')}` });
    } else {
      const pk = kindOf(c.parent);
      if (pk === undefined) errors.push({ pointer: `${at}/parent`, message: `no component ${c.parent}` });
      else if (!allowedParents[c.kind].includes(pk)) errors.push({ pointer: `${at}/parent`, message: `a ${c.kind} cannot sit in a ${pk}` });
    }
    if (!isPowerKind(c.kind) || isSourceKind(c.kind)) {
      if (c.inputs.length > 0) errors.push({ pointer: `${at}/inputs`, message: `a ${c.kind} takes no power input` });
    } else if (c.inputs.length === 0) {
      errors.push({ pointer: `${at}/inputs`, message: `a ${c.kind} needs at least one power input` });
    }
    const seen = new Set<string>();
    c.inputs.forEach((ref, j) => {
      const k = kindOf(ref);
      if (k === undefined) errors.push({ pointer: `${at}/inputs/${j}`, message: `no component ${ref}` });
      else if (!isPowerKind(k) || k === 'host' || k === 'cooling') errors.push({ pointer: `${at}/inputs/${j}`, message: `a ${k} supplies no power` });
      else if (c.kind === 'psu' && k !== 'pdu') errors.push({ pointer: `${at}/inputs/${j}`, message: 'a power supply is plugged into a PDU' });
      else if (c.kind === 'host' && k !== 'psu') errors.push({ pointer: `${at}/inputs/${j}`, message: 'a host draws through its own power supplies' });
      if (seen.has(ref)) errors.push({ pointer: `${at}/inputs/${j}`, message: `input ${ref} listed twice` });
      seen.add(ref);
    });
    if (c.kind === 'host' && c.inputs.length > 0) {
      c.inputs.forEach((ref, j) => {
        const pi = index.get(ref);
        if (pi !== undefined && f.components[pi]!.parent !== c.id) errors.push({ pointer: `${at}/inputs/${j}`, message: `power supply ${ref} belongs to another host` });
      });
    }
    if (['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'psu', 'rack', 'cooling', 'host'].includes(c.kind) && c.ratingW === null) {
      errors.push({ pointer: `${at}/ratingW`, message: `a ${c.kind} needs its rating in watts` });
    }
    if (c.kind === 'cooling' && c.drawW === null) errors.push({ pointer: `${at}/drawW`, message: 'a cooling unit needs its electrical draw in watts' });
    if (c.kind === 'host' && c.drawW !== null && c.ratingW !== null && c.drawW > c.ratingW) {
      errors.push({ pointer: `${at}/drawW`, message: 'idle draw cannot exceed the nameplate rating' });
    }
    if (c.redundantModules !== null && (c.modules === null || c.redundantModules >= c.modules)) {
      errors.push({ pointer: `${at}/redundantModules`, message: 'redundant modules must be fewer than the modules installed' });
    }
    if (c.hostName !== null) {
      if (c.kind !== 'host') errors.push({ pointer: `${at}/hostName`, message: 'only a host names a console host' });
      const prev = hostNames.get(c.hostName);
      if (prev !== undefined) errors.push({ pointer: `${at}/hostName`, message: `${c.hostName} is already component ${f.components[prev]!.id}` });
      hostNames.set(c.hostName, i);
    }
  });
  // Rack units: inside the rack, no overlap.
  const byRack = new Map<string, { i: number; from: number; to: number }[]>();
  f.components.forEach((c, i) => {
    if (c.kind !== 'host' || c.parent === null || c.positionU === null) return;
    const rack = f.components[index.get(c.parent) ?? -1];
    const h = c.heightU ?? 1;
    if (rack?.heightU != null && c.positionU + h - 1 > rack.heightU) errors.push({ pointer: `/components/${i}/positionU`, message: `beyond the ${rack.heightU} U of rack ${rack.id}` });
    const list = byRack.get(c.parent) ?? [];
    for (const o of list) {
      if (c.positionU <= o.to && o.from <= c.positionU + h - 1) errors.push({ pointer: `/components/${i}/positionU`, message: `overlaps ${f.components[o.i]!.id} in rack ${c.parent}` });
    }
    list.push({ i, from: c.positionU, to: c.positionU + h - 1 });
    byRack.set(c.parent, list);
  });
  if (errors.length === 0) {
    const cycle = findCycle(f);
    if (cycle) errors.push({ pointer: `/components/${index.get(cycle[0]!)}/inputs`, message: `power loop: ${cycle.join(' → ')}` });
  }
  return errors;
}

function findCycle(f: Facility): string[] | null {
  const inputs = new Map(f.components.map((c) => [c.id, c.inputs]));
  const state = new Map<string, 1 | 2>();
  for (const start of f.components) {
    if (state.has(start.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    state.set(start.id, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const ins = inputs.get(top.id) ?? [];
      if (top.next >= ins.length) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const n = ins[top.next++]!;
      const s = state.get(n);
      if (s === 1) return [...stack.slice(stack.findIndex((e) => e.id === n)).map((e) => e.id), n];
      if (s === undefined) {
        state.set(n, 1);
        stack.push({ id: n, next: 0 });
      }
    }
  }
  return null;
}
