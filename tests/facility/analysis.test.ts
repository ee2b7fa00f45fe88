import { describe, expect, it } from 'vitest';
import { baseline, facilitySchema, sweep, validateFacility, whatIf } from '../../facility/index.js';
import { facility, smallEnvs, smallRoom } from './builders.js';

const input = (o: Parameters<typeof smallRoom>[0] = {}, environments = smallEnvs) => ({ facility: facility(smallRoom(o)), environments });

describe('facility model', () => {
  it('names every broken reference, bad parent, missing rating and power loop with its pointer', () => {
    const f = facilitySchema.parse({
      components: [
        { id: 'S', kind: 'site', name: 'S' },
        { id: 'R', kind: 'room', name: 'R', parent: 'nowhere' },
        { id: 'K', kind: 'rack', name: 'K', parent: 'S', ratingW: 1 },
        { id: 'P', kind: 'panel', name: 'P', parent: 'S', inputs: [] , ratingW: 1 },
        { id: 'X', kind: 'feed', name: 'X', parent: 'S', inputs: ['ghost'] },
      ],
    });
    expect(validateFacility(f)).toEqual([
      { pointer: '/components/1/parent', message: 'no component nowhere' },
      { pointer: '/components/2/parent', message: 'a rack cannot sit in a site' },
      { pointer: '/components/3/inputs', message: 'a panel needs at least one power input' },
      { pointer: '/components/4/inputs/0', message: 'no component ghost' },
      { pointer: '/components/4/ratingW', message: 'a feed needs its rating in watts' },
    ]);
    const loop = facilitySchema.parse({
      components: [
        { id: 'S', kind: 'site', name: 'S' },
        { id: 'P1', kind: 'panel', name: 'P1', parent: 'S', inputs: ['P2'], ratingW: 1 },
        { id: 'P2', kind: 'panel', name: 'P2', parent: 'S', inputs: ['P1'], ratingW: 1 },
      ],
    });
    expect(validateFacility(loop)).toEqual([{ pointer: '/components/1/inputs', message: 'power loop: P1 → P2 → P1' }]);
  });

  it('computes the load on every path: dual-corded hosts split, standby inputs take it all', () => {
    const b = baseline(input());
    expect(b.loads.get('H1-psu1')).toBe(500);
    expect(b.loads.get('K2-A')).toBe(1500);
    expect(b.loads.get('FA')).toBe(2000);
    expect(b.loads.get('FB')).toBe(1000);
    // Both cooling units draw from their first panel.
    expect(b.loads.get('PA')).toBe(4000);
    expect(b.loads.get('U')).toBe(5000);
    expect(b.loads.get('G')).toBe(0);
    expect(b.rooms).toEqual([{ id: 'R', heatW: 3000, capacityW: 20_000, headroomW: 17_000, largestUnitW: 10_000 }]);
    expect(b.overloads).toEqual([]);
  });
});

