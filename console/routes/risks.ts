import { Hono } from 'hono';
import { acceptRiskInput, createAssetInput, createRiskInput, drawTenancyAssetsInput, listRisksQuery, treatRiskInput, updateAssetInput, updateMatrixInput } from '../api/risk-schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { acceptRisk } from '../services/risks/accept.js';
import { createAsset } from '../services/risks/create-asset.js';
import { createRisk } from '../services/risks/create.js';
import { drawTenancyAssets } from '../services/risks/draw-tenancy-assets.js';
import { getMatrix, getRisk, getRiskMetrics, listAssets, listRisks } from '../services/risks/list.js';
import { treatRisk } from '../services/risks/treat.js';
import { updateAsset } from '../services/risks/update-asset.js';
import { updateMatrix } from '../services/risks/update-matrix.js';

export function riskRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.json(listRisks({ ctx: serviceContext(c, deps), input: readQuery(c, listRisksQuery) })));
  app.post('/', async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createRisk({ ctx, input: await readJson(c, createRiskInput) });
    return c.json(created, 201, { Location: `/api/v1/risks/${created.id}` });
  });
  app.get('/metrics', (c) => c.json(getRiskMetrics({ ctx: serviceContext(c, deps) })));
  app.get('/matrix', (c) => c.json(getMatrix({ ctx: serviceContext(c, deps) })));
  app.put('/matrix', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateMatrix({ ctx, input: await readJson(c, updateMatrixInput) }));
  });
  app.get('/assets', (c) => c.json(listAssets({ ctx: serviceContext(c, deps) })));
  app.post('/assets', async (c) => {
    const ctx = serviceContext(c, deps);
    const created = createAsset({ ctx, input: await readJson(c, createAssetInput) });
    return c.json(created, 201);
  });
  app.post('/assets/draw', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(drawTenancyAssets({ ctx, input: await readJson(c, drawTenancyAssetsInput) }));
  });
  app.patch('/assets/:id', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(updateAsset({ ctx, input: { ...(await readJson(c, updateAssetInput)), id: c.req.param('id') } }));
  });
  app.get('/:id', (c) => c.json(getRisk({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  app.post('/:id/treat', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(treatRisk({ ctx, input: { ...(await readJson(c, treatRiskInput)), id: c.req.param('id') } }));
  });
  app.post('/:id/accept', async (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(acceptRisk({ ctx, input: { ...(await readJson(c, acceptRiskInput)), id: c.req.param('id') } }));
  });
  return app;
}
