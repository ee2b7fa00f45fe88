import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { EvidenceStore } from '../evidence/store.js';
import { serviceContext } from '../http/auth.js';
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
  app.get('/soa.csv', (c) => {
    const { fileName, body } = exportSoaCsv({ ctx: serviceContext(c, deps), input: { locale: localeOf(c) } });
    noteSecurityEvent(deps, c, 'export', fileName);
    return c.body(body, 200, { ...NO_STORE, 'Content-Type': 'text/csv; charset=utf-8; header=present', 'Content-Disposition': attachment(fileName) });
  });
  app.get('/soa', async (c) => {
    const ctx = serviceContext(c, deps);
    const soa = exportSoaData({ ctx });
    noteSecurityEvent(deps, c, 'export', `soa-page-${localeOf(c)}`);
    return c.html(await renderSoaPage(soa, ctx.clock.now(), localeOf(c)), 200, { ...NO_STORE, 'Content-Security-Policy': soaPageCsp() });
  });
  const JSON_TYPE = 'application/json; charset=utf-8';
  for (const name of OSCAL_DOCUMENTS) {
    app.get(`/oscal/${name}.json`, (c) => {
      const ctx = serviceContext(c, deps);
      const body = exportOscalDocument({ ctx, input: { name } });
      noteSecurityEvent(deps, c, 'export', oscalFileName(name, ctx.clock.now()));
      return c.body(body, 200, { ...NO_STORE, 'Content-Type': JSON_TYPE, 'Content-Disposition': attachment(oscalFileName(name, ctx.clock.now())) });
    });
  }
  for (const kind of ['catalogs', 'profiles'] as const) {
    app.get(`/oscal/${kind}/:file`, (c) => {
      // The caller is identified before the name is looked at: an anonymous call is a 401, never a 404.
      const ctx = serviceContext(c, deps);
      const file = c.req.param('file');
      const id = /^([a-z0-9][a-z0-9.-]{0,60})\.json$/.exec(file)?.[1];
      if (!id) throw new NotFound(kind === 'catalogs' ? 'catalog' : 'profile', file);
      const body = exportOscalReference({ ctx, input: { kind, id } });
      return c.body(body, 200, { ...NO_STORE, 'Content-Type': JSON_TYPE });
    });
  }
  app.get('/evidence-package.zip', async (c) => {
    const { fileName, stream } = await exportEvidencePackage({ ctx: serviceContext(c, deps), store });
    noteSecurityEvent(deps, c, 'export', fileName);
    return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, { ...NO_STORE, 'Content-Type': 'application/zip', 'Content-Disposition': attachment(fileName) });
  });
  return app;
}
