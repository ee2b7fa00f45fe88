/**
 * The console's HTTP application. No I/O at import: everything it needs is passed in, so tests
 * build it on a temp database and call `app.request()`.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { openApiDocument } from './api/openapi.js';
import { NotFound, PayloadTooLarge, ServiceError, Unauthenticated } from './errors.js';
import { authenticate } from './http/auth.js';
import { internalProblem, problemResponse } from './http/problem.js';
import { CONTENT_SECURITY_POLICY, responseHeaders } from './http/response-headers.js';
import { routePattern } from './http/route-pattern.js';
import { loadShedding } from './http/load-shedding.js';
import type { AppDeps, AppEnv } from './http/types.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { hostRoutes } from './routes/hosts.js';
import { ministryRoutes } from './routes/ministries.js';
import { requestRoutes } from './routes/requests.js';
import { userRoutes } from './routes/users.js';
import { controlsRoutes } from './routes/controls.js';
import { evidenceRoutes, isEvidenceUpload } from './routes/evidence.js';
import { exceptionsRoutes } from './routes/exceptions.js';
import { riskRoutes } from './routes/risks.js';
import { assetRoutes } from './routes/assets.js';
import { exportsRoutes } from './routes/exports.js';
import { findingsRoutes } from './routes/findings.js';
import { frameworksRoutes } from './routes/frameworks.js';
import { policyRunsRoutes } from './routes/policy-runs.js';
import { runsRoutes } from './routes/runs.js';
import { tenancyRoutes } from './routes/tenancy.js';
import { dcimRoutes } from './routes/dcim.js';
import { pageRoutes } from './routes/pages.js';
import { VERSION } from './version.js';
import { methodLabel, registerMetrics } from './metrics/register.js';
import { collectDomain } from './services/metrics/collect-domain.js';
import { timingSafeEqual } from 'node:crypto';
import { noteRefusal } from './http/security-log.js';
import { WriteLimiter } from './auth/rate-limit.js';
import { resolveApiTokenInfo } from './services/auth/session.js';
import type { Db } from './db/open.js';

export type { AppDeps } from './http/types.js';

/** The API reference page is the one place inline styles are allowed: Swagger UI sets them. */
const DOCS_CSP = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** The folder of the locally installed reference-page assets (resolved, not loaded). */
function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist'));
}

const DOCS_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>dcops — référence de l'API</title>
<link rel="stylesheet" href="/assets/swagger-ui/swagger-ui.css">
</head>
<body>
<div id="api-reference"></div>
<script src="/assets/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/assets/api-docs.js"></script>
</body>
</html>`;

const DOCS_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#api-reference', deepLinking: true });
});`;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** An API token given the `metrics` scope explicitly, by an account that may read site figures. */
function metricsTokenAllowed(db: Db, given: string, now: Date): boolean {
  if (!/^[A-Za-z0-9_\-.]{10,200}$/.test(given)) return false;
  const token = resolveApiTokenInfo(db, given, now);
  return token !== null && token.scopes !== null && token.scopes.includes('metrics') && token.actor.role !== 'requester';
}

