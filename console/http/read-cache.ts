/**
 * Serialized responses of hot list endpoints, kept while the database has not changed (see
 * db/generation-memo.ts): a cached answer is exactly what a fresh query would return; the cache
 * only saves querying and serializing the same unchanged page again.
 */
import type Database from 'better-sqlite3';
import { GenerationMemo } from '../db/generation-memo.js';
import type { EncodedJson } from './operation.js';

const encoder = new TextEncoder();

export class ReadCache {
  private readonly memo: GenerationMemo<Uint8Array<ArrayBuffer>>;

  constructor(client: Database.Database, maxEntries = 500) {
    this.memo = new GenerationMemo(client, maxEntries);
  }

  /** The UTF-8 JSON for `key`, computed by `compute` when absent or stale; encoded once, so a cached page is written to sockets as is. */
  json<T>(key: string, compute: () => T): EncodedJson<T> {
    return this.memo.get(key, () => encoder.encode(JSON.stringify(compute()))) as EncodedJson<T>;
  }
}
