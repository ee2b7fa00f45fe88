import { Hono } from 'hono';
import { infraDepsOf } from '../services/runs/desired-state.js';
import { serviceContext } from '../http/auth.js';
import { readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { checkPolicy } from '../services/policy/check.js';
import { getPolicyRun, listPolicyRuns } from '../services/policy/list.js';
import { emptyBody, listPolicyRunsQuery, policyResultsQuery } from '../api/infra-schemas.js';

export function policyRunsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(listPolicyRuns({ ctx, input: readQuery(c, listPolicyRunsQuery) }));
  });
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return c.json(checkPolicy({ ctx, deps: infraDepsOf(deps.config, deps.infra) }), 201);
  });
  app.get('/:id', (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(getPolicyRun({ ctx, input: { id: c.req.param('id'), filter: readQuery(c, policyResultsQuery) } }));
  });
  return app;
}
