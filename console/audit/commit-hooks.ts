/**
 * What runs after a write transaction that appended audit entries has committed (the server
 * registers the checkpoint writer here). Kept per connection; a hook must not throw.
 */
import type Database from 'better-sqlite3';

const hooks = new WeakMap<Database.Database, (headSeq: number) => void>();

export function onAuditCommitted(client: Database.Database, hook: ((headSeq: number) => void) | null): void {
  if (hook) hooks.set(client, hook);
  else hooks.delete(client);
}

export function auditCommitted(client: Database.Database, headSeq: number): void {
  hooks.get(client)?.(headSeq);
}
