import { Hono } from 'hono';
import { serviceContext } from '../http/auth.js';
import { readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { liveExceptions } from '../services/exceptions/live.js';
import { applyStack } from '../services/runs/apply.js';
import { getRun, listRuns } from '../services/runs/list.js';
import { emptyBody, listRunsQuery } from '../api/infra-schemas.js';
import { planRuns } from '../services/runs/plan.js';
import { infraDepsOf } from '../services/runs/desired-state.js';
import { checkStacksDrift } from '../services/runs/drift.js';
import { listStackDrift } from '../services/runs/drift-status.js';

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
    return c.json(planRuns({ ctx, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) }), 201);
  });
  app.post('/drift', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(await checkStacksDrift({ ctx, deps: infra() }));
  });
  // Before '/:id', which would take "drift" for a run id.
  app.get('/drift', (c) => c.json(listStackDrift({ ctx: serviceContext(c, deps) })));
  app.get('/:id', (c) => c.json(getRun({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.post('/stacks/:stack/apply', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    const result = await applyStack({ ctx, input: { stack: c.req.param('stack') }, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) });
    return c.json(result);
  });
  return app;
}
