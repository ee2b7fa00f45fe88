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
import { addCorrectiveActionInput, proposeClosureInput, rejectClosureInput, reopenFindingInput, rootCauseInput, updateCorrectiveActionInput } from '../api/finding-schemas.js';
import { addCorrectiveAction } from '../services/findings/add-action.js';
import { findingHistory } from '../services/findings/history.js';
import { proposeClosure } from '../services/findings/propose-closure.js';
import { rejectClosure } from '../services/findings/reject-closure.js';
import { reopenFinding } from '../services/findings/reopen.js';
import { setRootCause } from '../services/findings/root-cause.js';
import { updateCorrectiveAction } from '../services/findings/update-action.js';

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
  app.get('/:id/history', (c) => c.json({ items: findingHistory({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } }) }));
  app.post('/:id/root-cause', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(setRootCause({ ctx, input: { ...(await readJson(c, rootCauseInput)), id: c.req.param('id') } }));
  });
  app.post('/:id/actions', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(addCorrectiveAction({ ctx, input: { ...(await readJson(c, addCorrectiveActionInput)), id: c.req.param('id') } }), 201);
  });
  app.post('/:id/actions/:actionId', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateCorrectiveAction({ ctx, input: { ...(await readJson(c, updateCorrectiveActionInput)), id: c.req.param('id'), actionId: c.req.param('actionId') } }));
  });
  app.post('/:id/propose-closure', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(proposeClosure({ ctx, input: { ...(await readJson(c, proposeClosureInput)), id: c.req.param('id') } }));
  });
  app.post('/:id/reject-closure', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(rejectClosure({ ctx, input: { ...(await readJson(c, rejectClosureInput)), id: c.req.param('id') } }));
  });
  app.post('/:id/reopen', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(reopenFinding({ ctx, input: { ...(await readJson(c, reopenFindingInput)), id: c.req.param('id') } }));
  });
  return app;
}
