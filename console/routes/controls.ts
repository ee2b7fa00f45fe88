import { Hono } from 'hono';
import { controlStatusInput, listControlsQuery } from '../api/compliance-schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getControlView } from '../services/controls/get.js';
import { listControlsView } from '../services/controls/list.js';
import { updateControlStatus } from '../services/controls/update-status.js';

export function controlsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listControlsView({ ctx: serviceContext(c, deps), input: readQuery(c, listControlsQuery) })));
  app.get('/:framework/:id', (c) =>
    c.json(getControlView({ ctx: serviceContext(c, deps), input: { frameworkId: c.req.param('framework'), controlId: c.req.param('id') } })),
  );
  app.put('/:framework/:id/status', async (c) => {
    const ctx = serviceContext(c, deps);
    const body = await readJson(c, controlStatusInput);
    return c.json(updateControlStatus({ ctx, input: { ...body, frameworkId: c.req.param('framework'), controlId: c.req.param('id') } }));
  });
  return app;
}
