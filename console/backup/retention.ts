/**
 * Names of the backups the console places itself, and their retention. Only directories with
 * such a name and a manifest are ever pruned: a backup an operator named is theirs to remove.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exists, isDirectory } from './files.js';
import { MANIFEST_FILE, SIDECAR_FILE } from './manifest.js';

const DEFAULT_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d+)?$/;

/** `<backupDir>/<timestamp>` (a suffix when that name is taken): sortable, and valid on every file system. */
export function defaultBackupPath(backupDir: string, at: Date): string {
  const base = at.toISOString().replace(/[:.]/g, '-');
  let name = base;
  for (let i = 2; exists(join(backupDir, name)); i++) name = `${base}-${i}`;
  return join(backupDir, name);
}

/** Default-named complete backups in `backupDir`, oldest first. */
export function listDefaultBackups(backupDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(backupDir);
  } catch {
    return [];
  }
  return names
    .filter((n) => DEFAULT_NAME.test(n) && isDirectory(join(backupDir, n)) && exists(join(backupDir, n, MANIFEST_FILE)) && exists(join(backupDir, n, SIDECAR_FILE)))
    .sort((a, b) => {
      // Same instant with a suffix sorts after its base name.
      const [ta, sa] = [a.slice(0, 24), Number(a.slice(25) || 1)];
      const [tb, sb] = [b.slice(0, 24), Number(b.slice(25) || 1)];
      return ta < tb ? -1 : ta > tb ? 1 : sa - sb;
    })
    .map((n) => join(backupDir, n));
}

/** Removes the oldest default-named backups beyond the newest `keep`; returns what it removed. */
export function pruneBackups(backupDir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('at least one backup is kept');
  const all = listDefaultBackups(backupDir);
  const removed = all.slice(0, Math.max(0, all.length - keep));
  for (const dir of removed) rmSync(dir, { recursive: true, force: true });
  return removed;
}
