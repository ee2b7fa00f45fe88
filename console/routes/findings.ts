import { Hono } from 'hono';
import { closeFindingInput, listFindingsQuery, planFindingInput, raiseFindingInput } from '../api/compliance-schemas.js';
import { complianceOps } from '../api/operations/compliance.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { closeFinding } from '../services/findings/close.js';
import { getFinding, listFindings } from '../services/findings/list.js';
import { planFinding } from '../services/findings/plan.js';
import { raiseFinding } from '../services/findings/raise.js';

export function findingsRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/findings');
  on(complianceOps.listFindings, (c) => listFindings({ ctx: serviceContext(c, deps), input: readQuery(c, listFindingsQuery) }));
  on(complianceOps.raiseFinding, async (c) => {
    const ctx = serviceContext(c, deps);
    const created = raiseFinding({ ctx, input: await readJson(c, raiseFindingInput) });
    c.header('Location', `/api/v1/findings/${created.id}`);
    return created;
  });
  on(complianceOps.getFinding, (c) => getFinding({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(complianceOps.planFinding, async (c) => {
    const ctx = serviceContext(c, deps);
    return planFinding({ ctx, input: { ...(await readJson(c, planFindingInput)), id: param(c, 'id') } });
  });
  on(complianceOps.closeFinding, async (c) => {
    const ctx = serviceContext(c, deps);
    return closeFinding({ ctx, input: { ...(await readJson(c, closeFindingInput)), id: param(c, 'id') } });
  });
  return app;
}
