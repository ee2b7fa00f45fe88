/**
 * The likelihood × impact matrix the register scores with. A site without its own matrix uses
 * the 5 × 5 one below; an admin may change the labels, the size and the level thresholds.
 */
import { eq } from 'drizzle-orm';
import type { riskLevels } from '../../api/risk-schemas.js';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { riskMatrix } from '../../db/schema/index.js';

export type RiskLevel = (typeof riskLevels)[number];

export interface Matrix {
  likelihood: { fr: string; en: string }[];
  impact: { fr: string; en: string }[];
  thresholds: { medium: number; high: number; critical: number };
  maxAcceptanceDays: number;
  version: number;
}

export const MATRIX_ID = 'current';

export const DEFAULT_MATRIX: Matrix = {
  likelihood: [
    { fr: 'Rare', en: 'Rare' },
    { fr: 'Peu probable', en: 'Unlikely' },
    { fr: 'Possible', en: 'Possible' },
    { fr: 'Probable', en: 'Likely' },
    { fr: 'Quasi certain', en: 'Almost certain' },
  ],
  impact: [
    { fr: 'Négligeable', en: 'Negligible' },
    { fr: 'Limité', en: 'Limited' },
    { fr: 'Important', en: 'Significant' },
    { fr: 'Grave', en: 'Severe' },
    { fr: 'Critique', en: 'Critical' },
  ],
  thresholds: { medium: 5, high: 10, critical: 16 },
  maxAcceptanceDays: 365,
  version: 0,
};

export function readMatrix(db: Db | Tx): Matrix {
  const row = db.select().from(riskMatrix).where(eq(riskMatrix.id, MATRIX_ID)).get();
  if (!row) return DEFAULT_MATRIX;
  return { likelihood: row.likelihood, impact: row.impact, thresholds: row.thresholds, maxAcceptanceDays: row.maxAcceptanceDays, version: row.version };
}

export function levelOf(matrix: Matrix, score: number): RiskLevel {
  const t = matrix.thresholds;
  return score >= t.critical ? 'critical' : score >= t.high ? 'high' : score >= t.medium ? 'medium' : 'low';
}

export interface Score {
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
}

export function scoreOf(matrix: Matrix, likelihood: number, impact: number): Score {
  return { likelihood, impact, score: likelihood * impact, level: levelOf(matrix, likelihood * impact) };
}
