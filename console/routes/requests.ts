import { Hono } from 'hono';
import { createRequestInput, listRequestsQuery, transitionActions, transitionInput, updateRequestInput, type TransitionAction } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createHostingRequest } from '../services/hosting-requests/create.js';
import { getHostingRequest } from '../services/hosting-requests/get.js';
import { listCacheKey, listHostingRequests } from '../services/hosting-requests/list.js';
import { ReadCache } from '../http/read-cache.js';
import { transitionRequest } from '../services/hosting-requests/transition.js';
import { updateDraftRequest } from '../services/hosting-requests/update-draft.js';

export function requestRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Operators poll the queue: unchanged pages are served from memory until any write.
  const cache = new ReadCache(deps.db.$client);
  app.get('/', (c) => {
    const ctx = serviceContext(c, deps);
    const input = readQuery(c, listRequestsQuery);
    const body = cache.json(listCacheKey(ctx.actor, input), () => listHostingRequests({ ctx, input }));
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createHostingRequest({ ctx, input: await readJson(c, createRequestInput) });
    return c.json(created, 201, { Location: `/api/v1/requests/${created.id}` });
  });
  app.get('/:id', (c) => c.json(getHostingRequest({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.patch('/:id', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateDraftRequest({ ctx, input: { id: c.req.param('id'), patch: await readJson(c, updateRequestInput) } }));
  });
  for (const action of transitionActions) {
    app.post(`/:id/${action}`, async (c) => {
      const ctx = serviceContext(c, deps);
      const body = await readOptionalJson(c, transitionInput);
      return c.json(transitionRequest({ ctx, input: { id: c.req.param('id'), action: action satisfies TransitionAction, ...body } }));
    });
  }
  return app;
}
