import { Hono } from 'hono';
import { closeFindingInput, listFindingsQuery, planFindingInput, raiseFindingInput } from '../api/compliance-schemas.js';
import { certOps } from '../api/operations/cert.js';
import { pageQuery } from '../api/schemas.js';
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
  on(certOps.findingHistory, (c) => findingHistory({ ctx: serviceContext(c, deps), input: { ...readQuery(c, pageQuery), id: param(c, 'id') } }));
  on(certOps.setRootCause, async (c) => {
    const ctx = serviceContext(c, deps);
    return setRootCause({ ctx, input: { ...(await readJson(c, rootCauseInput)), id: param(c, 'id') } });
  });
  on(certOps.addCorrectiveAction, async (c) => {
    const ctx = serviceContext(c, deps);
    return addCorrectiveAction({ ctx, input: { ...(await readJson(c, addCorrectiveActionInput)), id: param(c, 'id') } });
  });
  on(certOps.updateCorrectiveAction, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateCorrectiveAction({ ctx, input: { ...(await readJson(c, updateCorrectiveActionInput)), id: param(c, 'id'), actionId: param(c, 'actionId') } });
  });
  on(certOps.proposeClosure, async (c) => {
    const ctx = serviceContext(c, deps);
    return proposeClosure({ ctx, input: { ...(await readJson(c, proposeClosureInput)), id: param(c, 'id') } });
  });
  on(certOps.rejectClosure, async (c) => {
    const ctx = serviceContext(c, deps);
    return rejectClosure({ ctx, input: { ...(await readJson(c, rejectClosureInput)), id: param(c, 'id') } });
  });
  on(certOps.reopenFinding, async (c) => {
    const ctx = serviceContext(c, deps);
    return reopenFinding({ ctx, input: { ...(await readJson(c, reopenFindingInput)), id: param(c, 'id') } });
  });
  return app;
}
