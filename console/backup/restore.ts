/**
 * Restoring a backup into a data directory.
 *
 * Nothing in the target changes until the restored copy is complete and proven: the backup is
 * verified against its manifest, copied (and hashed again) into a hidden directory beside the
 * target, its database checked (SQLite quick_check, the whole audit chain, the manifest's audit
 * head and row counts). Only then is the current directory renamed aside and the copy renamed
 * into place. The previous content is kept, never deleted, and the backups directory it holds
 * moves over to the restored one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditChain, type VerifyResult } from '../audit/chain.js';
import { BackupError } from './errors.js';
import { copyHashed, exists, fsyncDir, isDirectory } from './files.js';
import { DATABASE_COPY, type Manifest } from './manifest.js';
import { databaseFacts, isInside } from './take.js';
import { verifyBackup } from './verify.js';

/** Kept across a restore: the backups themselves are not part of what a backup restores. */
export const BACKUPS_DIR = 'backups';
export const RESTORE_MARK = '.restore-';

export interface RestoreOptions {
  /** The backup directory. */
  from: string;
  /** The data directory to restore into. */
  to: string;
  /** Replace a data directory that holds a database. */
  force?: boolean;
  /** Verify the backup and a staged restore of it, then drop the staged copy; the target is not touched. */
  checkOnly?: boolean;
  now?: Date;
}

export interface RestoreResult {
  target: string;
  /** Where the previous content of the target now is; null when there was none to keep. */
  previous: string | null;
  manifest: Manifest;
  manifestSha256: string;
  audit: VerifyResult;
}

/**
 * Whether another process has the database open. Under WAL every connection holds a shared
 * lock for as long as it is open, so an exclusive lock that cannot be had means a console (or a
 * `dcops` command) is using it right now.
 */
export function databaseInUse(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 0, fileMustExist: true });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED';
  } finally {
    db?.close();
  }
}

/** Checks a restored database against what the manifest says the backup held. */
function checkDatabase(file: string, manifest: Manifest): VerifyResult {
  const db = new Database(file, { fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the restored database does not pass SQLite's quick_check: ${String(check)}`);
    const audit = verifyAuditChain(db);
    if (!audit.ok) throw new BackupError(`the audit chain of the restored database is broken at entry ${audit.firstBroken!.seq}: ${audit.firstBroken!.reason}`);
    const facts = databaseFacts(db);
    const problems: string[] = [];
    if (facts.auditHead !== manifest.database.auditHead) problems.push(`audit head is ${facts.auditHead}, the manifest says ${manifest.database.auditHead}`);
    if (facts.auditEntries !== manifest.database.auditEntries) problems.push(`${facts.auditEntries} audit entries, the manifest says ${manifest.database.auditEntries}`);
    for (const name of new Set([...Object.keys(facts.tables), ...Object.keys(manifest.database.tables)])) {
      if (facts.tables[name] !== manifest.database.tables[name]) problems.push(`table ${name}: ${facts.tables[name] ?? 'absent'} rows, the manifest says ${manifest.database.tables[name] ?? 'absent'}`);
    }
    if (problems.length) throw new BackupError('the restored database is not the one the manifest describes', problems);
    return audit;
  } finally {
    db.close();
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const { dir: from, manifest, manifestSha256 } = await verifyBackup(options.from);
  const target = resolve(options.to);
  if (isInside(target, from)) throw new BackupError(`cannot restore into ${target}: it is inside the backup itself`);
  const targetExists = exists(target);
  if (targetExists && !isDirectory(target)) throw new BackupError(`${target} exists and is not a directory`);
  const liveDb = join(target, DATABASE_COPY);
  if (!options.checkOnly && exists(liveDb)) {
    if (!options.force) {
      throw new BackupError(`${target} holds a database: restoring would replace it. Stop the console, then run again with --force (the current content is kept aside, not deleted)`);
    }
    if (databaseInUse(liveDb)) throw new BackupError(`the database in ${target} is in use by another process: stop the console (and any dcops command) before restoring`);
  }

  // Beside the target, so the final move is a rename on one file system; a mere check stages
  // beside the backup instead and creates nothing near the target.
  const parent = dirname(target);
  if (!options.checkOnly) mkdirSync(parent, { recursive: true });
  const staging = join(options.checkOnly ? dirname(from) : parent, `.${basename(target)}${RESTORE_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  let audit: VerifyResult;
  try {
    const dirs = new Set<string>();
    for (const f of manifest.files) {
      const dest = join(staging, ...f.path.split('/'));
      // The manifest paths were checked already; this keeps any future slip from writing outside.
      if (!isInside(dest, staging)) throw new BackupError(`${f.path} would land outside the data directory`);
      mkdirSync(dirname(dest), { recursive: true });
      for (let d = dirname(dest); d !== staging && !dirs.has(d); d = dirname(d)) dirs.add(d);
      // Hashed again while copying: the backup could have changed since it was verified.
      const copied = await copyHashed(join(from, ...f.path.split('/')), dest);
      if (copied.sha256 !== f.sha256 || copied.size !== f.size) throw new BackupError(`${f.path} changed while it was being restored`);
    }
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) fsyncDir(d);
    fsyncDir(staging);
    audit = checkDatabase(join(staging, DATABASE_COPY), manifest);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`the restore failed, ${target} is unchanged: ${err instanceof Error ? err.message : String(err)}`);
  }

  if (options.checkOnly) {
    rmSync(staging, { recursive: true, force: true });
    return { target, previous: null, manifest, manifestSha256, audit };
  }

  let previous: string | null = null;
  if (targetExists) {
    previous = `${target}.pre-restore-${stamp(options.now ?? new Date())}`;
    try {
      renameSync(target, previous);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      throw new BackupError(
        `could not move ${target} aside (${(err as Error).message}); it is unchanged. A mount point cannot be renamed: restore with --to into a new directory and point DCOPS_DATA_DIR at it`,
      );
    }
  }
  try {
    renameSync(staging, target);
  } catch (err) {
    if (previous) renameSync(previous, target);
    rmSync(staging, { recursive: true, force: true });
    throw new BackupError(`could not move the restored copy into place, ${target} is unchanged: ${(err as Error).message}`);
  }
  if (previous) {
    if (isDirectory(join(previous, BACKUPS_DIR))) renameSync(join(previous, BACKUPS_DIR), join(target, BACKUPS_DIR));
    if (readdirSync(previous).length === 0) {
      rmdirSync(previous);
      previous = null;
    }
  }
  fsyncDir(target);
  fsyncDir(parent);

  // Proven once more where it now lives.
  const final = checkDatabase(join(target, DATABASE_COPY), manifest);
  return { target, previous, manifest, manifestSha256, audit: final };
}
