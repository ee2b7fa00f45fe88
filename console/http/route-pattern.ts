import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { UNMATCHED_ROUTE } from '../metrics/catalogue.js';

/**
 * The pattern of the route that answered (`/api/v1/requests/:id`), never the concrete path, so
 * logs and metric labels stay bounded. Read after the handlers ran: `routeIndex` then points at
 * the handler that answered, so `GET /api/v1/runs/drift` is labelled `/api/v1/runs/drift` even
 * though `/api/v1/runs/:id` matches it too. When a middleware answered (a 401, a 413), the label
 * is the route the request was going to, the first one registered after it. Requests no handler
 * matched share one label.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  const from = Math.max(0, Math.min(c.req.routeIndex ?? 0, routes.length));
  for (let i = from; i < routes.length; i++) {
    const r = routes[i]!;
    if (r.method !== 'ALL') return r.path;
  }
  return UNMATCHED_ROUTE;
}
