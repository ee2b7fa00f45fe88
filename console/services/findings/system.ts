/**
 * Findings the console raises itself (drift, policy, facility checks): one finding per
 * condition, keyed by (source, subject). A check that finds the condition opens it, or updates
 * the one already open; a later check that finds it cleared closes it, that check being the
 * closing evidence; the condition coming back reopens the same finding, so its history stays in
 * one place. No person raised it, so none is named as its raiser.
 */
import { and, eq } from 'drizzle-orm';
import { getControl, isFrameworkId } from '../../../compliance/index.js';
import { writeTransaction, type AuditFn, type ServiceContext, type Tx } from '../../context.js';
import { findingControls, findings, type findingGrades } from '../../db/schema/index.js';
import { newId } from '../ids.js';
import { nextReference } from './raise.js';
import { findingSnapshot, loadFinding, type FindingRow } from './read-model.js';

export interface SystemFindingInput {
  /** What checks the condition: `drift`, `policy`, `facility`… */
  source: string;
  /** What the condition is about: a stack, `rule@resource`, a facility component… */
  subject: string;
  grade: (typeof findingGrades)[number];
  title: string;
  description: string;
  controls: { frameworkId: string; controlId: string }[];
  /** The check that found it (`drift:<run id>`, `policy-run:<id>`…). */
  check: string;
}

export interface ClearSystemFindingInput {
  source: string;
  subject: string;
  /** The check that found the condition cleared: it is the closing evidence. */
  check: string;
  /** An evidence version that check filed, when there is one. */
  evidenceVersionId?: string | null;
}

export type SystemFindingOutcome = { action: 'opened' | 'updated' | 'reopened' | 'unchanged'; finding: FindingRow };

function load(tx: Tx, source: string, subject: string): FindingRow | undefined {
  return tx.select().from(findings).where(and(eq(findings.origin, 'system'), eq(findings.source, source), eq(findings.subject, subject))).get();
}

function knownControls(list: SystemFindingInput['controls']) {
  const seen = new Map<string, { frameworkId: string; controlId: string }>();
  for (const c of list) if (isFrameworkId(c.frameworkId) && getControl(c.frameworkId, c.controlId)) seen.set(`${c.frameworkId}:${c.controlId}`, c);
  return [...seen.values()];
}

/** Inside a caller's write transaction (a drift check or a policy run records its finding with its own result). */
export function openSystemFindingTx(tx: Tx, audit: AuditFn, at: string, input: SystemFindingInput): SystemFindingOutcome {
  const controls = knownControls(input.controls);
  const current = load(tx, input.source, input.subject);
  const linkControls = (id: string) => {
    tx.delete(findingControls).where(eq(findingControls.findingId, id)).run();
    if (controls.length > 0) tx.insert(findingControls).values(controls.map((c) => ({ findingId: id, ...c }))).run();
  };
  if (!current) {
    const id = newId();
    tx.insert(findings)
      .values({
        id,
        reference: nextReference(tx, at.slice(0, 4)),
        grade: input.grade,
        title: input.title,
        description: input.description,
        status: 'open',
        origin: 'system',
        source: input.source,
        subject: input.subject,
        raisedById: null,
        raisedAt: at,
        updatedAt: at,
        version: 1,
      })
      .run();
    linkControls(id);
    const row = loadFinding(tx, id);
    audit({ at, action: 'finding.system.open', entity: 'finding', entityId: id, after: { ...findingSnapshot(row, controls), check: input.check } });
    return { action: 'opened', finding: row };
  }
  const reopening = current.status === 'closed';
  const same = !reopening && current.grade === input.grade && current.title === input.title && current.description === input.description;
  if (same) return { action: 'unchanged', finding: current };
  const before = findingSnapshot(current, tx.select().from(findingControls).where(eq(findingControls.findingId, current.id)).all());
  tx.update(findings)
    .set({
      grade: input.grade,
      title: input.title,
      description: input.description,
      ...(reopening
        ? { status: 'open' as const, closedAt: null, closedById: null, closedByCheck: null, closingEvidenceVersionId: null, closureProposedAt: null, closureProposedById: null, closureEvidenceVersionId: null, reopenedCount: current.reopenedCount + 1 }
        : {}),
      updatedAt: at,
      version: current.version + 1,
    })
    .where(eq(findings.id, current.id))
    .run();
  linkControls(current.id);
  const row = loadFinding(tx, current.id);
  audit({
    at,
    action: reopening ? 'finding.system.reopen' : 'finding.system.update',
    entity: 'finding',
    entityId: current.id,
    before,
    after: { ...findingSnapshot(row, controls), check: input.check },
  });
  return { action: reopening ? 'reopened' : 'updated', finding: row };
}

export function clearSystemFindingTx(tx: Tx, audit: AuditFn, at: string, input: ClearSystemFindingInput): { action: 'closed' | 'none'; finding: FindingRow | null } {
  const current = load(tx, input.source, input.subject);
  if (!current || current.status === 'closed') return { action: 'none', finding: current ?? null };
  const controls = tx.select().from(findingControls).where(eq(findingControls.findingId, current.id)).all();
  tx.update(findings)
    .set({ status: 'closed', closedAt: at, closedById: null, closedByCheck: input.check, closingEvidenceVersionId: input.evidenceVersionId ?? null, updatedAt: at, version: current.version + 1 })
    .where(eq(findings.id, current.id))
    .run();
  const row = loadFinding(tx, current.id);
  audit({ at, action: 'finding.system.clear', entity: 'finding', entityId: current.id, before: findingSnapshot(current, controls), after: { ...findingSnapshot(row, controls), check: input.check } });
  return { action: 'closed', finding: row };
}

/** Opens, updates or reopens the one finding of (source, subject), raised by the system. */
export function openSystemFinding({ ctx, input }: { ctx: ServiceContext; input: SystemFindingInput }): SystemFindingOutcome {
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => openSystemFindingTx(tx, audit, at, input));
}

/** Closes the open finding of (source, subject), if any: the clean check is its closing evidence. */
export function clearSystemFinding({ ctx, input }: { ctx: ServiceContext; input: ClearSystemFindingInput }) {
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => clearSystemFindingTx(tx, audit, at, input));
}
