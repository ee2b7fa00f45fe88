/**
 * Checking a backup directory against its manifest, before anything is restored from it: the
 * manifest against its sidecar hash, then every listed file's size and sha256, and no file
 * missing or added. Every problem is listed, not only the first.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../../lib/sha256.js';
import { BackupError } from './errors.js';
import { hashFile, isDirectory, walkFiles } from './files.js';
import { MANIFEST_FILE, manifestProblems, parseSidecar, SIDECAR_FILE, type Manifest } from './manifest.js';

export interface VerifiedBackup {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
}

/** At most this many problems are listed; past it, a count says how many more. */
const MAX_LISTED = 50;

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError(code === 'ENOENT' ? `${what} is missing: not a dcops backup directory, or an incomplete one` : `${what} cannot be read: ${(err as Error).message}`);
  }
}

/** The manifest, checked against its sidecar and its schema (not yet against the files). */
export function readManifest(dir: string): { manifest: Manifest; manifestSha256: string } {
  const sidecar = readText(join(dir, SIDECAR_FILE), `${SIDECAR_FILE} in ${dir}`);
  const expected = parseSidecar(sidecar);
  if (expected === null) throw new BackupError(`${SIDECAR_FILE} is not "<sha256>  ${MANIFEST_FILE}": it was altered or is not from dcops`);
  const text = readText(join(dir, MANIFEST_FILE), `${MANIFEST_FILE} in ${dir}`);
  const found = sha256Hex(text);
  if (found !== expected) throw new BackupError(`${MANIFEST_FILE} was altered: its sha256 is ${found}, ${SIDECAR_FILE} says ${expected}`);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new BackupError(`${MANIFEST_FILE} is not valid JSON`);
  }
  const { manifest, problems } = manifestProblems(value);
  if (!manifest) throw new BackupError(`${MANIFEST_FILE} does not describe a dcops backup`, problems);
  return { manifest, manifestSha256: found };
}

/** Verifies a whole backup directory; throws {@link BackupError} listing every problem. */
export async function verifyBackup(dirInput: string): Promise<VerifiedBackup> {
  const dir = resolve(dirInput);
  if (!isDirectory(dir)) throw new BackupError(`${dir} is not a directory`);
  const { manifest, manifestSha256 } = readManifest(dir);
  const problems: string[] = [];

  const walk = walkFiles(dir, '');
  for (const s of walk.skipped) problems.push(`${s} is not a regular file (a link or a special file has no place in a backup)`);
  const present = new Set(walk.files.map((f) => f.path));
  present.delete(MANIFEST_FILE);
  present.delete(SIDECAR_FILE);

  for (const f of manifest.files) {
    if (!present.delete(f.path)) {
      problems.push(`${f.path} is listed in the manifest but missing`);
      continue;
    }
    const abs = join(dir, ...f.path.split('/'));
    const size = lstatSync(abs).size;
    if (size !== f.size) {
      problems.push(`${f.path} has ${size} bytes, the manifest says ${f.size}`);
      continue;
    }
    const { sha256 } = await hashFile(abs);
    if (sha256 !== f.sha256) problems.push(`${f.path} was altered: its sha256 is ${sha256}, the manifest says ${f.sha256}`);
  }
  for (const extra of [...present].sort()) problems.push(`${extra} is in the backup but not in the manifest`);

  if (problems.length > 0) {
    const listed = problems.length > MAX_LISTED ? [...problems.slice(0, MAX_LISTED), `… and ${problems.length - MAX_LISTED} more`] : problems;
    throw new BackupError(`the backup in ${dir} does not match its manifest (${problems.length} problem${problems.length > 1 ? 's' : ''})`, listed);
  }
  return { dir, manifest, manifestSha256 };
}
