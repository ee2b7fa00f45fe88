import { Hono } from 'hono';
import { infraOps } from '../api/operations/infra.js';
import { infraDepsOf } from '../services/runs/desired-state.js';
import { serviceContext } from '../http/auth.js';
import { readOptionalJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { checkPolicy } from '../services/policy/check.js';
import { getPolicyRun, listPolicyRuns } from '../services/policy/list.js';
import { emptyBody, listPolicyRunsQuery, policyResultsQuery } from '../api/infra-schemas.js';

export function policyRunsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/policy-runs');
  on(infraOps.listPolicyRuns, (c) => listPolicyRuns({ ctx: serviceContext(c, deps), input: readQuery(c, listPolicyRunsQuery) }));
  on(infraOps.checkPolicy, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return checkPolicy({ ctx, deps: infraDepsOf(deps.config, deps.infra) });
  });
  on(infraOps.getPolicyRun, (c) => getPolicyRun({ ctx: serviceContext(c, deps), input: { id: param(c, 'id'), filter: readQuery(c, policyResultsQuery) } }));
  return app;
}
