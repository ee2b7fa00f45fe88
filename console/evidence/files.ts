/**
 * What an evidence file may be: its media type (an allow-list, checked against the leading
 * bytes where the format has a signature) and its name (kept readable, never a path).
 */

const PDF = [Buffer.from('%PDF-')];
const PNG = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
const JPEG = [Buffer.from([0xff, 0xd8, 0xff])];
// An empty archive starts with the end-of-central-directory record instead of a local header.
const ZIP = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];
const OLE = [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])];

interface TypeRule {
  /** Short label for messages. */
  label: string;
  /** Accepted signatures; none means the format has no reliable one (plain text). */
  magic?: Buffer[];
}

/** Types auditors receive as evidence: documents, scans, exports, archives of logs. */
export const ALLOWED_TYPES: Readonly<Record<string, TypeRule>> = {
  'application/pdf': { label: 'PDF', magic: PDF },
  'image/png': { label: 'PNG', magic: PNG },
  'image/jpeg': { label: 'JPEG', magic: JPEG },
  'text/plain': { label: 'texte' },
  'text/csv': { label: 'CSV' },
  'text/markdown': { label: 'Markdown' },
  'application/json': { label: 'JSON' },
  'application/zip': { label: 'ZIP', magic: ZIP },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (docx)', magic: ZIP },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel (xlsx)', magic: ZIP },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint (pptx)', magic: ZIP },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument texte', magic: ZIP },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument tableur', magic: ZIP },
  'application/vnd.oasis.opendocument.presentation': { label: 'OpenDocument présentation', magic: ZIP },
  'application/msword': { label: 'Word (doc)', magic: OLE },
  'application/vnd.ms-excel': { label: 'Excel (xls)', magic: OLE },
  'application/vnd.ms-powerpoint': { label: 'PowerPoint (ppt)', magic: OLE },
};

/** Names some clients (older browsers, Windows) send for types of the allow-list. */
const ALIASES: Readonly<Record<string, string>> = {
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/csv': 'text/csv',
  'text/x-markdown': 'text/markdown',
};

/** The allowed type a declared one stands for (parameters dropped), or null. */
export function normaliseContentType(declared: string): string | null {
  const base = declared.split(';')[0]!.trim().toLowerCase();
  const type = ALIASES[base] ?? base;
  return Object.hasOwn(ALLOWED_TYPES, type) ? type : null;
}

/** Whether the leading bytes fit the type; true for types without a signature. */
export function magicMatches(type: string, head: Buffer): boolean {
  const magic = ALLOWED_TYPES[type]?.magic;
  if (!magic) return true;
  return magic.some((m) => head.length >= m.length && head.subarray(0, m.length).equals(m));
}

export function typeLabel(type: string): string {
  return ALLOWED_TYPES[type]?.label ?? type;
}

export const MAX_FILE_NAME_CHARS = 150;

// C0 and C1 controls, DEL, and the bidirectional overrides that make "fdp.exe" display as "exe.pdf".
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// Characters Windows refuses in names: replaced, since they carry no meaning in a name.
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export type FileNameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * A file name as people gave it, made safe to store and to send back in a download header.
 * Anything that would act as a path (separators, leading dots) or hide characters (controls,
 * NUL, direction overrides) is refused rather than silently rewritten, so the uploader knows
 * the name they see is the name stored.
 */
export function checkFileName(raw: string): FileNameCheck {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { ok: false, reason: 'the file has no name' };
  if (CONTROL_OR_BIDI.test(name)) return { ok: false, reason: 'the file name contains control characters' };
  if (name.includes('/') || name.includes('\\')) return { ok: false, reason: 'the file name must not contain a path (/ or \\)' };
  if (name.startsWith('.')) return { ok: false, reason: 'the file name must not start with a dot' };
  if (DEVICE_NAMES.test(name)) return { ok: false, reason: 'the file name is a reserved device name' };
  return { ok: true, name: truncateName(name.replace(WINDOWS_RESERVED, '_').replace(/\s+/gu, ' ')) };
}

/** Shortens a long name by code points, keeping its extension. */
function truncateName(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_CHARS) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
  return chars.slice(0, MAX_FILE_NAME_CHARS - ext.length).join('').trimEnd() + ext.join('');
}

/** `Content-Disposition` for a download: an ASCII fallback plus the exact UTF-8 name (RFC 6266). */
export function contentDisposition(name: string): string {
  const fallback = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_').trim() || 'preuve';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
