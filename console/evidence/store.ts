/**
 * Content-addressed evidence files: `<dataDir>/evidence/sha256/<first 2 hex>/<sha256>`.
 *
 * A file becomes visible under its final name only by a rename from `tmp/` after its data and
 * then its directory were fsynced, so a crash leaves either the whole file or nothing (plus a
 * temp file that `cleanTemp()` removes at the next start). Two uploads of the same content land
 * on the same path; the rename of identical bytes over an existing file is harmless and even
 * repairs a copy damaged on disk.
 */
import { pidAlive } from '../../lib/pid-alive.js';
import { createHash, randomUUID, type Hash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { open as openFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** How many leading bytes `head` checks receive (enough for every magic number we check). */
export const HEAD_BYTES = 16;

export interface StoredFile {
  sha256: string;
  size: number;
}

/** A streamed file fully written and hashed, not yet visible in the store. */
export interface StagedFile extends StoredFile {
  /** Moves it into the store (rename + directory fsync). */
  commit(): Promise<void>;
  /** Drops it; safe to call more than once and after a commit. */
  discard(): Promise<void>;
}

export interface StreamOptions {
  maxBytes: number;
  /** Called once with the first {@link HEAD_BYTES} bytes (fewer for a shorter file); throw to abort. */
  head?: (first: Buffer) => void;
}


/**
 * The stored file is gone or is no longer a file (a directory or a dangling path put in its
 * place): what the evidence named cannot be read back, which is corruption, not a server fault.
 */
function isNotAFile(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ELOOP';
}

export class EvidenceTooLarge extends Error {
  override readonly name = 'EvidenceTooLarge';
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
  }
}

export class EvidenceIntegrityError extends Error {
  override readonly name = 'EvidenceIntegrityError';
  constructor(
    readonly expected: string,
    readonly found: string | null,
  ) {
    super(found === null ? `evidence file ${expected} is missing from the store` : `evidence file ${expected} hashes to ${found}`);
  }
}

export interface VerifyOutcome {
  ok: boolean;
  expected: string;
  /** sha256 of what is on disk, null when the file is missing. */
  found: string | null;
  size: number | null;
}

/**
 * Temp files being written by this process. `cleanTemp` spares them: another store on the same
 * directory (a second app in tests, the CLI next to the server) may be mid-write.
 */
const inFlight = new Set<string>();


function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function assertSha(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new RangeError(`not a sha256: ${JSON.stringify(sha256)}`);
}

export class EvidenceStore {
  readonly root: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'evidence');
    this.tmpDir = join(this.root, 'tmp');
  }

  pathOf(sha256: string): string {
    assertSha(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    try {
      return statSync(this.pathOf(sha256)).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Removes temp files left by a crash. The pid is part of each temp name: files of a live
   * process other than this one are still being written and are left alone.
   */
  cleanTemp(): number {
    let names: string[];
    try {
      names = readdirSync(this.tmpDir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const path = join(this.tmpDir, name);
      if (inFlight.has(path)) continue;
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) continue;
      try {
        unlinkSync(path);
        removed++;
      } catch {
        /* already gone */
      }
    }
    return removed;
  }

  private newTempPath(): string {
    mkdirSync(this.tmpDir, { recursive: true });
    const path = join(this.tmpDir, `${process.pid}-${randomUUID()}.part`);
    inFlight.add(path);
    return path;
  }

  private moveIntoPlace(tempPath: string, sha256: string): void {
    const target = this.pathOf(sha256);
    const dir = join(this.root, 'sha256', sha256.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    renameSync(tempPath, target);
    inFlight.delete(tempPath);
    // The rename is durable only once the directory entry itself reaches the disk.
    fsyncDir(dir);
  }

  /**
   * Stores a small file synchronously, for evidence the console files itself inside a write
   * transaction (which cannot await). Content already present and intact is not rewritten.
   */
  put(content: Buffer | string): StoredFile {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha256 = createHash('sha256').update(data).digest('hex');
    if (this.has(sha256) && this.verifySync(sha256).ok) return { sha256, size: data.length };
    const temp = this.newTempPath();
    try {
      const fd = openSync(temp, 'wx', 0o640);
      try {
        let offset = 0;
        while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.moveIntoPlace(temp, sha256);
    } catch (err) {
      inFlight.delete(temp);
      try {
        unlinkSync(temp);
      } catch {
        /* never created */
      }
      throw err;
    }
    return { sha256, size: data.length };
  }

  /**
   * Writes a stream to a temp file, hashing as it goes, without making it visible: the caller
   * validates what came with it (form fields, declared type) and then commits or discards.
   * Memory stays flat whatever the size; past `maxBytes` the write stops with
   * {@link EvidenceTooLarge} and the temp file is removed.
   */
  async stageStream(source: Readable, options: StreamOptions): Promise<StagedFile> {
    const temp = this.newTempPath();
    const hash: Hash = createHash('sha256');
    let size = 0;
    let head: Buffer | null = options.head ? Buffer.alloc(0) : null;
    const check = (): void => {
      if (head !== null && options.head) {
        const first = head;
        head = null;
        options.head(first);
      }
    };
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        try {
          size += chunk.length;
          if (size > options.maxBytes) throw new EvidenceTooLarge(options.maxBytes);
          if (head !== null) {
            head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
            if (head.length >= HEAD_BYTES) check();
          }
          hash.update(chunk);
          done(null, chunk);
        } catch (err) {
          done(err as Error);
        }
      },
      flush(done: TransformCallback) {
        try {
          check();
          done();
        } catch (err) {
          done(err as Error);
        }
      },
    });
    let staged = true;
    const discard = async (): Promise<void> => {
      if (!staged) return;
      staged = false;
      inFlight.delete(temp);
      await unlink(temp).catch(() => undefined);
    };
    try {
      // Opened before any byte flows: a stream that opens lazily can create its file after a
      // failed upload was already cleaned up, leaving it behind.
      // The stream owns the handle from here: it syncs before closing, and closes on failure too.
      const handle = await openFile(temp, 'wx', 0o640);
      await pipeline(source, meter, handle.createWriteStream({ highWaterMark: 1 << 20, flush: true }));
    } catch (err) {
      await discard();
      throw err;
    }
    const sha256 = hash.digest('hex');
    return {
      sha256,
      size,
      commit: async () => {
        if (!staged) throw new Error('the staged file was discarded');
        staged = false;
        const dir = join(this.root, 'sha256', sha256.slice(0, 2));
        mkdirSync(dir, { recursive: true });
        await rename(temp, this.pathOf(sha256));
        inFlight.delete(temp);
        fsyncDir(dir);
      },
      discard,
    };
  }

  /** Streams a file into the store: {@link stageStream} then commit. */
  async putStream(source: Readable, options: StreamOptions): Promise<StoredFile> {
    const staged = await this.stageStream(source, options);
    await staged.commit();
    return { sha256: staged.sha256, size: staged.size };
  }

  /**
   * A read stream that re-hashes what it serves. The last chunk is held back until the hash
   * is known, so a reader never receives the complete file when it does not match: the stream
   * errors with {@link EvidenceIntegrityError} one chunk short instead.
   */
  open(sha256: string): Readable {
    const path = this.pathOf(sha256);
    const hash = createHash('sha256');
    let held: Buffer | null = null;
    const checker = new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        hash.update(chunk);
        const previous = held;
        held = chunk;
        done(null, previous ?? undefined);
      },
      flush(done: TransformCallback) {
        const found = hash.digest('hex');
        if (found !== sha256) {
          done(new EvidenceIntegrityError(sha256, found));
          return;
        }
        if (held) this.push(held);
        done();
      },
    });
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('error', (err: NodeJS.ErrnoException) => checker.destroy(isNotAFile(err) ? new EvidenceIntegrityError(sha256, null) : err));
    // A reader that goes away (client disconnect) must not leave the file descriptor open.
    checker.on('close', () => file.destroy());
    return file.pipe(checker);
  }

  /** Re-reads the whole file and compares its hash with its name. */
  async verify(sha256: string): Promise<VerifyOutcome> {
    const path = this.pathOf(sha256);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        const b = chunk as Buffer;
        size += b.length;
        hash.update(b);
      }
    } catch (err) {
      if (isNotAFile(err)) return { ok: false, expected: sha256, found: null, size: null };
      throw err;
    }
    const found = hash.digest('hex');
    return { ok: found === sha256, expected: sha256, found, size };
  }

  /** {@link verify} for small files, where a synchronous read is cheaper than a stream. */
  verifySync(sha256: string): VerifyOutcome {
    let data: Buffer;
    try {
      data = readFileSync(this.pathOf(sha256));
    } catch (err) {
      if (isNotAFile(err)) return { ok: false, expected: sha256, found: null, size: null };
      throw err;
    }
    const found = createHash('sha256').update(data).digest('hex');
    return { ok: found === sha256, expected: sha256, found, size: data.length };
  }
}
