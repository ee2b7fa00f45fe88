/**
 * Findings the console raises itself, from a check it runs (a drift check of a stack…): raised
 * by the system, not by a person, one open finding per (source, subject) at a time — a repeated
 * failure updates it, a failure after a clean check reopens the last closed one, so its history
 * stays in one place — and closed by the system when a later check is clean, that check being
 * filed as automatic evidence and named as the closing evidence.
 *
 * Both run inside the caller's write transaction, next to the check's own records.
 */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { AuditFn, Tx } from '../../context.js';
import { findingControls, findings } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { recordAutomaticEvidence, type LocalText } from '../evidence/record-automatic.js';
import { newId } from '../ids.js';
import { nextReference } from './raise.js';
import { findingSnapshot, loadFinding } from './read-model.js';

export interface SystemFindingInput {
  /** The check raising it, e.g. `drift`. */
  source: string;
  /** What it is about, e.g. a stack name. */
  subject: string;
  at: string;
  grade: 'major' | 'minor' | 'observation' | 'opportunity';
  title: string;
  description: string;
  controls: readonly { frameworkId: string; controlId: string }[];
}

function openFinding(tx: Tx, source: string, subject: string) {
  return tx
    .select()
    .from(findings)
    .where(and(eq(findings.origin, 'system'), eq(findings.source, source), eq(findings.subject, subject), ne(findings.status, 'closed')))
    .get();
}

function lastClosed(tx: Tx, source: string, subject: string) {
  return tx
    .select()
    .from(findings)
    .where(and(eq(findings.origin, 'system'), eq(findings.source, source), eq(findings.subject, subject), eq(findings.status, 'closed')))
    .orderBy(desc(findings.closedAt))
    .limit(1)
    .get();
}

/** Opens the finding for (source, subject), updates the one already open, or reopens the last closed one. */
export function openSystemFinding(tx: Tx, audit: AuditFn, input: SystemFindingInput): { id: string; reference: string; created: boolean; reopened?: boolean } {
  const existing = openFinding(tx, input.source, input.subject);
  const controls = [...input.controls];
  const closed = existing ? undefined : lastClosed(tx, input.source, input.subject);
  if (closed) {
    tx.update(findings)
      .set({
        status: 'open',
        title: input.title,
        description: input.description,
        closedAt: null,
        closedById: null,
        closedByCheck: null,
        closingEvidenceVersionId: null,
        closureProposedAt: null,
        closureProposedById: null,
        closureEvidenceVersionId: null,
        reopenedCount: closed.reopenedCount + 1,
        updatedAt: input.at,
        version: closed.version + 1,
      })
      .where(eq(findings.id, closed.id))
      .run();
    audit({ at: input.at, action: 'finding.system-reopen', entity: 'finding', entityId: closed.id, before: findingSnapshot(closed, controls), after: findingSnapshot(loadFinding(tx, closed.id), controls) });
    return { id: closed.id, reference: closed.reference, created: false, reopened: true };
  }
  if (existing) {
    tx.update(findings)
      .set({ description: input.description, title: input.title, updatedAt: input.at, version: existing.version + 1 })
      .where(eq(findings.id, existing.id))
      .run();
    audit({ at: input.at, action: 'finding.system-update', entity: 'finding', entityId: existing.id, before: findingSnapshot(existing, controls), after: findingSnapshot(loadFinding(tx, existing.id), controls) });
    return { id: existing.id, reference: existing.reference, created: false };
  }
  const id = newId();
  const reference = nextReference(tx, input.at.slice(0, 4));
  tx.insert(findings)
    .values({
      id,
      reference,
      grade: input.grade,
      title: input.title,
      description: input.description,
      status: 'open',
      origin: 'system',
      source: input.source,
      subject: input.subject,
      raisedById: null,
      raisedAt: input.at,
      updatedAt: input.at,
      version: 1,
    })
    .run();
  tx.insert(findingControls)
    .values(controls.map((c) => ({ findingId: id, frameworkId: c.frameworkId, controlId: c.controlId })))
    .run();
  audit({ at: input.at, action: 'finding.system-raise', entity: 'finding', entityId: id, after: { ...findingSnapshot(loadFinding(tx, id), controls), origin: 'system', source: input.source, subject: input.subject } });
  return { id, reference, created: true };
}

/**
 * Closes the open finding for (source, subject), if any, on the clean check: filed as automatic
 * evidence (`drift-check`, one item per subject) whose new version is the closing evidence.
 */
export function clearSystemFinding(
  tx: Tx,
  audit: AuditFn,
  store: EvidenceStore,
  input: { source: string; subject: string; at: string; evidence: { title: LocalText; description: string; metadata: Record<string, unknown> } },
): { id: string; reference: string; closingEvidenceVersionId: string } | null {
  const existing = openFinding(tx, input.source, input.subject);
  if (!existing) return null;
  const controls = tx.select().from(findingControls).where(eq(findingControls.findingId, existing.id)).all();
  const filed = recordAutomaticEvidence(tx, audit, store, {
    source: 'drift-check',
    key: `${input.source}:${input.subject}`,
    // The clean result and the finding it closes: each closure is a version of its own.
    normalized: { source: input.source, subject: input.subject, clean: true, closes: existing.reference, closedTimes: existing.reopenedCount },
    producedBy: `${input.source}:${input.subject}@${input.at}`,
    title: input.evidence.title,
    description: input.evidence.description,
    controls: controls.map((c) => ({ frameworkId: c.frameworkId, controlId: c.controlId })),
    content: `${JSON.stringify({ source: input.source, subject: input.subject, at: input.at, findingReference: existing.reference, ...input.evidence.metadata }, null, 2)}\n`,
    fileName: `${input.source}-${input.subject}.json`,
    contentType: 'application/json',
    effectiveAt: input.at,
    expiresAt: null,
    metadata: { ...input.evidence.metadata, closes: existing.reference },
    at: input.at,
  });
  tx.update(findings)
    .set({ status: 'closed', closedById: null, closedAt: input.at, closedByCheck: `${input.source}:${input.subject}@${input.at}`, closingEvidenceVersionId: filed.versionId, updatedAt: input.at, version: existing.version + 1 })
    .where(eq(findings.id, existing.id))
    .run();
  audit({ at: input.at, action: 'finding.system-close', entity: 'finding', entityId: existing.id, before: findingSnapshot(existing, controls), after: { ...findingSnapshot(loadFinding(tx, existing.id), controls), closingEvidenceSha256: filed.sha256 } });
  return { id: existing.id, reference: existing.reference, closingEvidenceVersionId: filed.versionId };
}
