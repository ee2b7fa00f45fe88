/** Reading the register: risks, assets, the matrix, and the figures by level. */
import { asc } from 'drizzle-orm';
import type { ListRisksQuery } from '../../api/risk-schemas.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { risks } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { readMatrix, type Matrix, type RiskLevel } from './matrix.js';
import { assetViews, loadRisk, riskView, riskViews, type RiskState, type RiskView } from './read-model.js';
import { pageOf, wholeList, type Page } from '../paging.js';

/** The register is the datacenter's own: its staff and auditors read it, ministries do not. */
export function requireRegisterReader(ctx: ServiceContext): void {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
}

/** Every risk, highest residual first, then by reference. */
export function readRisks(db: Db, now: Date, matrix: Matrix = readMatrix(db)): RiskView[] {
  const rows = db.select().from(risks).orderBy(asc(risks.reference)).all();
  return riskViews(db, rows, now, matrix).sort((a, b) => b.residual.score - a.residual.score || b.inherent.score - a.inherent.score || a.reference.localeCompare(b.reference));
}

export function listRisks({ ctx, input }: { ctx: ServiceContext; input: ListRisksQuery }) {
  requireRegisterReader(ctx);
  const all = readRisks(ctx.db, ctx.clock.now());
  const items = all.filter((r) => (!input.level || r.residual.level === input.level) && (!input.state || r.state === input.state) && (!input.assetId || r.asset.id === input.assetId));
  return pageOf(items, input);
}

export function getRisk({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRegisterReader(ctx);
  return riskView(ctx.db, loadRisk(ctx.db, input.id), ctx.clock.now());
}

export function listAssets({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRegisterReader(ctx);
  return pageOf([...assetViews(ctx.db).values()], input);
}

export function getMatrix({ ctx }: { ctx: ServiceContext }): Matrix {
  requireRegisterReader(ctx);
  return readMatrix(ctx.db);
}

export const LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];
export const STATES: readonly RiskState[] = ['identified', 'treatment_planned', 'accepted', 'review'];

export interface RiskMetrics {
  total: number;
  inherent: Record<RiskLevel, number>;
  residual: Record<RiskLevel, number>;
  states: Record<RiskState, number>;
  /** Cells of the heat map: [likelihood][impact] → references, for both scores. */
  heat: { inherent: string[][][]; residual: string[][][] };
  /** Acceptances that end within 30 days. */
  expiringSoon: number;
  matrix: Matrix;
}

export function riskMetrics(list: RiskView[], matrix: Matrix, now: Date): RiskMetrics {
  const zero = () => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;
  const grid = () => matrix.likelihood.map(() => matrix.impact.map(() => [] as string[]));
  const m: RiskMetrics = { total: list.length, inherent: zero(), residual: zero(), states: Object.fromEntries(STATES.map((s) => [s, 0])) as Record<RiskState, number>, heat: { inherent: grid(), residual: grid() }, expiringSoon: 0, matrix };
  const soon = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  for (const r of list) {
    m.inherent[r.inherent.level]++;
    m.residual[r.residual.level]++;
    m.states[r.state]++;
    m.heat.inherent[r.inherent.likelihood - 1]?.[r.inherent.impact - 1]?.push(r.reference);
    m.heat.residual[r.residual.likelihood - 1]?.[r.residual.impact - 1]?.push(r.reference);
    if (r.state === 'accepted' && r.acceptance && r.acceptance.expiresAt <= soon) m.expiringSoon++;
  }
  return m;
}

export function getRiskMetrics({ ctx }: { ctx: ServiceContext }): RiskMetrics {
  requireRegisterReader(ctx);
  const matrix = readMatrix(ctx.db);
  const now = ctx.clock.now();
  return riskMetrics(readRisks(ctx.db, now, matrix), matrix, now);
}