describe('what-if', () => {
  it('a feed: the single-corded host stops with its environment, the high one keeps both replicas', () => {
    const w = whatIf(input(), 'FA');
    expect(w.stoppedHosts).toEqual(['H3']);
    expect(w.environmentsStopped).toEqual([{ id: 'e-std', name: 'batch', availability: 'standard' }]);
    expect(w.highKeeping).toEqual([]);
    expect(w.overloads).toEqual([]);
    expect(w.singlePointOfFailure).toBe(false);
  });

  it('a host: the high environment keeps a replica', () => {
    const w = whatIf(input(), 'H1');
    expect(w.environmentsStopped).toEqual([]);
    expect(w.highKeeping).toEqual([{ id: 'e-high', name: 'portal', availability: 'high', replicasLost: 1 }]);
  });

  it('a rack takes its PDUs, hosts and power supplies with it', () => {
    const w = whatIf(input(), 'K2');
    expect(w.down.sort()).toEqual(['H2', 'H2-psu1', 'H2-psu2', 'H3', 'H3-psu1', 'K2-A', 'K2-B']);
    expect(w.environmentsStopped.map((e) => e.id)).toEqual(['e-std']);
    expect(w.highKeeping.map((e) => e.id)).toEqual(['e-high']);
  });

  it('a PDU whose surviving power supply cannot carry the whole host is a single point of failure', () => {
    // 1,000 W on one 1,200 W supply: above its 960 W ceiling.
    const w = whatIf(input({ psuW: 1200 }), 'K1-A');
    expect(w.overloads).toEqual([{ id: 'H1-psu2', kind: 'psu', loadW: 1000, limitW: 960, baselineW: 500 }]);
    expect(w.singlePointOfFailure).toBe(true);
  });

  it('a cooling unit whose loss leaves less capacity than heat', () => {
    const w = whatIf(input({ coolingW: 2000 }), 'C1');
    expect(w.roomsOverCooling).toEqual([{ id: 'R', heatW: 3000, capacityW: 2000, headroomW: -1000, largestUnitW: 2000 }]);
    expect(w.singlePointOfFailure).toBe(true);
  });

  it('both replicas on one rack: the rack stops the high environment', () => {
    const envs = [{ id: 'e', name: 'e', availability: 'high' as const, replicas: [{ service: 's', host: 'H2' }, { service: 's', host: 'H3' }] }];
    expect(whatIf(input({}, envs), 'K2').environmentsStopped.map((e) => e.id)).toEqual(['e']);
    // H2 is dual-corded: losing feed A stops only H3, so the rack is the one single point.
    expect(sweep(input({}, envs)).singlePointsOfFailure.map((s) => s.id)).toEqual(['K2']);
  });

  it('refuses a component that cannot be taken down, and an unknown one', () => {
    expect(() => whatIf(input(), 'R')).toThrow(/not a component that can be taken down/);
    expect(() => whatIf(input(), 'nope')).toThrow(/no component nope/);
  });
});

describe('N-1 sweep', () => {
  it('a sound room has no single point of failure; the standard environment may stop', () => {
    const s = sweep(input());
    expect(s.components).toBe(24);
    expect(s.singlePointsOfFailure).toEqual([]);
    expect(s.clean).toBe(true);
  });

  it('names each single point of failure with what it breaks', () => {
    const s = sweep(input({ psuW: 1200, coolingW: 2000 }));
    const line = (x: { id: string; overloads: string[]; roomsOverCooling: string[]; stopsHigh: string[] }) => `${x.id}: ${[...x.overloads, ...x.roomsOverCooling, ...x.stopsHigh].join(' ')}`;
    // 1,000 W on one 1,200 W supply is above its 960 W ceiling: every loss of one side of a
    // dual-corded host's path overloads its other supply; 3,000 W of heat on one 2,000 W unit.
    expect(s.singlePointsOfFailure.map(line)).toEqual([
      'UPS-A: H1-psu2 H2-psu2',
      'UPS-B: H1-psu1 H2-psu1',
      'PA: H1-psu2 H2-psu2',
      'PB: H1-psu1 H2-psu1',
      'FA: H1-psu2 H2-psu2',
      'FB: H1-psu1 H2-psu1',
      'K1-A: H1-psu2',
      'K1-B: H1-psu1',
      'K2-A: H2-psu2',
      'K2-B: H2-psu1',
      'H1-psu1: H1-psu2',
      'H1-psu2: H1-psu1',
      'H2-psu1: H2-psu2',
      'H2-psu2: H2-psu1',
      'C1: R',
      'C2: R',
    ]);
  });

  it('reports what is over its limit in normal operation and replicas on hosts the model lacks', () => {
    const s = sweep(input({ feedW: 2000 }, [...smallEnvs, { id: 'x', name: 'x', availability: 'standard', replicas: [{ service: 's', host: 'elsewhere' }] }]));
    expect(s.baseline.overloads.map((o) => o.id)).toEqual(['FA']);
    expect(s.baseline.unmodelled).toEqual([{ environment: 'x', host: 'elsewhere' }]);
    expect(s.clean).toBe(false);
  });
});
