import { join, resolve } from 'node:path';
import { BackupError } from '../../backup/errors.js';
import { defaultBackupPath } from '../../backup/retention.js';
import { takeBackup, type TakenBackup } from '../../backup/take.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { backups } from '../../db/schema/backups.js';
import { newId } from '../ids.js';

export interface CreateBackupInput {
  dataDir: string;
  /** Where this backup goes; default `<backupDir>/<timestamp>/`. */
  dir?: string | undefined;
  /** Home of default-named backups; default `<dataDir>/backups`. */
  backupDir?: string | undefined;
  trigger: 'cli' | 'schedule';
  signal?: AbortSignal | undefined;
}

export type BackupRecord = typeof backups.$inferSelect;

export function defaultBackupDir(dataDir: string): string {
  return join(resolve(dataDir), 'backups');
}

/**
 * Takes a backup and registers its outcome, success or failure, with its audit entry. The
 * register lives in the live database, after the copy: a backup never holds its own record.
 * A failure is recorded, then thrown.
 */
export async function createBackup({ ctx, input }: { ctx: ServiceContext; input: CreateBackupInput }): Promise<BackupRecord & { taken: TakenBackup }> {
  const startedAt = ctx.clock.now();
  const started = performance.now();
  const dir = resolve(input.dir ?? defaultBackupPath(input.backupDir ?? defaultBackupDir(input.dataDir), startedAt));
  let taken: TakenBackup | undefined;
  let failure: unknown;
  try {
    taken = await takeBackup({ client: ctx.db.$client, dataDir: input.dataDir, dir, createdAt: startedAt, signal: input.signal });
  } catch (err) {
    failure = err;
  }
  const row: BackupRecord = {
    id: newId(),
    startedAt: startedAt.toISOString(),
    finishedAt: ctx.clock.now().toISOString(),
    trigger: input.trigger,
    dir,
    ok: taken !== undefined,
    files: taken?.manifest.totals.files ?? null,
    bytes: taken?.manifest.totals.bytes ?? null,
    manifestSha256: taken?.manifestSha256 ?? null,
    auditHead: taken?.manifest.database.auditHead ?? null,
    auditEntries: taken?.manifest.database.auditEntries ?? null,
    durationMs: Math.round(performance.now() - started),
    reason: taken ? null : failure instanceof Error ? failure.message : String(failure),
  };
  writeTransaction(ctx, (tx, audit) => {
    tx.insert(backups).values(row).run();
    audit({ action: row.ok ? 'backup.create' : 'backup.fail', entity: 'backup', entityId: row.id, after: { ...row, warnings: taken?.manifest.warnings.length ?? 0 } });
  });
  if (!taken) throw failure instanceof BackupError ? failure : new BackupError(row.reason!);
  return { ...row, taken };
}
