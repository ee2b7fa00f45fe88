import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { EvidenceStore } from '../evidence/store.js';
import { complianceOps } from '../api/operations/compliance.js';
import { serviceContext } from '../http/auth.js';
import { operationRoutes } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { exportEvidencePackage } from '../services/exports/evidence-package.js';
import { assessmentResultsFileName, exportAssessmentResults } from '../services/exports/oscal.js';
import { renderSoaPage, soaPageCsp } from '../services/exports/soa-page.js';
import { exportSoaCsv, exportSoaData } from '../services/exports/soa.js';

/** Exports hold the whole certification file: never kept by a browser or a proxy cache. */
const NO_STORE = { 'Cache-Control': 'no-store' };

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export function exportsRoutes(deps: AppDeps) {
  const store = new EvidenceStore(deps.config.dataDir);
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/exports');
  on(complianceOps.exportSoaCsv, (c) => {
    const { fileName, body } = exportSoaCsv({ ctx: serviceContext(c, deps) });
    return c.body(body, 200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': attachment(fileName) });
  });
  on(complianceOps.exportSoaPage, async (c) => {
    const ctx = serviceContext(c, deps);
    const soa = exportSoaData({ ctx });
    return c.html(await renderSoaPage(soa, ctx.clock.now()), 200, { ...NO_STORE, 'Content-Security-Policy': soaPageCsp() });
  });
  on(complianceOps.exportOscal, (c) => {
    const ctx = serviceContext(c, deps);
    const body = exportAssessmentResults({ ctx });
    const fileName = assessmentResultsFileName(ctx.clock.now());
    return c.body(body, 200, { ...NO_STORE, 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': attachment(fileName) });
  });
  on(complianceOps.exportEvidencePackage, async (c) => {
    const { fileName, stream } = await exportEvidencePackage({ ctx: serviceContext(c, deps), store });
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, { ...NO_STORE, 'Content-Type': 'application/zip', 'Content-Disposition': attachment(fileName) });
  });
  return app;
}
