/**
 * Scheduled backups inside the server: taken on the server's own connection (its writes during
 * the copy reach the copy, nothing restarts), each outcome registered and audited, then the
 * oldest default-named backups beyond the retention count removed.
 */
import type { Logger } from 'pino';
import { pruneBackups } from '../../backup/retention.js';
import type { Clock } from '../../clock.js';
import { systemActor } from '../../context.js';
import type { Db } from '../../db/open.js';
import { createBackup, defaultBackupDir } from './create.js';
import { lastSuccessfulBackupAt } from './last-success.js';

export interface BackupScheduleOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** Time between backups; 0 turns scheduled backups off. */
  intervalMs: number;
  /** How many default-named backups are kept. */
  retention: number;
  /** Default `<dataDir>/backups`. */
  backupDir?: string | undefined;
  /** Wait after start-up before an overdue backup (the server warms up first). */
  startDelayMs?: number;
}

export interface BackupSchedule {
  /**
   * Stops the schedule; a backup under way is abandoned (its partial copy removed, the failure
   * registered) and waited for, so the database can be closed right after.
   */
  stop(): Promise<void>;
}

/** setTimeout fires at once beyond this; longer waits are taken in several steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  if (options.intervalMs <= 0) return { stop: () => Promise.resolve() };
  const { db, clock, logger } = options;
  const backupDir = options.backupDir ?? defaultBackupDir(options.dataDir);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const abort = new AbortController();

  const runOnce = async (): Promise<void> => {
    try {
      const r = await createBackup({ ctx: { db, clock, actor: systemActor }, input: { dataDir: options.dataDir, backupDir, trigger: 'schedule', signal: abort.signal } });
      logger.info({ dir: r.dir, files: r.files, bytes: r.bytes, durationMs: r.durationMs, manifestSha256: r.manifestSha256 }, 'backup taken');
      const removed = pruneBackups(backupDir, options.retention);
      if (removed.length) logger.info({ removed, kept: options.retention }, 'old backups removed');
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'scheduled backup failed');
    }
  };

  const arm = (at: number): void => {
    if (stopped) return;
    const wait = Math.max(0, at - clock.now().getTime());
    timer = setTimeout(() => {
      if (stopped) return;
      if (clock.now().getTime() < at) return arm(at);
      running = runOnce().finally(() => {
        running = undefined;
        // The next one counts from this attempt, failed or not: a failing backup is retried
        // at the normal pace, and the staleness alert says it keeps failing.
        arm(clock.now().getTime() + options.intervalMs);
      });
    }, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };

  const last = lastSuccessfulBackupAt(db);
  const earliest = clock.now().getTime() + (options.startDelayMs ?? 60_000);
  arm(Math.max(earliest, last ? last.getTime() + options.intervalMs : earliest));

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      abort.abort();
      await running;
    },
  };
}
