import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/types.js';
import { adminPages } from './pages/admin.js';
import { auditPages } from './pages/audit.js';
import { compliancePages } from './pages/compliance.js';
import { evidencePages } from './pages/evidence.js';
import { homePages } from './pages/home.js';
import type { Kit } from './pages/kit.js';
import { operatorPages } from './pages/operator.js';
import { requestPages } from './pages/requests.js';
import { sessionPages } from './pages/session.js';
import { loadAssets } from './pages/static.js';

/**
 * The web console: pages rendered on the server, forms that work without script, and the
 * same business verbs as the API behind every page.
 */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const assets = loadAssets();
  const kit: Kit = { deps, assets };
  app.route('/', assets.routes);
  sessionPages(app, kit);
  homePages(app, kit);
  requestPages(app, kit);
  operatorPages(app, kit);
  compliancePages(app, kit);
  evidencePages(app, kit);
  adminPages(app, kit);
  auditPages(app, kit);
  return app;
}
