import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../http/types.js';

export function frameworksRoutes(_deps: AppDeps) {
  const app = new Hono<AppEnv>();
  return app;
}
