import { Hono } from 'hono';
import { decideExceptionInput, listExceptionsQuery, requestExceptionInput } from '../api/compliance-schemas.js';
import { complianceOps } from '../api/operations/compliance.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readOptionalJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { decideException } from '../services/exceptions/decide.js';
import { getException, listExceptions } from '../services/exceptions/list.js';
import { requestException } from '../services/exceptions/request.js';
import { revokeException } from '../services/exceptions/revoke.js';

export function exceptionsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/exceptions');
  on(complianceOps.listExceptions, (c) => listExceptions({ ctx: serviceContext(c, deps), input: readQuery(c, listExceptionsQuery) }));
  on(complianceOps.requestException, async (c) => {
    const ctx = serviceContext(c, deps);
    const created = requestException({ ctx, input: await readJson(c, requestExceptionInput) });
    c.header('Location', `/api/v1/exceptions/${created.id}`);
    return created;
  });
  on(complianceOps.getException, (c) => getException({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  for (const [decision, op] of [
    ['approve', complianceOps.approveException],
    ['reject', complianceOps.rejectException],
  ] as const) {
    on(op, async (c) => {
      const ctx = serviceContext(c, deps);
      const body = await readOptionalJson(c, decideExceptionInput);
      return decideException({ ctx, input: { ...body, id: param(c, 'id'), decision } });
    });
  }
  on(complianceOps.revokeException, async (c) => {
    const ctx = serviceContext(c, deps);
    const body = await readOptionalJson(c, decideExceptionInput);
    return revokeException({ ctx, input: { ...body, id: param(c, 'id') } });
  });
  return app;
}
