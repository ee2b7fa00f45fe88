import { Hono, type Context } from 'hono';
import { NotFound } from '../errors.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { accountPages } from './pages/account.js';
import { adminPages } from './pages/admin.js';
import { auditPages } from './pages/audit.js';
import { compliancePages } from './pages/compliance.js';
import { evidencePages } from './pages/evidence.js';
import { findingPages } from './pages/findings.js';
import { homePages } from './pages/home.js';
import { errorResponse, localeOf, readSession, uiFor, type Kit } from './pages/kit.js';
import { operatorPages } from './pages/operator.js';
import { dcimPages } from './pages/dcim.js';
import { requestPages } from './pages/requests.js';
import { riskFormPages } from './pages/risk-forms.js';
import { riskPages } from './pages/risks.js';
import { runsPages } from './pages/runs.js';
import { sessionPages } from './pages/session.js';
import { refusalPages, RefusedPosts } from './pages/refused-posts.js';
import { loadAssets } from './pages/static.js';

/**
 * The web console: pages rendered on the server, forms that work without script, and the
 * same business verbs as the API behind every page.
 */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const assets = loadAssets();
  const kit: Kit = { deps, assets, refusals: new RefusedPosts(() => deps.clock.now().getTime()) };
  app.route('/', assets.routes);
  app.use('*', refusalPages(deps, kit.refusals));
  sessionPages(app, kit);
  accountPages(app, kit);
  homePages(app, kit);
  requestPages(app, kit);
  operatorPages(app, kit);
  dcimPages(app, kit);
  runsPages(app, kit);
  compliancePages(app, kit);
  findingPages(app, kit);
  evidencePages(app, kit);
  riskFormPages(app, kit);
  riskPages(app, kit);
  adminPages(app, kit);
  auditPages(app, kit);
  return { routes: app, notFound: notFoundPage(kit) };
}

/**
 * The page people see at an address nothing serves. The app's not-found handler hands browsing
 * requests to it (a catch-all route would also match API paths and blur their metric labels).
 */
function notFoundPage(kit: Kit) {
  return (c: Context<AppEnv>) => {
    const session = readSession(c, kit.deps);
    return errorResponse(c, kit, uiFor(kit, c, localeOf(c), session), new NotFound('page', new URL(c.req.url).pathname));
  };
}
