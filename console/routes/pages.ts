import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/types.js';

/** The web console (server-rendered pages). */
export function pageRoutes(_deps: AppDeps) {
  const app = new Hono<AppEnv>();
  return app;
}
