import { componentSchema, facilitySchema, validateFacility, type ComponentInput, type Facility } from '../../facility/index.js';

/** Builds a validated facility from short component literals; throws on any model error. */
export function facility(components: ComponentInput[]): Facility {
  const f = facilitySchema.parse({ components: components.map((c) => componentSchema.parse(c)) });
  const errors = validateFacility(f);
  if (errors.length > 0) throw new Error(errors.map((e) => `${e.pointer}: ${e.message}`).join('\n'));
  return f;
}

/**
 * A small room with known answers: utility and generator → UPS-A, UPS-B → panels → feeds A, B →
 * two racks with a PDU on each feed; H1 and H2 dual-corded, H3 single-corded on feed A; two
 * cooling units on both panels.
 */
export function smallRoom(o: { psuW?: number; coolingW?: number; feedW?: number } = {}): ComponentInput[] {
  const psuW = o.psuW ?? 2000;
  const coolingW = o.coolingW ?? 10_000;
  const feedW = o.feedW ?? 10_000;
  const host = (id: string, rack: string, pdus: string[]): ComponentInput[] => [
    { id, kind: 'host', name: id, parent: rack, inputs: pdus.map((_, i) => `${id}-psu${i + 1}`), ratingW: 1000, drawW: 200 },
    ...pdus.map((pdu, i): ComponentInput => ({ id: `${id}-psu${i + 1}`, kind: 'psu', name: `${id} PSU ${i + 1}`, parent: id, inputs: [pdu], ratingW: psuW })),
  ];
  return [
    { id: 'S', kind: 'site', name: 'Site' },
    { id: 'R', kind: 'room', name: 'Room', parent: 'S', areaM2: 100 },
    { id: 'U', kind: 'utility', name: 'Utility', parent: 'S', ratingW: 100_000 },
    { id: 'G', kind: 'generator', name: 'Generator', parent: 'S', ratingW: 100_000 },
    { id: 'UPS-A', kind: 'ups', name: 'UPS A', parent: 'S', inputs: ['U', 'G'], ratingW: 20_000 },
    { id: 'UPS-B', kind: 'ups', name: 'UPS B', parent: 'S', inputs: ['U', 'G'], ratingW: 20_000 },
    { id: 'PA', kind: 'panel', name: 'Panel A', parent: 'S', inputs: ['UPS-A'], ratingW: 20_000 },
    { id: 'PB', kind: 'panel', name: 'Panel B', parent: 'S', inputs: ['UPS-B'], ratingW: 20_000 },
    { id: 'FA', kind: 'feed', name: 'Feed A', parent: 'R', inputs: ['PA'], ratingW: feedW },
    { id: 'FB', kind: 'feed', name: 'Feed B', parent: 'R', inputs: ['PB'], ratingW: feedW },
    { id: 'K1', kind: 'rack', name: 'Rack 1', parent: 'R', ratingW: 8000, heightU: 42 },
    { id: 'K2', kind: 'rack', name: 'Rack 2', parent: 'R', ratingW: 8000, heightU: 42 },
    { id: 'K1-A', kind: 'pdu', name: 'PDU 1A', parent: 'K1', inputs: ['FA'], ratingW: 5000 },
    { id: 'K1-B', kind: 'pdu', name: 'PDU 1B', parent: 'K1', inputs: ['FB'], ratingW: 5000 },
    { id: 'K2-A', kind: 'pdu', name: 'PDU 2A', parent: 'K2', inputs: ['FA'], ratingW: 5000 },
    { id: 'K2-B', kind: 'pdu', name: 'PDU 2B', parent: 'K2', inputs: ['FB'], ratingW: 5000 },
    ...host('H1', 'K1', ['K1-A', 'K1-B']),
    ...host('H2', 'K2', ['K2-A', 'K2-B']),
    ...host('H3', 'K2', ['K2-A']),
    { id: 'C1', kind: 'cooling', name: 'CRAH 1', parent: 'R', inputs: ['PA', 'PB'], ratingW: coolingW, drawW: 1000 },
    { id: 'C2', kind: 'cooling', name: 'CRAH 2', parent: 'R', inputs: ['PA', 'PB'], ratingW: coolingW, drawW: 1000 },
  ];
}

export const smallEnvs = [
  { id: 'e-high', name: 'portal', availability: 'high' as const, replicas: [{ service: 'web', host: 'H1' }, { service: 'web', host: 'H2' }] },
  { id: 'e-std', name: 'batch', availability: 'standard' as const, replicas: [{ service: 'job', host: 'H3' }] },
];
