/**
 * Values derived from the database, kept while it has not changed. An entry is valid only for
 * the data generation it was computed at (see generation.ts), so what it returns is exactly what
 * computing again would give; it only saves the work. Bounded, least recently used out first.
 */
import type Database from 'better-sqlite3';
import { dataGeneration } from './generation.js';

export class GenerationMemo<V> {
  private readonly entries = new Map<string, { generation: string; value: V }>();

  constructor(
    private readonly client: Database.Database,
    private readonly maxEntries = 500,
  ) {}

  /**
   * The value for `key`, computed by `compute` when absent or stale. A computed value that
   * `keep` refuses (a failed lookup, say) is returned but not kept, so unknown keys cannot crowd
   * out known ones.
   */
  get(key: string, compute: () => V, keep: (value: V) => boolean = () => true): V {
    const generation = dataGeneration(this.client);
    const hit = this.entries.get(key);
    if (hit && hit.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.entries.delete(key);
    // Computing may have written (reads never should): then the value is not tied to a generation.
    if (keep(value) && dataGeneration(this.client) === generation) {
      this.entries.set(key, { generation, value });
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return value;
  }
}
