import { Hono } from 'hono';
import { serviceContext } from '../http/auth.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getFrameworkView, listFrameworksView } from '../services/controls/frameworks.js';

export function frameworksRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listFrameworksView({ ctx: serviceContext(c, deps) })));
  app.get('/:id', (c) => c.json(getFrameworkView({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  return app;
}
