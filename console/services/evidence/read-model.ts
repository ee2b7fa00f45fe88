/**
 * How evidence reads: visibility (requesters see their ministry's items only, others as
 * missing), the per-version status derived from the clock, and the views the API returns.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { EvidenceFreshness } from '../../api/evidence-schemas.js';
import type { Actor, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { evidence, evidenceControls, evidenceVersions, ministries, users } from '../../db/schema/index.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { Conflict, NotFound } from '../../errors.js';
import { EVIDENCE_EXPIRY_WARNING_DAYS } from '../../metrics/catalogue.js';
import { canSeeMinistry, requireRole } from '../access.js';

export type EvidenceRow = typeof evidence.$inferSelect;
export type VersionRow = typeof evidenceVersions.$inferSelect;

export const EXPIRY_WARNING_MS = EVIDENCE_EXPIRY_WARNING_DAYS * 86_400_000;

/** Everyone signed in reads evidence; requesters only their ministry's. */
export const EVIDENCE_READERS = ['requester', 'operator', 'auditor', 'admin'] as const;

/**
 * Freshness at `now`. Derived on every read and never stored: a stored status would go stale
 * the moment the clock passes a date.
 */
export function freshnessOf(v: { effectiveAt: string; expiresAt: string | null }, now: Date): EvidenceFreshness {
  const t = now.getTime();
  if (Date.parse(v.effectiveAt) > t) return 'not_yet_effective';
  if (v.expiresAt === null) return 'current';
  const expires = Date.parse(v.expiresAt);
  if (expires <= t) return 'expired';
  return expires - t <= EXPIRY_WARNING_MS ? 'expiring' : 'current';
}

/** The item if the actor may see it; a foreign or unknown id reads as missing alike. */
export function loadVisibleEvidence(db: Db | Tx, actor: Actor, id: string): EvidenceRow {
  const row = db.select().from(evidence).where(eq(evidence.id, id)).get();
  const visible = row && (row.ministryId === null ? actor.role !== 'requester' : canSeeMinistry(actor, row.ministryId));
  if (!row || !visible) throw new NotFound('evidence', id);
  return row;
}

export function loadVersion(db: Db | Tx, item: EvidenceRow, version: number): VersionRow {
  const row = Number.isSafeInteger(version) && version > 0
    ? db.select().from(evidenceVersions).where(and(eq(evidenceVersions.evidenceId, item.id), eq(evidenceVersions.version, version))).get()
    : undefined;
  if (!row) throw new NotFound('evidence version', `${item.id}/${version}`);
  return row;
}

/**
 * Who may add a version: operators on any item, requesters on their ministry's items. Items the
 * console files itself take versions only from the console.
 */
export function assertMayAddVersion(actor: Actor, item: EvidenceRow): void {
  requireRole(actor, 'operator', 'requester');
  if (actor.role === 'requester' && item.ministryId !== actor.ministryId) throw new NotFound('evidence', item.id);
  if (item.kind === 'automatic') throw new Conflict('this evidence is filed by the console itself; it takes no version by hand', { kind: item.kind, source: item.source });
}

export function assertReader(actor: Actor): void {
  requireRole(actor, ...EVIDENCE_READERS);
}

export function versionView(v: VersionRow, now: Date, reviewer: string | null) {
  const file =
    v.fileSha256 === null
      ? null
      : {
          sha256: v.fileSha256,
          size: v.fileSize,
          name: v.fileName,
          contentType: v.contentType,
          downloadUrl: `/api/v1/evidence/${v.evidenceId}/versions/${v.version}/download`,
        };
  return {
    id: v.id,
    version: v.version,
    file,
    url: v.url,
    note: v.note,
    effectiveAt: v.effectiveAt,
    expiresAt: v.expiresAt,
    uploadedBy: v.uploadedBy,
    uploadedAt: v.uploadedAt,
    reviewStatus: v.reviewStatus,
    reviewedBy: reviewer,
    reviewedAt: v.reviewedAt,
    reviewComment: v.reviewComment,
    freshness: freshnessOf(v, now),
    metadata: v.metadata ?? null,
    /** Automatic evidence: the run or record that produced this version, and its later re-checks. */
    producedBy: v.producedBy,
    contentSha256: v.contentSha256,
    lastCheckedAt: v.lastCheckedAt,
    lastCheckedBy: v.lastCheckedBy,
    checkCount: v.checkCount,
  };
}
export type VersionView = ReturnType<typeof versionView>;

export function controlsOf(db: Db | Tx, ids: string[]): Map<string, { frameworkId: string; controlId: string }[]> {
  const out = new Map<string, { frameworkId: string; controlId: string }[]>();
  if (ids.length === 0) return out;
  const rows = db
    .select()
    .from(evidenceControls)
    .where(inArray(evidenceControls.evidenceId, ids))
    .orderBy(asc(evidenceControls.frameworkId), asc(evidenceControls.controlId))
    .all();
  for (const r of rows) {
    const list = out.get(r.evidenceId) ?? [];
    list.push({ frameworkId: r.frameworkId, controlId: r.controlId });
    out.set(r.evidenceId, list);
  }
  return out;
}

export function itemView(
  item: EvidenceRow,
  ministry: { code: string; name: string } | null,
  controls: { frameworkId: string; controlId: string }[],
) {
  return {
    id: item.id,
    title: item.title,
    titleEn: item.titleEn,
    description: item.description,
    kind: item.kind,
    source: item.source,
    sourceKey: item.sourceKey,
    ministry,
    controls,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** One item with every version, newest first. */
export function evidenceDetail(db: Db | Tx, item: EvidenceRow, now: Date) {
  const ministry = item.ministryId
    ? (db.select({ code: ministries.code, name: ministries.name }).from(ministries).where(eq(ministries.id, item.ministryId)).get() ?? null)
    : null;
  const versions = db
    .select({ v: evidenceVersions, reviewer: users.email })
    .from(evidenceVersions)
    .leftJoin(users, eq(users.id, evidenceVersions.reviewedById))
    .where(eq(evidenceVersions.evidenceId, item.id))
    .orderBy(asc(evidenceVersions.version))
    .all()
    .map((r) => versionView(r.v, now, r.reviewer))
    .reverse();
  return { ...itemView(item, ministry, controlsOf(db, [item.id]).get(item.id) ?? []), latestVersion: versions[0] ?? null, versions };
}

/**
 * What the audit trail keeps of a version: enough to recognise it. A note is kept as its hash,
 * since the trail can never be purged of text someone pasted by mistake.
 */
export function versionSnapshot(v: VersionRow) {
  return {
    versionId: v.id,
    version: v.version,
    sha256: v.fileSha256,
    size: v.fileSize,
    fileName: v.fileName,
    contentType: v.contentType,
    url: v.url,
    noteSha256: v.note === null ? null : sha256Hex(v.note),
    effectiveAt: v.effectiveAt,
    expiresAt: v.expiresAt,
    reviewStatus: v.reviewStatus,
  };
}
