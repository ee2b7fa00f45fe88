/**
 * Taking a backup of a data directory while the console serves it.
 *
 * Order matters: the database is copied first (SQLite's online backup API: a consistent
 * snapshot, WAL content included), then the files. Evidence files and snapshots are written and
 * made durable before the row that names them commits, and are never removed, so every file
 * the copied database refers to already exists when the files are walked.
 *
 * The backup is built in a hidden directory beside its destination and renamed into place once
 * complete and fsynced: a directory with the final name is always a whole backup.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../audit/chain.js';
import { VERSION } from '../version.js';
import { BackupError } from './errors.js';
import { copyHashed, exists, fsyncDir, hashFile, isDirectory, walkFiles } from './files.js';
import { DATABASE_COPY, FILE_ROOTS, MANIFEST_FILE, MANIFEST_FORMAT, MANIFEST_VERSION, SIDECAR_FILE, sidecarText, type Manifest, type ManifestFile } from './manifest.js';
import { sha256Hex } from '../../lib/sha256.js';

/** Pages copied per step of the online backup; the event loop runs between steps. */
const PAGES_PER_STEP = 256;
const ALL_PAGES = 0x7fffffff;

export const PARTIAL_MARK = '.partial-';

export interface TakeBackupOptions {
  /** The live connection (the server's own, or the CLI's). */
  client: Database.Database;
  dataDir: string;
  /** Where the backup goes: a directory that does not exist yet, or an empty one. */
  dir: string;
  createdAt: Date;
  /** Pages copied between two turns of the event loop (default 256, 1 MiB at SQLite's default page size). */
  pagesPerStep?: number;
  /** Stops the backup between two steps or two files (server shutdown); nothing is left behind. */
  signal?: AbortSignal | undefined;
}

export interface TakenBackup {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
}

export interface DatabaseFacts {
  auditHead: string;
  auditEntries: number;
  migrations: number;
  tables: Record<string, number>;
}

/** Row counts, audit head and migrations of a database file (opened on its own connection). */
export function databaseFacts(db: Database.Database): DatabaseFacts {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const tables: Record<string, number> = {};
  for (const name of names) tables[name] = db.prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get() as number;
  const head = names.includes('audit_log') ? (db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) : undefined;
  return { auditHead: head ?? GENESIS_HASH, auditEntries: tables.audit_log ?? 0, migrations: tables.__drizzle_migrations ?? 0, tables };
}

export function isInside(child: string, parent: string): boolean {
  const rel = relative(resolve(parent), resolve(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Refuses destinations that would copy the backup into itself or overwrite something. */
function checkDestination(dataDir: string, dir: string): void {
  if (resolve(dir) === resolve(dataDir)) throw new BackupError(`the backup cannot go into the data directory itself (${dir}); use a subdirectory such as ${join(dataDir, 'backups')}`);
  for (const root of FILE_ROOTS) {
    if (isInside(dir, join(dataDir, root))) throw new BackupError(`the backup cannot go inside ${join(dataDir, root)}, which it copies`);
  }
  if (isDirectory(dir) ? readdirSync(dir).length > 0 : exists(dir)) throw new BackupError(`${dir} already exists and is not an empty directory; choose a new one`);
}

/** Copies the database with the online backup API into `file`, without stalling other writers forever. */
async function copyDatabase(client: Database.Database, file: string, pagesPerStep: number, signal: AbortSignal | undefined): Promise<void> {
  let previous = Number.POSITIVE_INFINITY;
  await client.backup(file, {
    progress: ({ remainingPages }) => {
      signal?.throwIfAborted();
      // More pages left than at the last step: another connection wrote and SQLite started
      // over. Under steady writes that would repeat forever, so the rest goes in one step
      // (one read transaction, which under WAL does not block the writers).
      if (remainingPages > previous) return ALL_PAGES;
      previous = remainingPages;
      return pagesPerStep;
    },
  });
  const copy = new Database(file);
  try {
    // A self-contained file: no -wal or -shm beside it, whatever mode the source runs in.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the database copy does not pass SQLite's quick_check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

const EVIDENCE_FILE = /^evidence\/sha256\/[0-9a-f]{2}\/([0-9a-f]{64})$/;
const SNAPSHOT_FILE = /^snapshots\/([0-9a-f]{64})\.json$/;

/** Names that stand for their content: a mismatch is worth telling, though the file is kept as it is. */
function contentAddressWarning(path: string, sha256: string): string | null {
  const named = EVIDENCE_FILE.exec(path)?.[1] ?? SNAPSHOT_FILE.exec(path)?.[1];
  return named && named !== sha256 ? `${path} does not match its name (its content hashes to ${sha256}); copied as it is` : null;
}

/** Temp and lock files (dot names) and the evidence store's staging area are never backed up. */
function excluded(relativePath: string, name: string): boolean {
  return name.startsWith('.') || relativePath === 'evidence/tmp';
}

export async function takeBackup(options: TakeBackupOptions): Promise<TakenBackup> {
  const dataDir = resolve(options.dataDir);
  const dir = resolve(options.dir);
  checkDestination(dataDir, dir);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(dir)}${PARTIAL_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    const dbCopy = join(staging, DATABASE_COPY);
    await copyDatabase(options.client, dbCopy, options.pagesPerStep ?? PAGES_PER_STEP, options.signal);
    const copy = new Database(dbCopy, { readonly: true });
    let facts: DatabaseFacts;
    try {
      facts = databaseFacts(copy);
    } finally {
      copy.close();
    }

    const files: ManifestFile[] = [{ path: DATABASE_COPY, ...(await hashFile(dbCopy)) }];
    const warnings: string[] = [];
    const dirs = new Set<string>();
    for (const root of FILE_ROOTS) {
      const walk = walkFiles(join(dataDir, root), root, excluded);
      for (const s of walk.skipped) warnings.push(`${s} is not a regular file and was not copied`);
      for (const f of walk.files) {
        options.signal?.throwIfAborted();
        const target = join(staging, ...f.path.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        for (let d = dirname(target); d !== staging && !dirs.has(d); d = dirname(d)) dirs.add(d);
        let copied;
        try {
          copied = await copyHashed(f.abs, target);
        } catch (err) {
          // Terraform replaces its state file by a rename: the name walked may be gone by now.
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          warnings.push(`${f.path} disappeared while the backup ran and was not copied`);
          continue;
        }
        files.push({ path: f.path, ...copied });
        const warning = contentAddressWarning(f.path, copied.sha256);
        if (warning) warnings.push(warning);
      }
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_VERSION,
      createdAt: options.createdAt.toISOString(),
      consoleVersion: VERSION,
      database: { file: DATABASE_COPY, ...facts },
      files,
      totals: { files: files.length, bytes: files.reduce((n, f) => n + f.size, 0) },
      warnings,
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const manifestSha256 = sha256Hex(text);
    writeDurable(join(staging, MANIFEST_FILE), text);
    writeDurable(join(staging, SIDECAR_FILE), sidecarText(manifestSha256));
    // Deepest first, so each directory's entries are durable before its parent's.
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) fsyncDir(d);
    fsyncDir(staging);

    if (isDirectory(dir)) rmdirSync(dir);
    renameSync(staging, dir);
    fsyncDir(parent);
    return { dir, manifest, manifestSha256 };
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    if (options.signal?.aborted) throw new BackupError('the backup was stopped before it completed (the console is shutting down)');
    throw new BackupError(`the backup failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function writeDurable(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o640, flush: true });
}
