/**
 * A number that changes whenever the database may have changed: this process's committed
 * writes (counted by `writeTransaction`) and other connections' commits (SQLite's
 * `PRAGMA data_version`, which moves when another connection commits to the same file).
 * Read caches keyed on it are never stale.
 */
import type Database from 'better-sqlite3';

interface State {
  localWrites: number;
  statement?: Database.Statement<[], number>;
  /** The last `data_version` read, until the current run of synchronous code ends. */
  version?: number;
}

const states = new WeakMap<Database.Database, State>();

function stateOf(client: Database.Database): State {
  let s = states.get(client);
  if (!s) states.set(client, (s = { localWrites: 0 }));
  return s;
}

export function noteLocalWrite(client: Database.Database): void {
  stateOf(client).localWrites++;
}

export function dataGeneration(client: Database.Database): string {
  const s = stateOf(client);
  if (s.version === undefined) {
    s.statement ??= client.prepare('PRAGMA data_version').pluck() as Database.Statement<[], number>;
    // The pragma opens a read of the WAL index, the dearest step of a cached answer. Read once
    // per run of synchronous code (one request's authentication and page lookup): another
    // process's commit landing within that run is ordered after it, as if it came a moment later.
    s.version = s.statement.get()!;
    queueMicrotask(() => {
      s.version = undefined;
    });
  }
  return `${s.version}:${s.localWrites}`;
}
