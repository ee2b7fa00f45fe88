/**
 * Inputs of the evidence API. Routes validate with them, the OpenAPI document is generated from
 * them, and the evidence verbs take their inferred types.
 */
import { z } from 'zod';
import { FRAMEWORK_IDS } from '../../compliance/index.js';
import { ministryCodeSchema } from '../../infra/spec.js';
import { evidenceSources, reviewStates } from '../db/schema/compliance.js';

/** Evidence people file by hand; `automatic` items are filed by the console itself. */
export const manualEvidenceKinds = ['file', 'link', 'note'] as const;
export const evidenceFreshness = ['not_yet_effective', 'current', 'expiring', 'expired'] as const;
export type EvidenceFreshness = (typeof evidenceFreshness)[number];

/**
 * A date-time with its offset, or a calendar date. A bare date is read in Benin time (UTC+01:00,
 * no daylight saving), because that is the day the people filing it mean.
 */
export const evidenceDateSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be a date (2026-03-31) or a date-time with offset (2026-03-31T09:00:00+01:00)' })
  .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00+01:00` : v).toISOString());

/** Form posts send an empty field for "no value". */
const optionalDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), evidenceDateSchema.optional());

export const controlLinkInput = z.strictObject({
  frameworkId: z.enum(FRAMEWORK_IDS),
  controlId: z.string().trim().min(1).max(60),
});

export const createEvidenceInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  kind: z.enum(manualEvidenceKinds),
  controls: z.array(controlLinkInput).min(1, 'link at least one control').max(100),
  /** Ministry that owns the evidence; requesters may only name their own (the default for them). */
  ministry: ministryCodeSchema.optional(),
});
export type CreateEvidenceInput = z.infer<typeof createEvidenceInput>;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an http or https URL without credentials')
  .transform((v) => new URL(v).href);

/** A version of a link or note item, sent as JSON. */
export const addVersionInput = z.strictObject({
  url: httpUrl.optional(),
  note: z.string().trim().min(1).max(20_000).optional(),
  effectiveAt: evidenceDateSchema,
  expiresAt: optionalDate,
});
export type AddVersionInput = z.infer<typeof addVersionInput>;

/** The form fields that come with an uploaded file (`multipart/form-data`). */
export const uploadFieldsInput = z.strictObject({
  effectiveAt: evidenceDateSchema,
  expiresAt: optionalDate,
});
export type UploadFieldsInput = z.infer<typeof uploadFieldsInput>;

/** The multipart body as documented: the same fields plus the file part. */
export const uploadVersionForm = z.strictObject({
  file: z.string().meta({ format: 'binary', description: 'the evidence file (PDF, PNG, JPEG, text, CSV, JSON, ZIP, office documents)' }),
  effectiveAt: z.string().meta({ description: 'date (Benin time) or date-time from which the evidence holds' }),
  expiresAt: z.string().optional().meta({ description: 'after effectiveAt; empty or absent when it does not expire' }),
});

export const reviewInput = z.strictObject({
  comment: z.string().trim().min(1).max(2000).optional(),
});
export type ReviewInput = z.infer<typeof reviewInput>;

const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

export const listEvidenceQuery = z
  .strictObject({
    framework: z.enum(FRAMEWORK_IDS).optional(),
    /** Needs `framework`. */
    control: z.string().trim().min(1).max(60).optional(),
    ministry: ministryCodeSchema.optional(),
    kind: z.enum(['file', 'link', 'note', 'automatic']).optional(),
    source: z.enum(evidenceSources).optional(),
    /** Review status of each item's latest version. */
    review: z.enum(reviewStates).optional(),
    /** Freshness of each item's latest version (`expiring`: expires within 30 days). */
    freshness: z.enum(evidenceFreshness).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit,
    offset,
  })
  .superRefine((v, ctx) => {
    if (v.control && !v.framework) ctx.addIssue({ code: 'custom', path: ['control'], message: 'filter by control together with framework' });
  });
export type ListEvidenceQuery = z.infer<typeof listEvidenceQuery>;
