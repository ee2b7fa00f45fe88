/** What the HTTP layer reports to the security-event log: refusals (403), downloads, exports. */
import type { Context } from 'hono';
import type { ServiceError } from '../errors.js';
import { recordSecurityEvent, type SecurityEventKind } from '../services/security-events/record.js';
import { clientAddress } from './client-address.js';
import type { AppDeps } from './types.js';

function who(c: Context): string {
  const actor = c.get('actor') as { email: string } | undefined;
  return actor?.email ?? 'anonymous';
}

/** Never lets the log fail the answer it describes: a refusal stays a refusal even if the log is locked. */
export function noteSecurityEvent(deps: AppDeps, c: Context, kind: SecurityEventKind, target: string, detail?: Record<string, unknown>): void {
  try {
    recordSecurityEvent(deps.db, { kind, actor: who(c), address: clientAddress(c, deps.config.trustProxy), target, detail: detail ?? null, at: deps.clock.now().toISOString() });
  } catch (err) {
    deps.logger.error({ err: err instanceof Error ? err.message : String(err), kind }, 'security event not recorded');
  }
}

export function noteRefusal(deps: AppDeps, c: Context, err: ServiceError): void {
  noteSecurityEvent(deps, c, 'access_denied', `${c.req.method} ${new URL(c.req.url).pathname}`, { reason: err.message.slice(0, 300) });
}
