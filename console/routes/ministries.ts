import { Hono } from 'hono';
import { coreOps } from '../api/operations/core.js';
import { createMinistryInput, pageQuery, updateMinistryInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createMinistry } from '../services/ministries/create.js';
import { getMinistry, listMinistries } from '../services/ministries/list.js';
import { updateMinistry } from '../services/ministries/update.js';

export function ministryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/ministries');
  on(coreOps.listMinistries, (c) => listMinistries({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(coreOps.createMinistry, async (c) => {
    const ctx = serviceContext(c, deps);
    return createMinistry({ ctx, input: await readJson(c, createMinistryInput) });
  });
  on(coreOps.getMinistry, (c) => getMinistry({ ctx: serviceContext(c, deps), input: { code: param(c, 'code') } }));
  on(coreOps.updateMinistry, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateMinistry({ ctx, input: { code: param(c, 'code'), patch: await readJson(c, updateMinistryInput) } });
  });
  return app;
}
