import { Hono } from 'hono';
import { infraOps } from '../api/operations/infra.js';
import { pageQuery } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readOptionalJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { liveExceptions } from '../services/exceptions/live.js';
import { applyRun } from '../services/runs/apply.js';
import { approveRun } from '../services/runs/approve.js';
import { getRun, listRuns } from '../services/runs/list.js';
import { emptyBody, listRunsQuery } from '../api/infra-schemas.js';
import { planRuns } from '../services/runs/plan.js';
import { infraDepsOf } from '../services/runs/desired-state.js';
import { checkStacksDrift } from '../services/runs/drift.js';
import { listStackDrift } from '../services/runs/drift-status.js';
import { applyReadiness } from '../services/runs/readiness.js';

export function runsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/runs');
  const infra = () => infraDepsOf(deps.config, deps.infra);
  on(infraOps.listRuns, (c) => listRuns({ ctx: serviceContext(c, deps), input: readQuery(c, listRunsQuery) }));
  on(infraOps.planRuns, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return planRuns({ ctx, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) });
  });
  on(infraOps.checkDrift, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return checkStacksDrift({ ctx, deps: infra() });
  });
  // Before '/:id', which would take these for run ids.
  on(infraOps.listDrift, (c) => listStackDrift({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(infraOps.readiness, (c) => applyReadiness({ ctx: serviceContext(c, deps), deps: infra() }));
  on(infraOps.getRun, (c) => getRun({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(infraOps.approveRun, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return approveRun({ ctx, input: { id: param(c, 'id') }, deps: infra() });
  });
  on(infraOps.applyRun, async (c) => {
    const ctx = serviceContext(c, deps);
    await readOptionalJson(c, emptyBody);
    return applyRun({ ctx, input: { id: param(c, 'id') }, deps: infra(), exceptions: liveExceptions(deps.db, deps.clock.now()) });
  });
  return app;
}
