import { Hono } from 'hono';
import { coreOps } from '../api/operations/core.js';
import { createUserInput, pageQuery, updateUserInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createUser } from '../services/users/create.js';
import { getUser, listUsers } from '../services/users/list.js';
import { updateUser } from '../services/users/update.js';

export function userRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/users');
  on(coreOps.listUsers, (c) => listUsers({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(coreOps.createUser, async (c) => {
    const ctx = serviceContext(c, deps);
    return createUser({ ctx, input: await readJson(c, createUserInput), scryptN: deps.config.scryptN });
  });
  on(coreOps.getUser, (c) => getUser({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(coreOps.updateUser, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateUser({ ctx, input: { id: param(c, 'id'), patch: await readJson(c, updateUserInput) }, scryptN: deps.config.scryptN });
  });
  return app;
}
