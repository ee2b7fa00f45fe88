import { Hono } from 'hono';
import { certOps } from '../api/operations/cert.js';
import { coreOps } from '../api/operations/core.js';
import { listAuditQuery } from '../api/schemas.js';
import { serviceContext } from '../http/auth.js';
import { readQuery } from '../http/body.js';
import { operationRoutes } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { listAudit } from '../services/audit/list.js';
import { verifyAudit } from '../services/audit/verify.js';
import { listSecurityEvents, listSecurityEventsQuery, verifySecurityEvents } from '../services/security-events/list.js';

export function auditRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/audit');
  on(coreOps.listAudit, (c) => listAudit({ ctx: serviceContext(c, deps), input: readQuery(c, listAuditQuery) }));
  on(coreOps.verifyAudit, (c) => verifyAudit({ ctx: serviceContext(c, deps), input: { checkpoints: { dir: deps.config.checkpointDir, keyFile: deps.config.checkpointKeyFile } } }));
  on(certOps.listSecurityEvents, (c) => listSecurityEvents({ ctx: serviceContext(c, deps), input: readQuery(c, listSecurityEventsQuery) }));
  on(certOps.verifySecurityEvents, (c) => verifySecurityEvents({ ctx: serviceContext(c, deps) }));
  return app;
}
