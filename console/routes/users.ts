import { Hono } from 'hono';
import { createUserInput, updateUserInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createUser } from '../services/users/create.js';
import { getUser, listUsers } from '../services/users/list.js';
import { updateUser } from '../services/users/update.js';

export function userRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listUsers({ ctx: serviceContext(c, deps) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(await createUser({ ctx, input: await readJson(c, createUserInput), scryptN: deps.config.scryptN }), 201);
  });
  app.get('/:id', (c) => c.json(getUser({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.patch('/:id', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(await updateUser({ ctx, input: { id: c.req.param('id'), patch: await readJson(c, updateUserInput) }, scryptN: deps.config.scryptN }));
  });
  return app;
}
