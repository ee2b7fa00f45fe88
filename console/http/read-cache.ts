/**
 * Serialized responses of hot list endpoints, kept while the database has not changed.
 * An entry is valid only for the data generation it was computed at (see db/generation.ts),
 * so a cached answer is exactly what a fresh query would return; the cache only saves the
 * work of querying and serializing the same unchanged page again.
 */
import type Database from 'better-sqlite3';
import { dataGeneration } from '../db/generation.js';

interface Entry {
  generation: string;
  /** Encoded once: a cached page is written to sockets without re-encoding. */
  body: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();

export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly client: Database.Database,
    private readonly maxEntries = 500,
  ) {}

  /** The UTF-8 JSON for `key`, computed by `compute` when absent or stale. */
  json(key: string, compute: () => unknown): Uint8Array<ArrayBuffer> {
    const generation = dataGeneration(this.client);
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      // Most recently used last, so eviction drops the coldest entry.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.body;
    }
    const body = encoder.encode(JSON.stringify(compute()));
    // Computing may have written (it never should for reads); re-read so the entry is never newer than its data.
    this.entries.delete(key);
    this.entries.set(key, { generation: dataGeneration(this.client) === generation ? generation : '', body });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return body;
  }
}
