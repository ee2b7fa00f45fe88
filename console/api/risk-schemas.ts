/**
 * Inputs of the risk register: assets, risks, treatment, acceptance and the scoring matrix.
 * Strict objects like every other input; what needs the database (an owner who exists, a
 * control that exists, a score within the matrix's scales) is checked by the verb.
 */
import { z } from 'zod';
import { treatmentOptions } from '../db/schema/risks.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const score = z.number().int().min(1).max(10);
const email = z.string().trim().toLowerCase().email().max(254);

export const facilityKinds = ['room', 'power', 'cooling', 'network-link'] as const;
/** Components of the platform stack an asset may stand for (infra/stacks/platform). */
export const platformComponents = ['ingress', 'console', 'prometheus', 'grafana', 'dmz-network'] as const;

const assetCommon = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'capital letters, digits and dashes, 2 to 40'),
  name: text(200),
  description: z.string().trim().max(2000).default(''),
  ownerEmail: email,
};

const facilityAsset = <K extends (typeof facilityKinds)[number]>(kind: K) =>
  z.strictObject({ kind: z.literal(kind), ...assetCommon, facilityRef: text(200).nullable().optional() });

export const createAssetInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('environment'), ...assetCommon, requestId: z.string().trim().min(1).max(64) }),
  z.strictObject({ kind: z.literal('platform-component'), ...assetCommon, component: z.enum(platformComponents) }),
  facilityAsset('room'),
  facilityAsset('power'),
  facilityAsset('cooling'),
  facilityAsset('network-link'),
]);
export type CreateAssetInput = z.infer<typeof createAssetInput>;

export const updateAssetInput = z.strictObject({
  version: z.number().int().min(1),
  name: text(200).optional(),
  description: z.string().trim().max(2000).optional(),
  ownerEmail: email.optional(),
  facilityRef: text(200).nullable().optional(),
});
export type UpdateAssetInput = z.infer<typeof updateAssetInput>;

export const drawTenancyAssetsInput = z.strictObject({
  /** Owner of the assets drawn (each can be reassigned afterwards). */
  ownerEmail: email,
});
export type DrawTenancyAssetsInput = z.infer<typeof drawTenancyAssetsInput>;

const controlRef = z.strictObject({ frameworkId: text(40), controlId: text(40) });

export const createRiskInput = z.strictObject({
  title: text(200),
  assetId: z.string().trim().min(1).max(64),
  threat: text(1000),
  vulnerability: text(1000),
  consequence: text(1000),
  likelihood: score,
  impact: score,
  ownerEmail: email,
});
export type CreateRiskInput = z.infer<typeof createRiskInput>;

/** Changes to a risk's scenario, inherent score or owner; only the fields sent change. */
export const updateRiskInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(200).optional(),
  threat: text(1000).optional(),
  vulnerability: text(1000).optional(),
  consequence: text(1000).optional(),
  likelihood: score.optional(),
  impact: score.optional(),
  ownerEmail: email.optional(),
});
export type UpdateRiskInput = z.infer<typeof updateRiskInput>;

export const treatRiskInput = z
  .strictObject({
    version: z.number().int().min(1),
    treatment: z.enum(treatmentOptions),
    plan: text(2000),
    dueDate: day.nullable().optional(),
    residualLikelihood: score,
    residualImpact: score,
    /** Controls of any framework the treatment relies on; at least one to reduce a risk. */
    controls: z.array(controlRef).max(50).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.treatment === 'reduce' && v.controls.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['controls'], message: 'a risk is reduced by controls: name at least one' });
    }
  });
export type TreatRiskInput = z.infer<typeof treatRiskInput>;

export const acceptRiskInput = z.strictObject({
  version: z.number().int().min(1),
  /** Until when the owner accepts the residual risk; the matrix caps how far ahead. */
  expiresOn: day,
  comment: text(2000),
});
export type AcceptRiskInput = z.infer<typeof acceptRiskInput>;

const label = z.strictObject({ fr: text(60), en: text(60) });
export const updateMatrixInput = z
  .strictObject({
    version: z.number().int().min(0),
    likelihood: z.array(label).min(3).max(10),
    impact: z.array(label).min(3).max(10),
    thresholds: z.strictObject({ medium: z.number().int().min(2), high: z.number().int().min(3), critical: z.number().int().min(4) }),
    maxAcceptanceDays: z.number().int().min(1).max(1096),
  })
  .superRefine((v, ctx) => {
    const t = v.thresholds;
    if (!(t.medium < t.high && t.high < t.critical)) ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'thresholds rise: medium < high < critical' });
    if (t.critical > v.likelihood.length * v.impact.length) ctx.addIssue({ code: 'custom', path: ['thresholds', 'critical'], message: 'above the highest possible score' });
  });
export type UpdateMatrixInput = z.infer<typeof updateMatrixInput>;

export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export const riskStates = ['identified', 'treatment_planned', 'accepted', 'review'] as const;

export const listRisksQuery = z.strictObject({
  level: z.enum(riskLevels).optional(),
  state: z.enum(riskStates).optional(),
  assetId: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListRisksQuery = z.infer<typeof listRisksQuery>;
