/**
 * The asset register of the risk analysis (ISO/IEC 27005), at a path of its own: under
 * `/risks/{id}` an asset id and a risk id could read the same address.
 */
import { Hono } from 'hono';
import { riskOps } from '../api/operations/risks.js';
import { createAssetInput, drawTenancyAssetsInput, updateAssetInput } from '../api/risk-schemas.js';
import { pageQuery } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { createAsset } from '../services/risks/create-asset.js';
import { drawTenancyAssets } from '../services/risks/draw-tenancy-assets.js';
import { listAssets } from '../services/risks/list.js';
import { updateAsset } from '../services/risks/update-asset.js';

export function assetRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/assets');
  on(riskOps.listAssets, (c) => listAssets({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(riskOps.createAsset, async (c) => {
    const ctx = serviceContext(c, deps);
    return createAsset({ ctx, input: await readJson(c, createAssetInput) });
  });
  on(riskOps.drawAssets, async (c) => {
    const ctx = serviceContext(c, deps);
    return drawTenancyAssets({ ctx, input: await readJson(c, drawTenancyAssetsInput) });
  });
  on(riskOps.updateAsset, async (c) => {
    const ctx = serviceContext(c, deps);
    return updateAsset({ ctx, input: { ...(await readJson(c, updateAssetInput)), id: param(c, 'id') } });
  });
  return app;
}
