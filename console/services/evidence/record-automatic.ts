import { and, desc, eq, ne } from 'drizzle-orm';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { sha256Hex } from '../../../lib/sha256.js';
import type { AuditFn, Tx } from '../../context.js';
import { evidence, evidenceVersions } from '../../db/schema/index.js';
import { checkFileName, normaliseContentType } from '../../evidence/files.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { i18n, type MessageKey, type Params } from '../../i18n/index.js';
import { newId } from '../ids.js';
import { assertControlsExist, linkControls, type ControlLink } from './controls.js';
import type { EvidenceRow } from './read-model.js';
import { assertDates, insertVersion } from './versions.js';

export type AutomaticSource = 'policy-run' | 'access-review' | 'change-management' | 'logging' | 'capacity' | 'network-segregation' | 'backups' | 'drift-check' | 'facility-sweep';

export interface AutomaticEvidenceInput {
  source: AutomaticSource;
  /** Stable: one evidence item per (source, key); a call adds a version only when the result changed. */
  key: string;
  /**
   * The result itself, without what changes at every filing (times, run ids): two filings with
   * the same normalized result are one version, re-checked. Its sha256 is kept on the version.
   */
  normalized: unknown;
  /** The run or record that produced it (`policy-run:<id>`, `backups@<time>`…), kept on the version and its re-checks. */
  producedBy: string;
  /** Set to false by a caller that records one audit entry for all its re-checks. */
  auditRecheck?: boolean;
  /** A dictionary key and its parameters: the item keeps its title in French and in English. */
  title: LocalText;
  description: string;
  controls: { frameworkId: string; controlId: string }[];
  content: Buffer | string;
  fileName: string;
  contentType: string;
  effectiveAt: string;
  expiresAt: string | null;
  metadata: Record<string, unknown>;
  at: string;
  /** The person behind the run when there is one; the version then names them instead of `system`. */
  actor?: { userId: string | null; email: string };
}

export interface LocalText {
  key: MessageKey;
  params?: Params;
}

/** The title in both languages, rendered from the dictionaries when it is filed. */
export function titles(text: LocalText): { title: string; titleEn: string } {
  return { title: i18n('fr').t(text.key, text.params), titleEn: i18n('en').t(text.key, text.params) };
}

function uniqueControls(controls: readonly ControlLink[]): ControlLink[] {
  const seen = new Map<string, ControlLink>();
  for (const c of controls) seen.set(`${c.frameworkId}\u0000${c.controlId}`, { frameworkId: c.frameworkId, controlId: c.controlId });
  return [...seen.values()];
}

export interface AutomaticFiling {
  evidenceId: string;
  versionId: string;
  version: number;
  sha256: string;
  /** True when the result was unchanged: the current version recorded a re-check, no version was added. */
  rechecked: boolean;
}

/**
 * Files evidence the console produces itself (a policy run, a snapshot of its own records) for
 * the item of (source, key), creating the item on first use. A new version is added only when
 * the normalized result differs from the current version's (the latest not rejected); otherwise
 * that version records the re-check (when, by which run, how many times) and its validity is
 * extended, and its review — accepted or pending — stands: the review queue holds only what
 * changed. Synchronous so it runs inside the caller's write transaction: the file is written
 * (fsynced, renamed) before the row that points to it, and a rolled-back transaction leaves at
 * most an unreferenced file.
 */
export function recordAutomaticEvidence(tx: Tx, audit: AuditFn, store: EvidenceStore, input: AutomaticEvidenceInput): AutomaticFiling {
  const controls = uniqueControls(input.controls);
  assertControlsExist(controls);
  assertDates(input.effectiveAt, input.expiresAt);
  // Same rules as uploads, so a download never depends on who filed the file.
  const name = checkFileName(input.fileName);
  if (!name.ok) throw new RangeError(`automatic evidence file name ${JSON.stringify(input.fileName)}: ${name.reason}`);
  const contentType = normaliseContentType(input.contentType);
  if (contentType === null) throw new RangeError(`automatic evidence content type ${input.contentType} is not on the evidence allow-list`);
  const contentSha256 = sha256Hex(canonicalJson(input.normalized));
  const { title, titleEn } = titles(input.title);

  let item: EvidenceRow | undefined = tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.source, input.source), eq(evidence.sourceKey, input.key)))
    .get();
  let created = false;
  if (!item) {
    item = {
      id: newId(),
      title,
      titleEn,
      description: input.description,
      kind: 'automatic',
      source: input.source,
      sourceKey: input.key,
      ministryId: null,
      ownerId: null,
      createdAt: input.at,
      updatedAt: input.at,
    };
    tx.insert(evidence).values(item).run();
    created = true;
  } else if (item.title !== title || item.titleEn !== titleEn || item.description !== input.description) {
    // The wording follows the code that files it; the history stays in the versions.
    tx.update(evidence).set({ title, titleEn, description: input.description }).where(eq(evidence.id, item.id)).run();
  }
  const linked = linkControls(tx, item.id, controls);
  const current = created
    ? undefined
    : tx
        .select()
        .from(evidenceVersions)
        .where(and(eq(evidenceVersions.evidenceId, item.id), ne(evidenceVersions.reviewStatus, 'rejected')))
        .orderBy(desc(evidenceVersions.version))
        .limit(1)
        .get();
  if (current && current.contentSha256 === contentSha256) {
    // Same result: one row updated, nothing added. The validity runs from the latest check.
    const later = (a: string | null, b: string | null) => (a === null || b === null ? null : Date.parse(b) > Date.parse(a) ? b : a);
    const expiresAt = later(current.expiresAt, input.expiresAt);
    tx.update(evidenceVersions)
      .set({ lastCheckedAt: input.at, lastCheckedBy: input.producedBy, checkCount: current.checkCount + 1, expiresAt })
      .where(eq(evidenceVersions.id, current.id))
      .run();
    if (linked.length > 0 || input.auditRecheck !== false) {
      audit({
        at: input.at,
        action: 'evidence.automatic.recheck',
        entity: 'evidence',
        entityId: item.id,
        ministryId: null,
        after: { source: input.source, key: input.key, controlsAdded: linked, versionId: current.id, version: current.version, contentSha256, checkedBy: input.producedBy, expiresAt },
      });
    }
    return { evidenceId: item.id, versionId: current.id, version: current.version, sha256: current.fileSha256 ?? '', rechecked: true };
  }
  const stored = store.put(input.content);
  const row = insertVersion(tx, item, {
    fileSha256: stored.sha256,
    fileSize: stored.size,
    fileName: name.name,
    contentType,
    effectiveAt: input.effectiveAt,
    expiresAt: input.expiresAt,
    uploadedBy: input.actor?.email ?? 'system',
    uploadedById: input.actor?.userId ?? null,
    uploadedAt: input.at,
    metadata: input.metadata,
    contentSha256,
    producedBy: input.producedBy,
  });
  audit({
    at: input.at,
    action: 'evidence.automatic.file',
    entity: 'evidence',
    entityId: item.id,
    ministryId: null,
    after: {
      source: input.source,
      key: input.key,
      created,
      controlsAdded: linked,
      versionId: row.id,
      version: row.version,
      sha256: stored.sha256,
      contentSha256,
      producedBy: input.producedBy,
      size: stored.size,
      fileName: name.name,
      effectiveAt: input.effectiveAt,
      expiresAt: input.expiresAt,
    },
  });
  return { evidenceId: item.id, versionId: row.id, version: row.version, sha256: stored.sha256, rechecked: false };
}
