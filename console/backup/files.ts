/** File mechanics shared by backup and restore: walking a tree, hashed copies, durable writes. */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export interface FoundFile {
  /** `prefix/…` with forward slashes (the manifest form); no prefix for an empty one. */
  path: string;
  abs: string;
}

export interface Walk {
  files: FoundFile[];
  /** Entries that are neither a regular file nor a directory (symlinks, sockets…), relative. */
  skipped: string[];
}

/**
 * Every regular file below `dir`, sorted, named `prefix/…`. Symbolic links are never followed:
 * one could point anywhere on the machine. `exclude` receives each relative path (files and
 * directories) and drops what it returns true for.
 */
export function walkFiles(dir: string, prefix: string, exclude: (relative: string, name: string) => boolean = () => false): Walk {
  const out: Walk = { files: [], skipped: [] };
  const visit = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const name of names.sort()) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (exclude(childRel, name)) continue;
      const st = lstatSync(childAbs);
      if (st.isDirectory()) visit(childAbs, childRel);
      else if (st.isFile()) out.files.push({ path: childRel, abs: childAbs });
      else out.skipped.push(childRel);
    }
  };
  visit(dir, prefix);
  return out;
}

export interface Hashed {
  size: number;
  sha256: string;
}

/** Streams a file through sha256 (flat memory whatever its size). */
export async function hashFile(path: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    size += b.length;
    hash.update(b);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Copies `src` to a new file `dest`, hashing the bytes as they pass, then fsyncs it: the hash
 * describes exactly what was written, and what was written is on disk before anyone relies on it.
 */
export async function copyHashed(src: string, dest: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(dest, 'wx', 0o640);
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: 1 << 20 })) {
      const b = chunk as Buffer;
      hash.update(b);
      size += b.length;
      let offset = 0;
      while (offset < b.length) offset += (await out.write(b, offset, b.length - offset)).bytesWritten;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { size, sha256: hash.digest('hex') };
}

/** Makes the entries of a directory (new files, renames) durable. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

