import { Hono } from 'hono';
import { serviceContext } from '../http/auth.js';
import { readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { liveExceptions } from '../services/exceptions/live.js';
import { applyRun } from '../services/runs/apply.js';
import { approveRun } from '../services/runs/approve.js';
import { getRun, listRuns } from '../services/runs/list.js';
import { emptyBody, listRunsQuery } from '../api/infra-schemas.js';
import { planRuns } from '../services/runs/plan.js';
import { infraDepsOf } from '../services/runs/desired-state.js';
import { checkStacksDrift } from '../services/runs/drift.js';
import { listStackDrift } from '../services/runs/drift-status.js';
import { applyReadiness } from '../services/runs/readiness.js';

export function runsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const infra = () => infraDepsOf(deps.config, deps.infra);
  app.get('/', (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(listRuns({ ctx, input: readQuery(c, listRunsQuery) }));
  });
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(await planRuns({ ctx, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) }), 201);
  });
  app.post('/drift', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(await checkStacksDrift({ ctx, deps: infra() }));
  });
  // Before '/:id', which would take these for run ids.
  app.get('/drift', (c) => c.json(listStackDrift({ ctx: serviceContext(c, deps) })));
  app.get('/readiness', async (c) => c.json(await applyReadiness({ ctx: serviceContext(c, deps), deps: infra() })));
  app.get('/:id', (c) => c.json(getRun({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.post('/:id/approve', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(approveRun({ ctx, input: { id: c.req.param('id') }, deps: infra() }));
  });
  app.post('/:id/apply', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(await applyRun({ ctx, input: { id: c.req.param('id') }, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) }));
  });
  return app;
}
