import { Hono } from 'hono';
import { serviceContext } from '../http/auth.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getTenancySpec } from '../services/tenancy/build-spec.js';

export function tenancyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/spec', (c) => {
    const { spec, sha256 } = getTenancySpec({ ctx: serviceContext(c, deps) });
    return c.json(spec, 200, { ETag: `"${sha256}"`, 'X-Spec-Sha256': sha256 });
  });
  return app;
}
