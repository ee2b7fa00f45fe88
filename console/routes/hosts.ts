import { Hono } from 'hono';
import { createHostInput, updateHostInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createHost } from '../services/hosts/create.js';
import { getHost, listHosts } from '../services/hosts/list.js';
import { updateHost } from '../services/hosts/update.js';

export function hostRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listHosts({ ctx: serviceContext(c, deps) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(createHost({ ctx, input: await readJson(c, createHostInput) }), 201);
  });
  app.get('/:name', (c) => c.json(getHost({ ctx: serviceContext(c, deps), input: { name: c.req.param('name') } })));
  app.patch('/:name', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateHost({ ctx, input: { name: c.req.param('name'), patch: await readJson(c, updateHostInput) } }));
  });
  return app;
}
