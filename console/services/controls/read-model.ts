/** Certification controls as the API shows them: catalogue data joined with their status. */
import { and, eq } from 'drizzle-orm';
import { getControl, isFrameworkId, listControls, listFrameworks, type Control, type FrameworkId } from '../../../compliance/index.js';
import { frameworkById, type FrameworkData } from '../catalogs/framework-data.js';
import type { Actor, Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { controlStatus } from '../../db/schema/index.js';
import { NotFound } from '../../errors.js';

type Reader = Db | Tx;
export type ControlStatusRow = typeof controlStatus.$inferSelect;

/** Findings and evidence are audit material: requesters see controls, not what is wrong with them. */
export function seesAuditMaterial(actor: Actor): boolean {
  return actor.role !== 'requester';
}

/** A framework built in or imported with `dcops catalog import`; 404 for any other id. */
export function resolveFramework(db: Reader, frameworkId: string): FrameworkData {
  const framework = frameworkById(db, frameworkId);
  if (!framework) throw new NotFound('framework', frameworkId);
  return framework;
}

/** A control of a built-in framework (with its typed catalogue details). */
export function resolveControl(frameworkId: string, controlId: string): Control {
  const framework = isFrameworkId(frameworkId) ? listFrameworks().find((f) => f.id === frameworkId) : undefined;
  const control = framework ? getControl(framework.id, controlId) : undefined;
  if (!control) throw new NotFound('control', `${frameworkId}:${controlId}`);
  return control;
}

let order: Map<string, number> | undefined;

/** Position of a control in the reading order of its standard (ids do not sort: A.5.10 comes after A.5.9). */
export function catalogueOrder(frameworkId: string, controlId: string): number {
  if (!order) {
    order = new Map();
    let i = 0;
    for (const f of listFrameworks()) for (const c of listControls(f.id)) order.set(`${f.id}\u0000${c.id}`, i++);
  }
  return order.get(`${frameworkId}\u0000${controlId}`) ?? Number.MAX_SAFE_INTEGER;
}

export function compareControls(a: { frameworkId: string; controlId: string }, b: { frameworkId: string; controlId: string }): number {
  return catalogueOrder(a.frameworkId, a.controlId) - catalogueOrder(b.frameworkId, b.controlId);
}

/** Catalogue details that depend on the framework: PSSIE level, TIA rating, CIS assessment. */
export function catalogueExtras(c: Control): Record<string, unknown> {
  if ('level' in c) return { level: c.level };
  if ('rating' in c) return { rating: c.rating };
  if ('assessment' in c) return { assessment: c.assessment };
  return {};
}

export interface StatusView {
  applicable: boolean;
  justification: string;
  justificationReason: ControlStatusRow['justificationReason'];
  implementation: ControlStatusRow['implementation'];
  owner: string | null;
  lastReviewedAt: string | null;
  updatedAt: string | null;
  /** 0 while the control was never assessed. */
  version: number;
}

/** A control never assessed is applicable and not started, at version 0. */
export function statusView(row: ControlStatusRow | undefined): StatusView {
  if (!row) return { applicable: true, justification: '', justificationReason: null, implementation: 'not_started', owner: null, lastReviewedAt: null, updatedAt: null, version: 0 };
  return {
    applicable: row.applicable,
    justification: row.justification,
    justificationReason: row.justificationReason,
    implementation: row.implementation,
    owner: row.owner,
    lastReviewedAt: row.lastReviewedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function loadStatus(tx: Reader, frameworkId: FrameworkId, controlId: string): ControlStatusRow | undefined {
  return tx
    .select()
    .from(controlStatus)
    .where(and(eq(controlStatus.frameworkId, frameworkId), eq(controlStatus.controlId, controlId)))
    .get();
}

/** Score of one control in its framework's readiness (see services/readiness). */
export function controlScore(status: Pick<StatusView, 'applicable' | 'implementation'>, live: boolean): number | null {
  if (!status.applicable) return null;
  if (status.implementation === 'implemented') return live ? 1 : 0.5;
  if (status.implementation === 'partially_implemented') return live ? 0.5 : 0.25;
  return 0;
}

/** Lower case without accents, so "securite" finds "Sécurité". */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
