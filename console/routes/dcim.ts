import { Hono } from 'hono';
import { dcimOps } from '../api/operations/dcim.js';
import { componentSchema, facilitySchema, recordReadingsInput, sweepRunBody } from '../api/dcim-schemas.js';
import { pageQuery } from '../api/schemas.js';
import { parseInput } from '../api/validation.js';
import { InvalidInput } from '../errors.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { facilityFromCsv, facilityToCsv } from '../services/dcim/csv.js';
import { importFacility } from '../services/dcim/import.js';
import { listComponents } from '../services/dcim/list.js';
import { facilityOverview } from '../services/dcim/overview.js';
import { recordReadings } from '../services/dcim/readings.js';
import { deleteComponent, saveComponent } from '../services/dcim/save-component.js';
import { lastSweep, runSweep } from '../services/dcim/sweep.js';
import { whatIfComponent } from '../services/dcim/what-if.js';
import { wholeList } from '../services/paging.js';

export function dcimRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/dcim');
  on(dcimOps.overview, (c) => facilityOverview({ ctx: serviceContext(c, deps) }));
  on(dcimOps.listComponents, (c) => listComponents({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(dcimOps.saveComponent, async (c) => {
    const ctx = serviceContext(c, deps);
    const component = await readJson(c, componentSchema);
    if (component.id !== param(c, 'id')) throw new InvalidInput([{ pointer: '/id', field: 'id', message: 'must be the id in the address' }]);
    return saveComponent({ ctx, input: component });
  });
  on(dcimOps.deleteComponent, (c) => deleteComponent({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(dcimOps.importFacility, async (c) => {
    const ctx = serviceContext(c, deps);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/csv') return importFacility({ ctx, input: { facility: facilityFromCsv(await c.req.text()), format: 'csv' } });
    return importFacility({ ctx, input: { facility: await readJson(c, facilitySchema), format: 'json' } });
  });
  on(dcimOps.exportJson, (c) => {
    const { items } = listComponents({ ctx: serviceContext(c, deps), input: wholeList });
    c.header('Content-Disposition', 'attachment; filename="facility.json"');
    return { components: items };
  });
  on(dcimOps.exportCsv, (c) => {
    const { items } = listComponents({ ctx: serviceContext(c, deps), input: wholeList });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="facility.csv"');
    return c.body(facilityToCsv(parseInput(facilitySchema, { components: items })));
  });
  on(dcimOps.whatIf, (c) => whatIfComponent({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(dcimOps.lastSweep, (c) => ({ sweep: lastSweep({ ctx: serviceContext(c, deps) }) }));
  on(dcimOps.runSweep, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, sweepRunBody);
    return { sweep: runSweep({ ctx, input: { trigger: 'api' } }) };
  });
  on(dcimOps.recordReadings, async (c) => {
    const ctx = serviceContext(c, deps);
    const { accepted } = recordReadings({ ctx, input: await readJson(c, recordReadingsInput) });
    return { accepted };
  });
  return app;
}
