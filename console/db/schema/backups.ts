import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The register of backups the console took (scheduled, or `dcops backup`), successful or not:
 * what monitoring reads for the last success, and what the backup evidence collector files.
 */
export const backups = sqliteTable(
  'backups',
  {
    id: text('id').primaryKey(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    trigger: text('trigger', { enum: ['cli', 'schedule'] }).notNull(),
    /** Absolute path of the backup directory (where it would have been, for a failure). */
    dir: text('dir').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    files: integer('files'),
    bytes: integer('bytes'),
    /** sha256 of manifest.json, also written beside it in manifest.sha256. */
    manifestSha256: text('manifest_sha256'),
    /** Audit chain head inside the copied database. */
    auditHead: text('audit_head'),
    auditEntries: integer('audit_entries'),
    durationMs: integer('duration_ms').notNull(),
    /** Why it failed; null on success. */
    reason: text('reason'),
  },
  (t) => [index('backups_ok_finished_idx').on(t.ok, t.finishedAt)],
);
