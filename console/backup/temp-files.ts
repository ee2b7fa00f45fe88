/**
 * What a crash (kill -9, power loss) can leave behind in a data directory, removed at start-up
 * before the console serves: nothing of it was ever visible under a final name.
 */
import { readdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EvidenceStore } from '../evidence/store.js';
import { pidAlive } from '../../lib/pid-alive.js';
import { RESTORE_MARK } from './restore.js';
import { PARTIAL_MARK } from './take.js';

/** writeFileAtomic's temp names (`.tmp-<hex>`), in the directories it writes to. */
const ATOMIC_TEMP = /^\.tmp-[0-9a-f]+$/;
const ATOMIC_DIRS = ['', 'snapshots'];

export interface CleanedTempFiles {
  evidence: number;
  atomic: number;
  partialBackups: number;
  /** Restores staged beside the data directory whose `dcops restore` died before the swap. */
  partialRestores: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A backup being built: `.<name>.partial-<pid>-<hex>`. */
const PARTIAL_BACKUP = new RegExp(`^\\..+${escape(PARTIAL_MARK)}(\\d+)-[0-9a-f]+$`);

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether a temp file named after `pid` may be removed: its writer is gone, or is a previous run under the same pid. */
function writerGone(pid: number): boolean {
  return pid === process.pid || !pidAlive(pid);
}

/**
 * Removes, at start-up, evidence uploads that never completed, writeFileAtomic temp files left
 * in the data directory and the snapshot store, backups whose builder died before renaming them
 * into place, and restores staged beside the data directory by a `dcops restore` that died.
 * Files of another live process (a `dcops` command next to the server) stay.
 */
export function cleanTempFiles(dataDir: string, backupDir: string = join(dataDir, 'backups')): CleanedTempFiles {
  const store = new EvidenceStore(dataDir);
  // The store knows its own temp files (and treats a killed, not yet reaped writer as gone).
  const evidence = store.cleanTemp();
  let atomic = 0;
  for (const sub of ATOMIC_DIRS) {
    const dir = join(dataDir, sub);
    for (const name of names(dir)) {
      if (!ATOMIC_TEMP.test(name)) continue;
      try {
        unlinkSync(join(dir, name));
        atomic++;
      } catch {
        /* gone already, or a directory that only looks like one */
      }
    }
  }
  let partialBackups = 0;
  for (const name of names(backupDir)) {
    const pid = Number(PARTIAL_BACKUP.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !writerGone(pid)) continue;
    rmSync(join(backupDir, name), { recursive: true, force: true });
    partialBackups++;
  }
  const home = resolve(dataDir);
  const staged = new RegExp(`^\\.${escape(basename(home))}${escape(RESTORE_MARK)}(\\d+)-[0-9a-f]+$`);
  let partialRestores = 0;
  for (const name of names(dirname(home))) {
    const pid = Number(staged.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !writerGone(pid)) continue;
    rmSync(join(dirname(home), name), { recursive: true, force: true });
    partialRestores++;
  }
  return { evidence, atomic, partialBackups, partialRestores };
}
