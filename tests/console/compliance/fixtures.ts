/**
 * Evidence rows written straight into the database: evidence has its own API and tests; here
 * only its effect on controls, readiness, findings and exports matters.
 */
import { randomUUID } from 'node:crypto';
import { EvidenceStore } from '../../../console/evidence/store.js';
import type { Harness } from '../../helpers/harness.js';

export interface VersionSpec {
  /** File content; a link or a note when absent. */
  content?: string | Buffer;
  fileName?: string;
  contentType?: string;
  url?: string;
  note?: string;
  effectiveAt?: string;
  expiresAt?: string | null;
  reviewStatus?: 'pending' | 'accepted' | 'rejected';
}

export interface EvidenceSpec {
  title?: string;
  description?: string;
  controls: [string, string][];
  versions: VersionSpec[];
}

export interface InsertedEvidence {
  id: string;
  versions: { id: string; version: number; sha256: string | null; size: number | null }[];
}

export function insertEvidence(h: Harness, spec: EvidenceSpec): InsertedEvidence {
  const db = h.db.$client;
  const id = randomUUID();
  const now = h.clock.now().toISOString();
  const operator = h.callers.operator!.actor;
  db.prepare(
    `INSERT INTO evidence (id, title, description, kind, source, created_at, updated_at) VALUES (?, ?, ?, ?, 'upload', ?, ?)`,
  ).run(id, spec.title ?? 'Preuve de test', spec.description ?? 'Description de la preuve', spec.versions.some((v) => v.content !== undefined) ? 'file' : 'note', now, now);
  for (const [frameworkId, controlId] of spec.controls) {
    db.prepare('INSERT INTO evidence_controls (evidence_id, framework_id, control_id) VALUES (?, ?, ?)').run(id, frameworkId, controlId);
  }
  const store = new EvidenceStore(h.config.dataDir);
  const versions = spec.versions.map((v, i) => {
    const versionId = randomUUID();
    const file = v.content !== undefined ? store.put(v.content) : null;
    const status = v.reviewStatus ?? 'accepted';
    db.prepare(
      `INSERT INTO evidence_versions (id, evidence_id, version, file_sha256, file_size, file_name, content_type, url, note, effective_at, expires_at,
        uploaded_by, uploaded_by_id, uploaded_at, review_status, reviewed_by_id, reviewed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      versionId,
      id,
      i + 1,
      file?.sha256 ?? null,
      file?.size ?? null,
      file ? (v.fileName ?? 'preuve.txt') : null,
      file ? (v.contentType ?? 'text/plain') : null,
      v.url ?? null,
      v.note ?? (file || v.url ? null : 'Constat sur site'),
      v.effectiveAt ?? '2026-01-01T00:00:00.000Z',
      v.expiresAt === undefined ? null : v.expiresAt,
      operator.email,
      operator.userId,
      now,
      status,
      status === 'pending' ? null : h.callers.auditor!.actor.userId,
      status === 'pending' ? null : now,
    );
    return { id: versionId, version: i + 1, sha256: file?.sha256 ?? null, size: file?.size ?? null };
  });
  return { id, versions };
}

/** Days from the harness clock, as an ISO instant. */
export function inDays(h: Harness, days: number): string {
  return new Date(h.clock.now().getTime() + days * 86_400_000).toISOString();
}

/** Sets a control status through the API as the operator, reading its version first. */
export async function setStatus(h: Harness, frameworkId: string, controlId: string, body: Record<string, unknown>): Promise<void> {
  const current = await h.call('operator', 'GET', `/api/v1/controls/${frameworkId}/${controlId}`);
  const res = await h.call('operator', 'PUT', `/api/v1/controls/${frameworkId}/${controlId}/status`, { version: current.body.status.version, ...body });
  if (res.status !== 200) throw new Error(`status update failed: ${JSON.stringify(res.body)}`);
}

/** A minimal RFC 4180 reader for assertions: quoted fields, doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (ch === '\n' || ch === '\r') throw new Error(`bare line break at ${i}`);
    else if (ch === '"') throw new Error(`stray quote at ${i}`);
    else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
