import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { EvidenceStore } from '../evidence/store.js';
import { complianceOps } from '../api/operations/compliance.js';
import { serviceContext } from '../http/auth.js';
import { operationRoutes, param } from '../http/operation.js';
import { noteSecurityEvent } from '../http/security-log.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { exportEvidencePackage } from '../services/exports/evidence-package.js';
import { NotFound } from '../errors.js';
import { exportOscalDocument, exportOscalReference, OSCAL_DOCUMENTS, oscalFileName } from '../services/exports/oscal.js';
import { renderSoaPage, soaPageCsp } from '../services/exports/soa-page.js';
import { exportSoaCsv, exportSoaData, type SoaLocale } from '../services/exports/soa.js';

/** Exports hold the whole certification file: never kept by a browser or a proxy cache. */
const NO_STORE = { 'Cache-Control': 'no-store' };

/** `?lang=en` for the English document; French otherwise (the reference language). */
function localeOf(c: Context): SoaLocale {
  return c.req.query('lang') === 'en' ? 'en' : 'fr';
}

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

export function exportsRoutes(deps: AppDeps) {
  const store = new EvidenceStore(deps.config.dataDir);
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/exports');
  on(complianceOps.exportSoaCsv, (c) => {
    const { fileName, body } = exportSoaCsv({ ctx: serviceContext(c, deps), input: { locale: localeOf(c) } });
    noteSecurityEvent(deps, c, 'export', fileName);
    return c.body(body, 200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': attachment(fileName) });
  });
  on(complianceOps.exportSoaPage, async (c) => {
    const ctx = serviceContext(c, deps);
    const soa = exportSoaData({ ctx });
    noteSecurityEvent(deps, c, 'export', `soa-page-${localeOf(c)}`);
    return c.html(await renderSoaPage(soa, ctx.clock.now(), localeOf(c)), 200, { ...NO_STORE, 'Content-Security-Policy': soaPageCsp() });
  });
  const JSON_TYPE = 'application/json; charset=utf-8';
  const documentOps = {
    'system-security-plan': complianceOps.exportSsp,
    'assessment-plan': complianceOps.exportAssessmentPlan,
    'assessment-results': complianceOps.exportOscal,
    'plan-of-action-and-milestones': complianceOps.exportPoam,
  } satisfies Record<(typeof OSCAL_DOCUMENTS)[number], unknown>;
  for (const name of OSCAL_DOCUMENTS) {
    on(documentOps[name], (c) => {
      const ctx = serviceContext(c, deps);
      const body = exportOscalDocument({ ctx, input: { name } });
      noteSecurityEvent(deps, c, 'export', oscalFileName(name, ctx.clock.now()));
      return c.body(body, 200, { ...NO_STORE, 'Content-Type': JSON_TYPE, 'Content-Disposition': attachment(oscalFileName(name, ctx.clock.now())) });
    });
  }
  for (const [kind, op] of [
    ['catalogs', complianceOps.exportOscalCatalog],
    ['profiles', complianceOps.exportOscalProfile],
  ] as const) {
    on(op, (c) => {
      // Who asks is settled first: an anonymous caller learns nothing, not even which names exist.
      const ctx = serviceContext(c, deps);
      const file = param(c, 'file');
      const id = /^([a-z0-9][a-z0-9.-]{0,60})\.json$/.exec(file)?.[1];
      if (!id) throw new NotFound(kind === 'catalogs' ? 'catalog' : 'profile', file);
      const body = exportOscalReference({ ctx, input: { kind, id } });
      return c.body(body, 200, { ...NO_STORE, 'Content-Type': JSON_TYPE });
    });
  }
  on(complianceOps.exportEvidencePackage, async (c) => {
    const { fileName, stream } = await exportEvidencePackage({ ctx: serviceContext(c, deps), store });
    noteSecurityEvent(deps, c, 'export', fileName);
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, { ...NO_STORE, 'Content-Type': 'application/zip', 'Content-Disposition': attachment(fileName) });
  });
  return app;
}
