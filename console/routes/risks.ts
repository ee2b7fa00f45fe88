import { Hono } from 'hono';
import { acceptRiskInput, createRiskInput, listRisksQuery, treatRiskInput, updateMatrixInput } from '../api/risk-schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import { riskOps } from '../api/operations/risks.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { acceptRisk } from '../services/risks/accept.js';
import { createRisk } from '../services/risks/create.js';
import { getMatrix, getRisk, getRiskMetrics, listRisks } from '../services/risks/list.js';
import { treatRisk } from '../services/risks/treat.js';
import { updateMatrix } from '../services/risks/update-matrix.js';

export function riskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/risks');
  on(riskOps.listRisks, (c) => listRisks({ ctx: serviceContext(c, deps), input: readQuery(c, listRisksQuery) }));
  on(riskOps.createRisk, async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createRisk({ ctx, input: await readJson(c, createRiskInput) });
    c.header('Location', `/api/v1/risks/${created.id}`);
    return created;
  });
  on(riskOps.riskMetrics, (c) => getRiskMetrics({ ctx: serviceContext(c, deps) }));
  on(riskOps.getMatrix, (c) => getMatrix({ ctx: serviceContext(c, deps) }));
  on(riskOps.updateMatrix, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateMatrix({ ctx, input: await readJson(c, updateMatrixInput) });
  });
  on(riskOps.getRisk, (c) => getRisk({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  on(riskOps.treatRisk, async (c) => {
    const ctx = serviceContext(c, deps);
    return treatRisk({ ctx, input: { ...(await readJson(c, treatRiskInput)), id: param(c, 'id') } });
  });
  on(riskOps.acceptRisk, async (c) => {
    const ctx = serviceContext(c, deps);
    return acceptRisk({ ctx, input: { ...(await readJson(c, acceptRiskInput)), id: param(c, 'id') } });
  });
  return app;
}
