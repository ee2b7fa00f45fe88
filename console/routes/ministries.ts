import { Hono } from 'hono';
import { createMinistryInput, updateMinistryInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createMinistry } from '../services/ministries/create.js';
import { getMinistry, listMinistries } from '../services/ministries/list.js';
import { updateMinistry } from '../services/ministries/update.js';

export function ministryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listMinistries({ ctx: serviceContext(c, deps) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(createMinistry({ ctx, input: await readJson(c, createMinistryInput) }), 201);
  });
  app.get('/:code', (c) => c.json(getMinistry({ ctx: serviceContext(c, deps), input: { code: c.req.param('code') } })));
  app.patch('/:code', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateMinistry({ ctx, input: { code: c.req.param('code'), patch: await readJson(c, updateMinistryInput) } }));
  });
  return app;
}
