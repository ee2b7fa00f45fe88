/** Responses of the facility API: the model, its overview, what-if, the N-1 sweep, readings. */
import { z } from 'zod';
import { componentKinds, componentSchema, facilitySchema, readingMetrics } from '../../../facility/index.js';
import { count, instant, listOf, named, uuid } from './registry.js';

const kind = z.enum(componentKinds);
const watts = z.number();

export const facilityComponent = named('FacilityComponent', componentSchema, 'One component of the facility model (every quantity in watts)');
export const facilityComponentList = listOf('FacilityComponentList', facilityComponent);
export const facility = named('Facility', facilitySchema, 'The whole facility model, in entry order: what the import takes back');

const overload = named(
  'FacilityOverload',
  z.object({ id: z.string(), kind, loadW: watts, limitW: watts, baselineW: watts.describe('Its load in normal operation') }),
  'A component above its limit (80 % of the usable rating for electrical gear; the budget or capacity for racks and cooling)',
);
const roomCooling = named(
  'RoomCooling',
  z.object({
    id: z.string(),
    heatW: watts,
    capacityW: watts,
    headroomW: watts.describe('Capacity minus heat: below one unit’s capacity, the room has no redundancy left'),
    largestUnitW: watts,
  }),
);
const environmentRef = named('FacilityEnvironment', z.object({ id: z.string(), name: z.string(), availability: z.enum(['high', 'standard']) }));
const unmodelled = z.array(z.object({ environment: z.string(), host: z.string() })).describe('Replicas on hosts the facility model does not have: nothing can be proved about them');

const sweepEntry = named(
  'SinglePointOfFailure',
  z.object({
    id: z.string(),
    kind,
    name: z.string(),
    stopsHigh: z.array(z.string()).describe('High-availability environments its loss stops'),
    overloads: z.array(z.string()).describe('Components its loss carries over their limit'),
    roomsOverCooling: z.array(z.string()).describe('Rooms its loss leaves with less cooling than heat'),
  }),
);

export const sweepReport = named(
  'FacilitySweep',
  z.object({
    id: uuid,
    at: instant,
    trigger: z.string(),
    components: count,
    singlePoints: count,
    clean: z.boolean().describe('No single point of failure, nothing over its limit, nothing unpowered or unmodelled'),
    singlePointsOfFailure: z.array(sweepEntry),
    baseline: z
      .object({
        unpowered: z.array(z.string()),
        overloads: z.array(overload),
        rooms: z.array(roomCooling),
        roomsOverCooling: z.array(roomCooling),
        environmentsStopped: z.array(environmentRef),
        unmodelled,
      })
      .describe('Normal operation'),
  }),
  'One N-1 sweep: every component taken down in turn',
);
export const lastSweep = named('FacilitySweepResult', z.object({ sweep: sweepReport.nullable().describe('Null when no facility is modelled') }));

const nullableWatts = watts.nullable();
export const facilityOverview = named(
  'FacilityOverview',
  z.object({
    components: count,
    rooms: z.array(
      z.object({
        id: z.string(),
        heatW: watts,
        capacityW: watts,
        headroomW: watts,
        largestUnitW: watts,
        name: z.string(),
        areaM2: z.number().nullable(),
        units: count.describe('Cooling units in the room'),
        inletMaxC: z.number().nullable().describe('Highest latest inlet temperature of the room and its racks'),
      }),
    ),
    racks: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        room: z.string().nullable(),
        heightU: z.number().int().nullable(),
        usedU: count,
        budgetW: watts,
        loadW: watts,
        measuredW: nullableWatts,
        inletC: z.number().nullable(),
      }),
    ),
    power: z.array(
      z.object({
        id: z.string(),
        kind,
        name: z.string(),
        ratingW: nullableWatts.describe('Usable rating (a UPS keeps its redundant modules aside)'),
        limitW: nullableWatts,
        loadW: watts.describe('Planned load in normal operation'),
        worstW: watts.describe('Worst load over normal operation and every single failure'),
        measuredW: nullableWatts,
        measuredAt: instant.nullable(),
      }),
    ),
    pue: z
      .object({
        value: z.number(),
        category: z.literal([1, 2, 3]).describe('Where IT energy is measured: 1 UPS output, 2 PDU output, 3 IT equipment input'),
        from: instant,
        to: instant,
        days: z.number(),
        interim: z.boolean().describe('Under twelve months of data'),
      })
      .nullable()
      .describe('Power usage effectiveness (ISO/IEC 30134-2); null without facility and IT energy meters'),
    stale: z.array(z.object({ componentId: z.string(), metric: z.string().describe(`One of ${readingMetrics.join(', ')}`), measuredAt: instant })).describe('Latest readings older than 15 minutes'),
    baseline: z.object({ overloads: z.array(overload), unpowered: z.array(z.string()), roomsOverCooling: z.array(roomCooling), unmodelled }),
    sweep: sweepReport.nullable(),
  }),
);

export const whatIf = named(
  'FacilityWhatIf',
  z.object({
    component: z.object({ id: z.string(), kind, name: z.string() }),
    down: z.array(z.string()).describe('Components that go down with it (itself, or what a rack holds, and what they feed)'),
    stoppedHosts: z.array(z.string()),
    environmentsStopped: z.array(environmentRef),
    highKeeping: z.array(z.object({ id: z.string(), name: z.string(), availability: z.enum(['high', 'standard']), replicasLost: count })).describe('High-availability environments that lose replicas but keep one of each service'),
    overloads: z.array(overload),
    roomsOverCooling: z.array(roomCooling),
    singlePointOfFailure: z.boolean(),
  }),
);

export const componentSaved = named('FacilityComponentSaved', z.object({ component: facilityComponent, created: z.boolean(), sweep: sweepReport.nullable() }));
export const componentDeleted = named('FacilityComponentDeleted', z.object({ sweep: sweepReport.nullable() }));
export const facilityImported = named('FacilityImported', z.object({ components: count, sweep: sweepReport.nullable() }));
export const readingsAccepted = named('FacilityReadingsAccepted', z.object({ accepted: count }));
