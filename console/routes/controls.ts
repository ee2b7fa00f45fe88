import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/types.js';

export function controlsRoutes(_deps: AppDeps) {
  const app = new Hono<AppEnv>();
  return app;
}
