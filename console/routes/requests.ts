import { Hono } from 'hono';
import { coreOps, transitionOps } from '../api/operations/core.js';
import { createRequestInput, listRequestsQuery, transitionActions, transitionInput, updateRequestInput } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createHostingRequest } from '../services/hosting-requests/create.js';
import { getHostingRequest } from '../services/hosting-requests/get.js';
import { listCacheKey, listHostingRequests } from '../services/hosting-requests/list.js';
import { ReadCache } from '../http/read-cache.js';
import { transitionRequest } from '../services/hosting-requests/transition.js';
import { updateDraftRequest } from '../services/hosting-requests/update-draft.js';

export function requestRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/requests');
  // Operators poll the queue: unchanged pages are served from memory until any write.
  const cache = new ReadCache(deps.db.$client);
  on(coreOps.listRequests, (c) => {
    const ctx = serviceContext(c, deps);
    const input = readQuery(c, listRequestsQuery);
    return cache.json(listCacheKey(ctx.actor, input), () => listHostingRequests({ ctx, input }));
  });
  on(coreOps.createRequest, async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createHostingRequest({ ctx, input: await readJson(c, createRequestInput) });
    c.header('Location', `/api/v1/requests/${created.id}`);
    return created;
  });
  on(coreOps.getRequest, (c) => getHostingRequest({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(coreOps.updateRequest, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateDraftRequest({ ctx, input: { id: param(c, 'id'), patch: await readJson(c, updateRequestInput) } });
  });
  for (const action of transitionActions) {
    on(transitionOps[action], async (c) => {
      const ctx = serviceContext(c, deps);
      const body = await readOptionalJson(c, transitionInput);
      return transitionRequest({ ctx, input: { id: param(c, 'id'), action, ...body } });
    });
  }
  return app;
}
