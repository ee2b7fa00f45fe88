import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this module, not the working directory, so the CLI works from anywhere. */
export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export const DATABASE_FILE = 'dcops.db';

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export interface OpenOptions {
  /** Apply pending migrations (the default). */
  migrate?: boolean;
  readonly?: boolean;
  /** Called with every statement SQLite runs (benchmarks count them). */
  onStatement?: (sql: string) => void;
}

/** The data directory holds password hashes, emails and session secrets: its owner only. */
export const DATA_DIR_MODE = 0o700;
export const DATABASE_FILE_MODE = 0o600;

/**
 * Creates the database's directory (0700) and file (0600) when missing, before SQLite does it
 * with the process umask; SQLite gives its -wal and -shm files the mode of the database file.
 * A database file found with wider rights is narrowed, with its companions.
 */
export function prepareDatabaseFile(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (!existsSync(file)) closeSync(openSync(file, 'a', DATABASE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(f, DATABASE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** Opens (creating if needed) the SQLite database with the pragmas the console relies on. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) prepareDatabaseFile(file);
  const client = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.onStatement ? { verbose: (message?: unknown) => options.onStatement!(String(message)) } : {}),
  });
  if (!options.readonly) client.pragma('journal_mode = WAL');
  // NORMAL under WAL keeps every committed transaction across a process crash; only an OS
  // crash or power loss may drop the last ones.
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema }) as Db;
  if (options.migrate ?? !options.readonly) {
    // Off while migrating: a migration that rebuilds a table (SQLite cannot alter a column) drops
    // the old one, and with foreign keys on that drop would cascade into the rows referencing
    // it. The PRAGMA is a no-op inside the migrator's transaction, hence here; the references
    // are checked once the migrations ran.
    client.pragma('foreign_keys = OFF');
    migrate(db, { migrationsFolder });
    const broken = client.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`the migrated database has ${broken.length} broken reference(s): ${JSON.stringify(broken.slice(0, 5))}`);
  }
  client.pragma('foreign_keys = ON');
  return db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}
