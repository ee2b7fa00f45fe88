import { Hono } from 'hono';
import { coreOps } from '../api/operations/core.js';
import { createHostInput, pageQuery, updateHostInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createHost } from '../services/hosts/create.js';
import { getHost, listHosts } from '../services/hosts/list.js';
import { updateHost } from '../services/hosts/update.js';

export function hostRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/site/hosts');
  on(coreOps.listHosts, (c) => listHosts({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(coreOps.createHost, async (c) => {
    const ctx = serviceContext(c, deps);
    return createHost({ ctx, input: await readJson(c, createHostInput) });
  });
  on(coreOps.getHost, (c) => getHost({ ctx: serviceContext(c, deps), input: { name: param(c, 'name') } }));
  on(coreOps.updateHost, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateHost({ ctx, input: { name: param(c, 'name'), patch: await readJson(c, updateHostInput) } });
  });
  return app;
}