export function createApp(appDeps: AppDeps) {
  const app = new Hono<AppEnv>();
  const log = appDeps.logger;
  const metrics = registerMetrics(appDeps.registry, {
    collectDomain: () => collectDomain(appDeps.db, appDeps.clock),
    onCollectError: (err) => log.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'domain metrics collection failed'),
    version: VERSION,
  });
  const deps: AppDeps = {
    ...appDeps,
    events: {
      requestDecided: (ministry, s) => metrics.hosting_request_decision_lead_time_seconds.observe({ ministry }, s),
      requestActivated: (ministry, s) => metrics.hosting_request_provisioning_lead_time_seconds.observe({ ministry }, s),
      applyFinished: (stack, outcome) => metrics.apply_runs_total.inc({ stack, outcome }),
    },
    security: {
      signInFailed: (reason) => metrics.sign_in_failures_total.inc({ reason }),
      signInThrottled: (limit) => metrics.sign_in_throttled_total.inc({ limit }),
      writeThrottled: () => metrics.write_throttled_total.inc({}),
    },
    writeLimiter: appDeps.writeLimiter ?? new WriteLimiter(appDeps.clock, appDeps.config.writeRatePerMinute, appDeps.config.writeBurst),
  };

  app.use('*', responseHeaders('/api/v1/'));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routePattern(c);
    const labels = { route, method: methodLabel(c.req.method), status: String(c.res.status) };
    metrics.http_requests_total.inc(labels);
    metrics.http_request_duration_seconds.observe(labels, seconds);
    // The line is built only when it will be written: this runs on every request.
    if (!log.isLevelEnabled('info')) return;
    const actor = c.get('actor');
    log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        route,
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        durationMs: Math.round(seconds * 100_000) / 100,
        actor: actor?.email,
      },
      'request',
    );
  });

  // After the metrics: refused requests are counted (status 503), before any other work.
  app.use('*', loadShedding({ ...deps.config.shedding, eventLoopDelayMs: deps.eventLoopDelayMs }));

  app.get('/healthz', (c) => c.json({ status: 'ok', version: VERSION }));
  app.get('/readyz', (c) => {
    const row = deps.db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number } | undefined;
    return c.json({ status: 'ready', migrations: row?.n ?? 0 });
  });

  app.get('/metrics', async (c) => {
    const expected = deps.config.metricsToken;
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    // Quotas, capacity and open findings are nobody's business by default: outside the demo the
    // scrape needs the configured token, or an API token of an account allowed the metrics scope.
    if (!(expected ? sameToken(given, expected) : deps.config.metricsPublic) && !metricsTokenAllowed(deps.db, given, deps.clock.now())) {
      throw new Unauthenticated(expected ? 'the metrics endpoint needs its bearer token' : 'the metrics endpoint needs a bearer token: set DCOPS_METRICS_TOKEN and give it to Prometheus');
    }
    return c.body(await deps.registry.metrics(), 200, { 'Content-Type': deps.registry.contentType });
  });

  app.get('/assets/api-docs.js', (c) => c.body(DOCS_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }));
  app.use(
    '/assets/swagger-ui/*',
    serveStatic({ root: swaggerUiDir(), rewriteRequestPath: (p) => p.replace(/^\/assets\/swagger-ui/, '') }),
  );

  const api = new Hono<AppEnv>();
  const limitBody = bodyLimit({
    maxSize: deps.config.bodyLimitBytes,
    onError: () => {
      throw new PayloadTooLarge(`the body is larger than ${deps.config.bodyLimitBytes} bytes`);
    },
  });
  // Evidence uploads stream to disk under their own limit; buffering them here would defeat it.
  // GET and HEAD requests never carry a body here (the adapter drops one), and asking the
  // limiter to look would build a full fetch Request for nothing on the busiest endpoints.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || isEvidenceUpload(c.req.method, c.req.path, c.req.header('content-type')) ? next() : limitBody(c, next),
  );
  api.use('*', authenticate(deps));
  api.get('/openapi.json', (c) => c.json(openApiDocument(VERSION)));
  api.get('/docs', (c) => c.html(DOCS_PAGE, 200, { 'Content-Security-Policy': DOCS_CSP }));
  api.route('/auth', authRoutes(deps));
  api.route('/ministries', ministryRoutes(deps));
  api.route('/users', userRoutes(deps));
  api.route('/site/hosts', hostRoutes(deps));
  api.route('/requests', requestRoutes(deps));
  api.route('/audit', auditRoutes(deps));
  api.route('/tenancy', tenancyRoutes(deps));
  api.route('/runs', runsRoutes(deps));
  api.route('/policy-runs', policyRunsRoutes(deps));
  api.route('/frameworks', frameworksRoutes(deps));
  api.route('/controls', controlsRoutes(deps));
  api.route('/evidence', evidenceRoutes(deps));
  api.route('/findings', findingsRoutes(deps));
  api.route('/exceptions', exceptionsRoutes(deps));
  api.route('/exports', exportsRoutes(deps));
  api.route('/dcim', dcimRoutes(deps));
  api.route('/risks', riskRoutes(deps));
  api.route('/assets', assetRoutes(deps));
  app.route('/api/v1', api);
  const web = pageRoutes(deps);
  app.route('/', web.routes);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // People browsing get a page in their language; programs (and anything under /api) get a problem.
    if (!path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html')) return web.notFound(c);
    return problemResponse(c, new NotFound('route', `${c.req.method} ${path}`));
  });
  app.onError((err, c) => {
    if (err instanceof ServiceError && err.status === 403) noteRefusal(deps, c, err);
    if (err instanceof ServiceError) return problemResponse(c, err);
    log.error({ requestId: c.get('requestId'), err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    return internalProblem(c);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
