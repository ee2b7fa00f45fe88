/**
 * Risks as the register shows them. Two things are derived here on every read, never stored:
 *   - the residual score actually reached: a reduced risk keeps its inherent score until every
 *     control its treatment relies on is applicable and implemented;
 *   - the state of an acceptance: live only while unexpired and while its asset and linked
 *     controls are as they were when the owner accepted; otherwise the risk is back in review.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { sha256Hex } from '../../../lib/sha256.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { catalogControls, controlStatus, hostingRequests, ministries, riskAssets, riskControls, risks, users } from '../../db/schema/index.js';
import { Conflict, NotFound } from '../../errors.js';
import { readMatrix, scoreOf, type Matrix, type Score } from './matrix.js';

type Reader = Db | Tx;
export type RiskRow = typeof risks.$inferSelect;
export type AssetRow = typeof riskAssets.$inferSelect;
export type RiskState = 'identified' | 'treatment_planned' | 'accepted' | 'review';
export type ReviewReason = 'expired' | 'asset_changed' | 'controls_changed';

export interface LinkedControl {
  frameworkId: string;
  controlId: string;
  titleFr: string | null;
  applicable: boolean;
  implementation: string;
  statusVersion: number;
}

export interface AssetView {
  id: string;
  code: string;
  kind: AssetRow['kind'];
  name: string;
  description: string;
  owner: { id: string; email: string; name: string };
  requestId: string | null;
  environment: { reference: string; name: string; ministry: string; classification: string; state: string; version: number } | null;
  component: string | null;
  facilityRef: string | null;
  version: number;
  updatedAt: string;
}

/**
 * A risk without an owner's acceptance: a new one, or one whose assessment or treatment changed
 * (an acceptance holds only for what the owner saw).
 */
export const NO_ACCEPTANCE = { acceptedById: null, acceptedAt: null, acceptanceExpiresAt: null, acceptanceComment: null, acceptanceBasis: null } as const;

/**
 * Writes a change to the risk as it was read (same version) and returns it as written; a change
 * made meanwhile by someone else is a conflict, never overwritten.
 */
export function writeRisk(tx: Tx, before: RiskRow, change: Partial<typeof risks.$inferInsert>, at: string): RiskRow {
  const done = tx
    .update(risks)
    .set({ ...change, updatedAt: at, version: before.version + 1 })
    .where(and(eq(risks.id, before.id), eq(risks.version, before.version)))
    .run();
  if (done.changes !== 1) throw new Conflict('the risk changed while it was being updated; read it again');
  return loadRisk(tx, before.id);
}

export function loadRisk(tx: Reader, id: string): RiskRow {
  const row = tx.select().from(risks).where(eq(risks.id, id)).get();
  if (!row) throw new NotFound('risk', id);
  return row;
}

export function loadAsset(tx: Reader, id: string): AssetRow {
  const row = tx.select().from(riskAssets).where(eq(riskAssets.id, id)).get();
  if (!row) throw new NotFound('asset', id);
  return row;
}

/** Every asset, with its owner and (for an environment) its hosting request, keyed by id. */
export function assetViews(tx: Reader, ids?: string[]): Map<string, AssetView> {
  const rows = tx
    .select({ asset: riskAssets, ownerEmail: users.email, ownerName: users.name })
    .from(riskAssets)
    .innerJoin(users, eq(users.id, riskAssets.ownerId))
    .where(ids ? inArray(riskAssets.id, ids) : undefined)
    .orderBy(asc(riskAssets.code))
    .all();
  const requestIds = rows.flatMap((r) => (r.asset.requestId ? [r.asset.requestId] : []));
  const requests = new Map(
    (requestIds.length === 0
      ? []
      : tx
          .select({ r: hostingRequests, ministry: ministries.code })
          .from(hostingRequests)
          .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
          .where(inArray(hostingRequests.id, requestIds))
          .all()
    ).map((x) => [x.r.id, x]),
  );
  const out = new Map<string, AssetView>();
  for (const { asset: a, ownerEmail, ownerName } of rows) {
    const req = a.requestId ? requests.get(a.requestId) : undefined;
    out.set(a.id, {
      id: a.id,
      code: a.code,
      kind: a.kind,
      name: a.name,
      description: a.description,
      owner: { id: a.ownerId, email: ownerEmail, name: ownerName },
      requestId: a.requestId,
      environment: req
        ? { reference: req.r.reference, name: req.r.environmentName, ministry: req.ministry, classification: req.r.classification, state: req.r.state, version: req.r.version }
        : null,
      component: a.component,
      facilityRef: a.facilityRef,
      version: a.version,
      updatedAt: a.updatedAt,
    });
  }
  return out;
}

