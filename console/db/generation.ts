/**
 * A number that changes whenever the database may have changed: this process's committed
 * writes (counted by `writeTransaction`) and other connections' commits (SQLite's
 * `PRAGMA data_version`, which moves when another connection commits to the same file).
 * Read caches keyed on it are never stale.
 */
import type Database from 'better-sqlite3';

const localWrites = new WeakMap<Database.Database, number>();
const versionStatements = new WeakMap<Database.Database, Database.Statement<[], number>>();

export function noteLocalWrite(client: Database.Database): void {
  localWrites.set(client, (localWrites.get(client) ?? 0) + 1);
}

export function dataGeneration(client: Database.Database): string {
  let stmt = versionStatements.get(client);
  if (!stmt) {
    stmt = client.prepare('PRAGMA data_version').pluck() as Database.Statement<[], number>;
    versionStatements.set(client, stmt);
  }
  return `${stmt.get()}:${localWrites.get(client) ?? 0}`;
}
