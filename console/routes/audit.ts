import { Hono } from 'hono';
import { listAuditQuery } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readQuery } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { listAudit } from '../services/audit/list.js';
import { verifyAudit } from '../services/audit/verify.js';

export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(listAudit({ ctx, input: readQuery(c, listAuditQuery) }));
  });
  app.get('/verify', (c) => {
    const result = verifyAudit({ ctx: serviceContext(c, deps), input: { checkpoints: { dir: deps.config.checkpointDir, keyFile: deps.config.checkpointKeyFile } } });
    return c.json(result);
  });
  return app;
}
