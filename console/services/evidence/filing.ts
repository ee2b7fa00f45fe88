/** What the console's own-record collectors share: one report, filed as automatic evidence. */
import { writeTransaction, type ServiceContext, type Tx } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { VERSION } from '../../version.js';
import { requireRole } from '../access.js';
import { recordAutomaticEvidence, titles, type AutomaticSource, type LocalText } from './record-automatic.js';

export interface CollectorSpec {
  source: Exclude<AutomaticSource, 'policy-run'>;
  key: string;
  title: LocalText;
  description: string;
  controls: { frameworkId: string; controlId: string }[];
  /**
   * How long the snapshot stands as evidence: past it the item reads as expired, which is the
   * reminder to collect again.
   */
  validityDays: number;
}

export interface Collected {
  source: CollectorSpec['source'];
  evidenceId: string;
  versionId: string;
  version: number;
  sha256: string;
  /** True when the records said the same as last time: no version added, the current one re-checked. */
  rechecked: boolean;
  controls: string[];
  /** One line, in French, of what the report found. */
  summary: string;
}

export interface Report {
  /** Facts for the audit log and the version metadata (small). */
  metadata: Record<string, unknown>;
  /** The report itself, stored as an indented JSON file. */
  body: Record<string, unknown>;
  summary: string;
  /**
   * What the records say, for deciding whether this is a new version: without which run or which
   * moment produced the report (a run id, a period ending now, a duration, a chain that grew by
   * the collection's own audit entries). Defaults to the summary and the body.
   */
  normalized?: unknown;
}

/** Only operators (and the console itself, from the CLI or a schedule) collect. */
export function assertCollector(ctx: ServiceContext): void {
  requireRole(ctx.actor, 'operator');
}

/**
 * Builds the report inside the write transaction, so it describes one consistent state of the
 * records, and files it in that same transaction.
 */
export function fileReport(ctx: ServiceContext, store: EvidenceStore, spec: CollectorSpec, build: (tx: Tx, at: string) => Report): Collected {
  assertCollector(ctx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const report = build(tx, at);
    const content = JSON.stringify({ source: spec.source, title: titles(spec.title).title, generatedAt: at, generatedBy: ctx.actor.email, console: `dcops ${VERSION}`, summary: report.summary, ...report.body }, null, 2) + '\n';
    const stamp = at.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const filed = recordAutomaticEvidence(tx, audit, store, {
      source: spec.source,
      key: spec.key,
      // What the records say, not when they were read nor by whom.
      normalized: report.normalized ?? { summary: report.summary, body: report.body },
      producedBy: `${spec.source}@${at}`,
      title: spec.title,
      description: spec.description,
      controls: spec.controls,
      content,
      fileName: `${spec.source}-${stamp}.json`,
      contentType: 'application/json',
      effectiveAt: at,
      expiresAt: new Date(now.getTime() + spec.validityDays * 86_400_000).toISOString(),
      metadata: { ...report.metadata, summary: report.summary },
      at,
      ...(ctx.actor.userId !== null ? { actor: { userId: ctx.actor.userId, email: ctx.actor.email } } : {}),
    });
    return { source: spec.source, ...filed, controls: spec.controls.map((c) => `${c.frameworkId}:${c.controlId}`), summary: report.summary };
  });
}

export const iso = (controlId: string) => ({ frameworkId: 'iso27001-2022', controlId });
export const pssie = (controlId: string) => ({ frameworkId: 'pssie-bj-2021', controlId });
