import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { UNMATCHED_ROUTE } from '../metrics/catalogue.js';

/**
 * The pattern of the route that answered (`/api/v1/requests/:id`), never the concrete path, so
 * logs and metric labels stay bounded. Requests no handler matched share one label.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i]!;
    if (r.method !== 'ALL') return r.path;
  }
  return UNMATCHED_ROUTE;
}
