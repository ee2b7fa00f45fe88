import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const securityEventKinds = ['sign_in_failed', 'sign_in_throttled', 'access_denied', 'evidence_download', 'export'] as const;

/**
 * Security events (failed sign-ins, throttling, refusals, downloads, exports), hash-chained like
 * the audit trail but kept apart from it and pruned after a retention period: failing to sign in
 * must not grow the audit chain without limit.
 */
export const securityEvents = sqliteTable(
  'security_events',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    kind: text('kind', { enum: securityEventKinds }).notNull(),
    /** Who: an account's email, or what was typed at sign-in. */
    actor: text('actor').notNull(),
    address: text('address'),
    /** What it was about (path, evidence id, export name…). */
    target: text('target'),
    detail: text('detail'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('security_events_at_idx').on(t.at), index('security_events_kind_idx').on(t.kind, t.at)],
);

/** Where the retained chain starts once older events were pruned: the hash the first kept event follows. */
export const securityEventAnchor = sqliteTable('security_event_anchor', {
  id: integer('id').primaryKey(),
  prunedThroughSeq: integer('pruned_through_seq').notNull(),
  headHash: text('head_hash').notNull(),
  prunedAt: text('pruned_at').notNull(),
});
