import { Hono } from 'hono';
import { complianceOps } from '../api/operations/compliance.js';
import { pageQuery } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getFrameworkView, listFrameworksView } from '../services/controls/frameworks.js';

export function frameworksRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/frameworks');
  on(complianceOps.listFrameworks, (c) => listFrameworksView({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(complianceOps.getFramework, (c) => getFrameworkView({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  return app;
}
