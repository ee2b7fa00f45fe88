/**
 * Snapshots of applied stacks: the exact Terraform JSON each applied run used, stored by its
 * sha256 under `<dataDir>/snapshots/`, so plans and drift checks diff against what really ran.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../lib/canonical-json.js';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { sha256Hex } from '../../lib/sha256.js';

export class SnapshotStore {
  constructor(readonly dir: string) {}

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, `${sha256}.json`);
  }

  put(json: unknown): string {
    const text = canonicalJson(json);
    const sha = sha256Hex(text);
    const file = this.path(sha);
    if (!existsSync(file)) writeFileAtomic(file, text);
    return sha;
  }

  /** The snapshot, verified against its name; null when absent. Throws when it was altered. */
  get(sha256: string): unknown {
    const file = this.path(sha256);
    if (!existsSync(file)) return null;
    const text = readFileSync(file, 'utf8');
    if (sha256Hex(text) !== sha256) throw new Error(`snapshot ${sha256} does not match its hash: it was altered on disk`);
    return JSON.parse(text) as unknown;
  }
}

export function snapshotDir(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

export function stackWorkDir(dataDir: string, stack: string): string {
  if (!/^[a-z0-9-]+$/.test(stack)) throw new Error(`not a stack name: ${stack}`);
  return join(dataDir, 'stacks', stack);
}
