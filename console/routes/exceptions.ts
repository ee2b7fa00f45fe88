import { Hono } from 'hono';
import { decideExceptionInput, listExceptionsQuery, requestExceptionInput } from '../api/compliance-schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { decideException } from '../services/exceptions/decide.js';
import { getException, listExceptions } from '../services/exceptions/list.js';
import { requestException } from '../services/exceptions/request.js';
import { revokeException } from '../services/exceptions/revoke.js';

export function exceptionsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listExceptions({ ctx: serviceContext(c, deps), input: readQuery(c, listExceptionsQuery) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    const created = requestException({ ctx, input: await readJson(c, requestExceptionInput) });
    return c.json(created, 201, { Location: `/api/v1/exceptions/${created.id}` });
  });
  app.get('/:id', (c) => c.json(getException({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  for (const decision of ['approve', 'reject'] as const) {
    app.post(`/:id/${decision}`, async (c) => {
      const ctx = serviceContext(c, deps);
      const body = await readOptionalJson(c, decideExceptionInput);
      return c.json(decideException({ ctx, input: { ...body, id: c.req.param('id'), decision } }));
    });
  }
  app.post('/:id/revoke', async (c) => {
    const ctx = serviceContext(c, deps);
    const body = await readOptionalJson(c, decideExceptionInput);
    return c.json(revokeException({ ctx, input: { ...body, id: c.req.param('id') } }));
  });
  return app;
}
