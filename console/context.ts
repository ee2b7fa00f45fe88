import { appendAudit, type AuditEntry, type AuditInput } from './audit/chain.js';
import { auditCommitted } from './audit/commit-hooks.js';
import type { Clock } from './clock.js';
import { noteLocalWrite } from './db/generation.js';
import type { Db } from './db/open.js';
import type { Role } from './db/schema/users.js';

/** Who is acting. `system` is the console itself (bootstrap, scheduled jobs, CLI with no user). */
export interface Actor {
  userId: string | null;
  email: string;
  role: Role | 'system';
  ministryId: string | null;
  via: 'session' | 'token' | 'cli' | 'system';
}

export const systemActor: Actor = { userId: null, email: 'system', role: 'system', ministryId: null, via: 'system' };

/** What the verbs report as it happens (metrics); every method is optional and must not throw. */
export interface DomainEvents {
  requestDecided?(ministry: string, leadTimeSeconds: number): void;
  requestActivated?(ministry: string, leadTimeSeconds: number): void;
  applyFinished?(stack: string, outcome: 'succeeded' | 'failed'): void;
}

export interface ServiceContext {
  db: Db;
  clock: Clock;
  actor: Actor;
  events?: DomainEvents;
  /** The data directory, where the caller has one: checks that file evidence store it there. */
  dataDir?: string;
}

/** The transaction handle drizzle passes to `db.transaction` callbacks. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Appends the audit entry of the write under way (actor and time filled from the context). */
export type AuditFn = (entry: Omit<AuditInput, 'actor' | 'at'> & { at?: string }) => AuditEntry;

/**
 * Runs a write as one IMMEDIATE transaction: the write lock is taken up front, so two writers
 * never both read a stale state and then race to commit. The audit entry is appended on the
 * same connection inside it, so a change without its entry can never commit.
 */
export function writeTransaction<T>(ctx: ServiceContext, fn: (tx: Tx, audit: AuditFn) => T): T {
  const client = ctx.db.$client;
  let headSeq = 0;
  try {
    const result = ctx.db.transaction(
      (tx) =>
        fn(tx, (entry) => {
          const appended = appendAudit(client, { ...entry, at: entry.at ?? ctx.clock.now().toISOString(), actor: ctx.actor });
          headSeq = appended.seq;
          return appended;
        }),
      { behavior: 'immediate' },
    );
    // Only now is the new head committed, hence safe to anchor.
    if (headSeq > 0 && !client.inTransaction) auditCommitted(client, headSeq);
    return result;
  } finally {
    // Counted even on rollback: a spurious cache miss is harmless, a missed change is not.
    noteLocalWrite(client);
  }
}
