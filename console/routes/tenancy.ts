import { Hono } from 'hono';
import { infraOps } from '../api/operations/infra.js';
import { serviceContext } from '../http/auth.js';
import { operationRoutes } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getTenancySpec } from '../services/tenancy/build-spec.js';

export function tenancyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/tenancy');
  on(infraOps.tenancySpec, (c) => {
    const { spec, sha256 } = getTenancySpec({ ctx: serviceContext(c, deps) });
    c.header('ETag', `"${sha256}"`);
    c.header('X-Spec-Sha256', sha256);
    return spec;
  });
  return app;
}
