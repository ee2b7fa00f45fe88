/** Responses of the risk register (ISO/IEC 27005). */
import { z } from 'zod';
import { assetKinds, treatmentOptions } from '../../db/schema/risks.js';
import { riskLevels, riskStates } from '../risk-schemas.js';
import { count, day, instant, listOf, named, uuid } from './registry.js';

const level = z.enum(riskLevels);
const score = named('RiskScore', z.object({ likelihood: z.number().int().min(1), impact: z.number().int().min(1), score: z.number().int().min(1), level }), 'score = likelihood × impact');
const person = z.object({ id: uuid, email: z.string(), name: z.string() });
const label = z.object({ fr: z.string(), en: z.string() });

export const riskMatrix = named(
  'RiskMatrix',
  z.object({
    likelihood: z.array(label),
    impact: z.array(label),
    thresholds: z.object({ medium: z.number().int(), high: z.number().int(), critical: z.number().int() }).describe('Lowest score of each level'),
    maxAcceptanceDays: z.number().int(),
    version: count.describe('0 for the default matrix'),
  }),
);

export const riskAsset = named(
  'RiskAsset',
  z.object({
    id: uuid,
    code: z.string(),
    kind: z.enum(assetKinds),
    name: z.string(),
    description: z.string(),
    owner: person,
    requestId: uuid.nullable(),
    environment: z
      .object({ reference: z.string(), name: z.string(), ministry: z.string(), classification: z.string(), state: z.string(), version: z.number().int() })
      .nullable(),
    component: z.string().nullable(),
    facilityRef: z.string().nullable(),
    version: z.number().int(),
    updatedAt: instant,
  }),
);
export const riskAssetList = listOf('RiskAssetList', riskAsset);
export const drawnAssets = named('DrawnRiskAssets', z.object({ added: z.array(z.string()).describe('Codes of the assets added') }));

export const risk = named(
  'Risk',
  z.object({
    id: uuid,
    reference: z.string(),
    title: z.string(),
    asset: riskAsset,
    threat: z.string(),
    vulnerability: z.string(),
    consequence: z.string(),
    inherent: score,
    targetResidual: score.nullable().describe('The residual the treatment aims at; null before a treatment is chosen'),
    residual: score.describe('The residual reached now: a reduced risk keeps its inherent score until every linked control is applicable and implemented'),
    pendingControls: z.array(z.string()),
    treatment: z.enum(treatmentOptions).nullable(),
    treatmentPlan: z.string().nullable(),
    treatmentDueDate: day.nullable(),
    controls: z.array(
      z.object({ frameworkId: z.string(), controlId: z.string(), titleFr: z.string().nullable(), applicable: z.boolean(), implementation: z.string(), statusVersion: count }),
    ),
    owner: person,
    author: z.object({ id: uuid, email: z.string() }),
    state: z.enum(riskStates),
    reviewReasons: z.array(z.enum(['expired', 'asset_changed', 'controls_changed'])),
    acceptance: z.object({ by: z.string(), at: instant, expiresAt: instant, comment: z.string().nullable() }).nullable(),
    createdAt: instant,
    updatedAt: instant,
    version: z.number().int(),
  }),
);
export const riskList = listOf('RiskList', risk);

const byLevel = z.object({ low: count, medium: count, high: count, critical: count });
export const riskMetrics = named(
  'RiskMetrics',
  z.object({
    total: count,
    inherent: byLevel,
    residual: byLevel,
    states: z.object({ identified: count, treatment_planned: count, accepted: count, review: count }),
    heat: z.object({ inherent: z.array(z.array(z.array(z.string()))), residual: z.array(z.array(z.array(z.string()))) }).describe('[likelihood][impact] → risk references'),
    expiringSoon: count.describe('Acceptances ending within 30 days'),
    matrix: riskMatrix,
  }),
);
