/**
 * The demonstration facility: a national datacenter of about 500 m² of white space in two
 * rooms and about 1 MW of installed power, with a dual power chain (utility and two generators
 * → two UPS → panels → feeds A and B per room → a PDU per feed in every rack) and N+1 cooling
 * in each room. Figures are believable demonstration values, not the site's real ones (none
 * are public).
 *
 * It matches the demo hosts: each sits in a rack of the room named by its zone, its power supply
 * on the PDU of its feed; the other racks carry equipment the console does not place on
 * (network, storage, other platforms), given as a fixed draw per PDU.
 */
import { componentSchema, facilitySchema, type ComponentInput, type Facility } from '../../facility/index.js';
import { demoHosts } from './seed.js';

const kW = 1000;

const rooms = [
  { id: 'salle-1', name: 'Salle informatique 1', areaM2: 280, racks: 20, feedW: 200 * kW, coolingW: 100 * kW, coolingDrawW: 30 * kW },
  { id: 'salle-2', name: 'Salle informatique 2', areaM2: 220, racks: 16, feedW: 160 * kW, coolingW: 80 * kW, coolingDrawW: 24 * kW },
] as const;

/** Where each demo host stands: its room (zone), a rack, a position. */
function hostRack(name: string, zone: string): string {
  const n = Number(/h(\d+)$/.exec(name)![1]);
  const room = zone === 'salle-1' ? 's1' : 's2';
  return `${room}-r${String(Math.ceil(n / 2)).padStart(2, '0')}`;
}

export function demoFacility(): Facility {
  const c: ComponentInput[] = [
    { id: 'dc1', kind: 'site', name: 'Datacenter national, Abomey-Calavi (démonstration)', areaM2: 1200 },
    { id: 'sbee-hta', kind: 'utility', name: 'Arrivée réseau HTA et transformateur 1 250 kVA', parent: 'dc1', ratingW: 1000 * kW },
    { id: 'ge-1', kind: 'generator', name: 'Groupe électrogène 1 (1 250 kVA)', parent: 'dc1', ratingW: 1000 * kW },
    { id: 'ge-2', kind: 'generator', name: 'Groupe électrogène 2 (1 250 kVA)', parent: 'dc1', ratingW: 1000 * kW },
    { id: 'ups-1', kind: 'ups', name: 'Onduleur 1 (5 × 100 kW, N+1)', parent: 'dc1', inputs: ['sbee-hta', 'ge-1', 'ge-2'], ratingW: 500 * kW, modules: 5, redundantModules: 1 },
    { id: 'ups-2', kind: 'ups', name: 'Onduleur 2 (5 × 100 kW, N+1)', parent: 'dc1', inputs: ['sbee-hta', 'ge-1', 'ge-2'], ratingW: 500 * kW, modules: 5, redundantModules: 1 },
    { id: 'tdo-a', kind: 'panel', name: 'Tableau ondulé voie A', parent: 'dc1', inputs: ['ups-1'], ratingW: 400 * kW },
    { id: 'tdo-b', kind: 'panel', name: 'Tableau ondulé voie B', parent: 'dc1', inputs: ['ups-2'], ratingW: 400 * kW },
    { id: 'tdm-a', kind: 'panel', name: 'Tableau mécanique A', parent: 'dc1', inputs: ['sbee-hta', 'ge-1', 'ge-2'], ratingW: 300 * kW },
    { id: 'tdm-b', kind: 'panel', name: 'Tableau mécanique B', parent: 'dc1', inputs: ['sbee-hta', 'ge-1', 'ge-2'], ratingW: 300 * kW },
  ];
  const hosts = demoHosts();
  const hostRacks = new Map<string, typeof hosts>();
  for (const h of hosts) {
    const r = hostRack(h.name, h.zone);
    hostRacks.set(r, [...(hostRacks.get(r) ?? []), h]);
  }
  for (const room of rooms) {
    const short = room.id === 'salle-1' ? 's1' : 's2';
    c.push({ id: room.id, kind: 'room', name: room.name, parent: 'dc1', areaM2: room.areaM2 });
    for (const feed of ['a', 'b'] as const) {
      c.push({ id: `${short}-voie-${feed}`, kind: 'feed', name: `${room.name}, voie ${feed.toUpperCase()}`, parent: room.id, inputs: [`tdo-${feed}`], ratingW: room.feedW });
    }
    for (let r = 1; r <= room.racks; r++) {
      const rack = `${short}-r${String(r).padStart(2, '0')}`;
      const placed = hostRacks.get(rack) ?? [];
      // Racks with console hosts carry less other equipment.
      const otherW = placed.length > 0 ? 1500 : 3000;
      c.push({ id: rack, kind: 'rack', name: `Baie ${rack.toUpperCase()}`, parent: room.id, ratingW: 10 * kW, heightU: 42 });
      for (const feed of ['a', 'b'] as const) {
        c.push({ id: `${rack}-pdu-${feed}`, kind: 'pdu', name: `PDU ${feed.toUpperCase()} de ${rack.toUpperCase()} (32 A tri)`, parent: rack, inputs: [`${short}-voie-${feed}`], ratingW: 22 * kW, drawW: otherW });
      }
      placed.forEach((h, i) => {
        const big = h.vcpu >= 64;
        const id = h.name;
        c.push({
          id,
          kind: 'host',
          name: `Serveur ${h.name}`,
          parent: rack,
          hostName: h.name,
          inputs: [`${id}-psu1`],
          ratingW: big ? 1100 : 800,
          drawW: big ? 350 : 280,
          positionU: 10 + i * 2,
          heightU: 2,
        });
        c.push({ id: `${id}-psu1`, kind: 'psu', name: `Alimentation de ${h.name}`, parent: id, inputs: [`${rack}-pdu-${h.powerFeed.toLowerCase()}`], ratingW: big ? 1600 : 1100 });
      });
    }
    for (let u = 1; u <= 3; u++) {
      c.push({ id: `${short}-crah-${u}`, kind: 'cooling', name: `Armoire de climatisation ${u}, ${room.name.toLowerCase()}`, parent: room.id, inputs: ['tdm-a', 'tdm-b'], ratingW: room.coolingW, drawW: room.coolingDrawW });
    }
  }
  return facilitySchema.parse({ components: c.map((x) => componentSchema.parse(x)) });
}
