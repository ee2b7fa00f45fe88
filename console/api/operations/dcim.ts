/** Operations for the facility model, what-if, the N-1 sweep and readings. */
import { componentSchema, facilitySchema, recordReadingsInput, sweepRunBody } from '../dcim-schemas.js';
import * as r from '../responses/dcim.js';
import { pageQuery } from '../schemas.js';
import type { Operation } from './types.js';

const staff = 'operator, auditor, admin';
const editors = 'operator, admin';

export const dcimOps = {
  overview: { method: 'get', path: '/dcim/overview', summary: 'Rooms (heat against cooling), racks (draw against budget), power components (planned, worst N-1 and measured load against rating), PUE with its category, the last sweep', tag: 'facility', roles: staff, success: 200, response: r.facilityOverview },
  listComponents: { method: 'get', path: '/dcim/components', summary: 'The facility model: its components in entry order', tag: 'facility', roles: staff, query: pageQuery, success: 200, response: r.facilityComponentList },
  saveComponent: { method: 'put', path: '/dcim/components/:id', summary: 'Add or replace one component; the whole model must hold together; the sweep reruns', tag: 'facility', roles: editors, body: componentSchema, success: 200, response: r.componentSaved },
  deleteComponent: { method: 'delete', path: '/dcim/components/:id', summary: 'Remove a component nothing refers to; the sweep reruns', tag: 'facility', roles: editors, success: 200, response: r.componentDeleted },
  importFacility: { method: 'post', path: '/dcim/import', summary: 'Replace the facility model with a JSON document ({ components }) or a CSV file (text/csv), all or nothing; the sweep reruns', tag: 'facility', roles: editors, body: facilitySchema, success: 200, response: r.facilityImported },
  exportJson: { method: 'get', path: '/dcim/export.json', summary: 'The facility model as JSON', tag: 'facility', roles: staff, success: 200, response: r.facility },
  exportCsv: { method: 'get', path: '/dcim/export.csv', summary: 'The facility model as CSV, one component per line', tag: 'facility', roles: staff, success: 200, responseMediaType: 'text/csv' },
  whatIf: { method: 'get', path: '/dcim/what-if/:id', summary: 'If this component is taken down: environments that stop, high-availability ones keeping a replica, components and rooms over their limit', tag: 'facility', roles: staff, success: 200, response: r.whatIf },
  lastSweep: { method: 'get', path: '/dcim/sweep', summary: 'The last N-1 sweep', tag: 'facility', roles: staff, success: 200, response: r.lastSweep },
  runSweep: { method: 'post', path: '/dcim/sweep', summary: 'Run the N-1 sweep now: files its evidence and one finding per single point of failure', tag: 'facility', roles: editors, body: sweepRunBody, success: 200, response: r.lastSweep },
  recordReadings: { method: 'post', path: '/dcim/readings', summary: 'Readings from meters and sensors: power per component, inlet temperature, facility and IT energy', tag: 'facility', roles: editors, body: recordReadingsInput, success: 201, response: r.readingsAccepted },
} satisfies Record<string, Operation>;

export const dcimOperations: Operation[] = Object.values(dcimOps);
