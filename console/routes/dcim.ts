import { Hono } from 'hono';
import { componentSchema, facilitySchema, recordReadingsInput, sweepRunBody } from '../api/dcim-schemas.js';
import { parseInput } from '../api/validation.js';
import { InvalidInput } from '../errors.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { facilityFromCsv, facilityToCsv } from '../services/dcim/csv.js';
import { importFacility } from '../services/dcim/import.js';
import { listComponents } from '../services/dcim/list.js';
import { facilityOverview } from '../services/dcim/overview.js';
import { recordReadings } from '../services/dcim/readings.js';
import { deleteComponent, saveComponent } from '../services/dcim/save-component.js';
import { lastSweep, runSweep } from '../services/dcim/sweep.js';
import { whatIfComponent } from '../services/dcim/what-if.js';

export function dcimRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/overview', (c) => c.json(facilityOverview({ ctx: serviceContext(c, deps) })));
  app.get('/components', (c) => c.json(listComponents({ ctx: serviceContext(c, deps) })));
  app.put('/components/:id', async (c) => {
    const ctx = serviceContext(c, deps);
    const component = await readJson(c, componentSchema);
    if (component.id !== c.req.param('id')) throw new InvalidInput([{ pointer: '/id', field: 'id', message: 'must be the id in the address' }]);
    return c.json(saveComponent({ ctx, input: component }));
  });
  app.delete('/components/:id', (c) => c.json(deleteComponent({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.post('/import', async (c) => {
    const ctx = serviceContext(c, deps);
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/csv') return c.json(importFacility({ ctx, input: { facility: facilityFromCsv(await c.req.text()), format: 'csv' } }));
    return c.json(importFacility({ ctx, input: { facility: await readJson(c, facilitySchema), format: 'json' } }));
  });
  app.get('/export.json', (c) => {
    const { items } = listComponents({ ctx: serviceContext(c, deps) });
    c.header('Content-Disposition', 'attachment; filename="facility.json"');
    return c.json({ components: items });
  });
  app.get('/export.csv', (c) => {
    const { items } = listComponents({ ctx: serviceContext(c, deps) });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="facility.csv"');
    return c.body(facilityToCsv(parseInput(facilitySchema, { components: items })));
  });
  app.get('/what-if/:id', (c) => c.json(whatIfComponent({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.get('/sweep', (c) => c.json({ sweep: lastSweep({ ctx: serviceContext(c, deps) }) }));
  app.post('/sweep', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, sweepRunBody);
    return c.json({ sweep: runSweep({ ctx, input: { trigger: 'api' } }) });
  });
  app.post('/readings', async (c) => {
    const ctx = serviceContext(c, deps);
    const { accepted } = recordReadings({ ctx, input: await readJson(c, recordReadingsInput) });
    return c.json({ accepted }, 201);
  });
  return app;
}
