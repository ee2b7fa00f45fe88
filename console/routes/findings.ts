import { Hono } from 'hono';
import { closeFindingInput, listFindingsQuery, planFindingInput, raiseFindingInput } from '../api/compliance-schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { closeFinding } from '../services/findings/close.js';
import { getFinding, listFindings } from '../services/findings/list.js';
import { planFinding } from '../services/findings/plan.js';
import { raiseFinding } from '../services/findings/raise.js';

export function findingsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listFindings({ ctx: serviceContext(c, deps), input: readQuery(c, listFindingsQuery) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    const created = raiseFinding({ ctx, input: await readJson(c, raiseFindingInput) });
    return c.json(created, 201, { Location: `/api/v1/findings/${created.id}` });
  });
  app.get('/:id', (c) => c.json(getFinding({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.post('/:id/plan', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(planFinding({ ctx, input: { ...(await readJson(c, planFindingInput)), id: c.req.param('id') } }));
  });
  app.post('/:id/close', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(closeFinding({ ctx, input: { ...(await readJson(c, closeFindingInput)), id: c.req.param('id') } }));
  });
  return app;
}
