import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only, hash-chained audit trail. `before`/`after` hold canonical JSON text so the
 * chain can be re-verified without re-serialising anything.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** Ministry the entry concerns, so requesters can read their own trail. */
    ministryId: text('ministry_id'),
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId), index('audit_ministry_idx').on(t.ministryId)],
);

/** Each verification of the whole chain (scheduled, or from the CLI): what monitoring reads. */
export const auditVerifications = sqliteTable('audit_verifications', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  ok: integer('ok', { mode: 'boolean' }).notNull(),
  entries: integer('entries').notNull(),
  headHash: text('head_hash').notNull(),
  firstBrokenSeq: integer('first_broken_seq'),
  reason: text('reason'),
  durationMs: integer('duration_ms').notNull(),
});
