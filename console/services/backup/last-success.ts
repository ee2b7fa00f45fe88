import { eq, max } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { backups } from '../../db/schema/backups.js';

/** End of the latest successful backup (the `dcops_backup_last_success_timestamp_seconds` gauge), or null. */
export function lastSuccessfulBackupAt(db: Db): Date | null {
  const row = db.select({ at: max(backups.finishedAt) }).from(backups).where(eq(backups.ok, true)).get();
  return row?.at ? new Date(row.at) : null;
}
