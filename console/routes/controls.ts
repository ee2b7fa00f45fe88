import { Hono } from 'hono';
import { controlStatusInput, listControlsQuery } from '../api/compliance-schemas.js';
import { complianceOps } from '../api/operations/compliance.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { getControlView } from '../services/controls/get.js';
import { listControlsView } from '../services/controls/list.js';
import { updateControlStatus } from '../services/controls/update-status.js';

export function controlsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/controls');
  on(complianceOps.listControls, (c) => listControlsView({ ctx: serviceContext(c, deps), input: readQuery(c, listControlsQuery) }));
  on(complianceOps.getControl, (c) => getControlView({ ctx: serviceContext(c, deps), input: { frameworkId: param(c, 'framework'), controlId: param(c, 'id') } }));
  on(complianceOps.setControlStatus, async (c) => {
    const ctx = serviceContext(c, deps);
    const body = await readJson(c, controlStatusInput);
    return updateControlStatus({ ctx, input: { ...body, frameworkId: param(c, 'framework'), controlId: param(c, 'id') } });
  });
  return app;
}
