/**
 * The manifest of a backup directory: every file with its size and sha256, what the copied
 * database holds (audit head, row counts), and a sidecar `manifest.sha256` in the format of
 * `sha256sum`, so `sha256sum -c manifest.sha256` checks the manifest without the console.
 */
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const SIDECAR_FILE = 'manifest.sha256';
export const DATABASE_COPY = 'dcops.db';
export const MANIFEST_FORMAT = 'dcops-backup';
export const MANIFEST_VERSION = 1;

/** What a backup holds besides the database: each a directory of the data directory. */
export const FILE_ROOTS = ['evidence', 'snapshots', 'state'] as const;

const SHA256 = /^[0-9a-f]{64}$/;
// Control characters could hide a name or break a terminal listing it.
const CONTROL = /[\u0000-\u001f\u007f]/u;
const MAX_DEPTH = 8;

/**
 * Whether a manifest path can only ever name a file inside the backup (and, restored, inside
 * the data directory): relative, forward slashes, no empty, dot or dot-dot segment, no
 * backslash or control character, under the database copy or one of {@link FILE_ROOTS}.
 * Leading dots are refused too: temp and lock files are never backed up.
 */
export function isSafeBackupPath(path: string): boolean {
  if (path.length === 0 || path.length > 1024) return false;
  if (path === DATABASE_COPY) return true;
  const segments = path.split('/');
  if (segments.length < 2 || segments.length > MAX_DEPTH) return false;
  if (!(FILE_ROOTS as readonly string[]).includes(segments[0]!)) return false;
  return segments.every((s) => s.length > 0 && s.length <= 255 && !s.startsWith('.') && !s.includes('\\') && !CONTROL.test(s));
}

const fileEntry = z.strictObject({
  path: z.string().refine(isSafeBackupPath, 'not a safe relative path inside the backup'),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(SHA256),
});

export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_VERSION),
  createdAt: z.iso.datetime(),
  consoleVersion: z.string().min(1),
  database: z.strictObject({
    file: z.literal(DATABASE_COPY),
    /** Hash of the last audit entry inside the copy (the genesis hash for an empty trail). */
    auditHead: z.string().regex(SHA256),
    auditEntries: z.number().int().nonnegative(),
    migrations: z.number().int().nonnegative(),
    /** Row count of every table in the copy. */
    tables: z.record(z.string(), z.number().int().nonnegative()),
  }),
  files: z.array(fileEntry).refine((files) => new Set(files.map((f) => f.path)).size === files.length, 'a path is listed twice'),
  totals: z.strictObject({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  /** What the backup noticed but copied as it was (a store file not matching its name…). */
  warnings: z.array(z.string()),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = Manifest['files'][number];

export function sidecarText(manifestSha256: string): string {
  return `${manifestSha256}  ${MANIFEST_FILE}\n`;
}

/** The manifest hash a sidecar states, or null when the sidecar is not one this console writes. */
export function parseSidecar(text: string): string | null {
  const m = /^([0-9a-f]{64}) [ *]manifest\.json\r?\n?$/.exec(text);
  return m ? m[1]! : null;
}

/** One problem per manifest field that does not fit, each naming where. */
export function manifestProblems(value: unknown): { manifest: Manifest | null; problems: string[] } {
  const parsed = manifestSchema.safeParse(value);
  if (parsed.success) {
    const m = parsed.data;
    const problems: string[] = [];
    if (!m.files.some((f) => f.path === DATABASE_COPY)) problems.push(`${MANIFEST_FILE}: the database copy ${DATABASE_COPY} is not listed`);
    if (m.totals.files !== m.files.length) problems.push(`${MANIFEST_FILE}: totals.files says ${m.totals.files}, ${m.files.length} are listed`);
    const bytes = m.files.reduce((n, f) => n + f.size, 0);
    if (m.totals.bytes !== bytes) problems.push(`${MANIFEST_FILE}: totals.bytes says ${m.totals.bytes}, the listed sizes add up to ${bytes}`);
    return { manifest: problems.length ? null : m, problems };
  }
  return {
    manifest: null,
    problems: parsed.error.issues.map((i) => `${MANIFEST_FILE}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}