/** Linked controls of the given risks, with their current status (a control never assessed is applicable, not started). */
export function linkedControls(tx: Reader, riskIds: string[]): Map<string, LinkedControl[]> {
  const out = new Map<string, LinkedControl[]>();
  if (riskIds.length === 0) return out;
  const rows = tx
    .select({ link: riskControls, titleFr: catalogControls.titleFr, status: controlStatus })
    .from(riskControls)
    .leftJoin(catalogControls, and(eq(riskControls.frameworkId, catalogControls.frameworkId), eq(riskControls.controlId, catalogControls.controlId)))
    .leftJoin(controlStatus, and(eq(riskControls.frameworkId, controlStatus.frameworkId), eq(riskControls.controlId, controlStatus.controlId)))
    .where(inArray(riskControls.riskId, riskIds))
    .orderBy(asc(riskControls.frameworkId), asc(riskControls.controlId))
    .all();
  for (const r of rows) {
    const list = out.get(r.link.riskId) ?? [];
    list.push({
      frameworkId: r.link.frameworkId,
      controlId: r.link.controlId,
      titleFr: r.titleFr ?? null,
      applicable: r.status ? r.status.applicable : true,
      implementation: r.status?.implementation ?? 'not_started',
      statusVersion: r.status?.version ?? 0,
    });
    out.set(r.link.riskId, list);
  }
  return out;
}

/** What an acceptance was given on: the asset as it was, and the linked controls as they were. */
export function acceptanceBasis(asset: AssetView, controls: LinkedControl[]): string {
  const assetPart = sha256Hex(canonicalJson({ id: asset.id, version: asset.version, environment: asset.environment ? { version: asset.environment.version, classification: asset.environment.classification, state: asset.environment.state } : null }));
  const controlPart = sha256Hex(canonicalJson(controls.map((c) => [c.frameworkId, c.controlId, c.applicable, c.implementation, c.statusVersion])));
  return `${assetPart}.${controlPart}`;
}

export interface RiskView {
  id: string;
  reference: string;
  title: string;
  asset: AssetView;
  threat: string;
  vulnerability: string;
  consequence: string;
  inherent: Score;
  /** The residual the treatment aims at, as estimated; null before a treatment is chosen. */
  targetResidual: Score | null;
  /** The residual reached now (see the module comment). */
  residual: Score;
  /** Linked controls not yet applicable and implemented (what keeps a reduced risk at its inherent score). */
  pendingControls: string[];
  treatment: RiskRow['treatment'];
  treatmentPlan: string | null;
  treatmentDueDate: string | null;
  controls: LinkedControl[];
  owner: { id: string; email: string; name: string };
  author: { id: string; email: string };
  state: RiskState;
  reviewReasons: ReviewReason[];
  acceptance: { by: string; at: string; expiresAt: string; comment: string | null } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function riskViews(tx: Reader, rows: RiskRow[], now: Date, matrix: Matrix = readMatrix(tx)): RiskView[] {
  if (rows.length === 0) return [];
  const assets = assetViews(tx, [...new Set(rows.map((r) => r.assetId))]);
  const controls = linkedControls(
    tx,
    rows.map((r) => r.id),
  );
  const people = new Map(
    tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.flatMap((r) => [r.ownerId, r.createdById, ...(r.acceptedById ? [r.acceptedById] : [])]))]))
      .all()
      .map((u) => [u.id, u]),
  );
  const at = now.toISOString();
  return rows.map((r) => {
    const asset = assets.get(r.assetId)!;
    const linked = controls.get(r.id) ?? [];
    const inherent = scoreOf(matrix, r.inherentLikelihood, r.inherentImpact);
    const target = r.treatment && r.residualLikelihood !== null && r.residualImpact !== null ? scoreOf(matrix, r.residualLikelihood, r.residualImpact) : null;
    const pending = linked.filter((c) => !c.applicable || c.implementation !== 'implemented').map((c) => `${c.frameworkId}:${c.controlId}`);
    const reached = target !== null && (r.treatment !== 'reduce' || pending.length === 0);
    const reasons: ReviewReason[] = [];
    let state: RiskState = r.treatment === null ? 'identified' : 'treatment_planned';
    if (r.acceptedAt && r.acceptanceExpiresAt && r.acceptanceBasis) {
      if (r.acceptanceExpiresAt <= at) reasons.push('expired');
      const [assetPart, controlPart] = acceptanceBasis(asset, linked).split('.');
      const [givenAsset, givenControls] = r.acceptanceBasis.split('.');
      if (assetPart !== givenAsset) reasons.push('asset_changed');
      if (controlPart !== givenControls) reasons.push('controls_changed');
      state = reasons.length === 0 ? 'accepted' : 'review';
    }
    const owner = people.get(r.ownerId)!;
    const author = people.get(r.createdById)!;
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      asset,
      threat: r.threat,
      vulnerability: r.vulnerability,
      consequence: r.consequence,
      inherent,
      targetResidual: target,
      residual: reached ? target : inherent,
      pendingControls: r.treatment === 'reduce' ? pending : [],
      treatment: r.treatment,
      treatmentPlan: r.treatmentPlan,
      treatmentDueDate: r.treatmentDueDate,
      controls: linked,
      owner,
      author: { id: author.id, email: author.email },
      state,
      reviewReasons: reasons,
      acceptance:
        r.acceptedAt && r.acceptanceExpiresAt
          ? { by: people.get(r.acceptedById ?? '')?.email ?? '—', at: r.acceptedAt, expiresAt: r.acceptanceExpiresAt, comment: r.acceptanceComment }
          : null,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      version: r.version,
    };
  });
}

export function riskView(tx: Reader, row: RiskRow, now: Date): RiskView {
  return riskViews(tx, [row], now)[0]!;
}

/** The stored fields of a risk, for audit entries. */
export function riskSnapshot(r: RiskRow, controls: { frameworkId: string; controlId: string }[]) {
  return { ...r, controls: controls.map((c) => `${c.frameworkId}:${c.controlId}`).sort() };
}
