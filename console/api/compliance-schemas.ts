/**
 * Inputs of the certification side of the API: frameworks and controls, findings, policy
 * exceptions, exports. Same conventions as `schemas.ts`: strict objects (an unknown field is
 * named, not ignored), and what needs the database (a control that exists, a rule that exists,
 * a date relative to the clock) is checked by the verb.
 */
import { z } from 'zod';
import { FRAMEWORK_IDS, MAX_EXCEPTION_DAYS, resourcePatternSchema, ruleIdSchema } from '../../compliance/index.js';
import { exceptionStates, findingGrades, findingStates, implementationStates, justificationReasons } from '../db/schema/compliance.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);
/** Query strings carry text: only these two spellings are booleans, anything else is an error. */
const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const frameworkIdInput = z.enum(FRAMEWORK_IDS);

/** A framework built in or imported with `dcops catalog import` (an unknown one lists nothing). */
export const frameworkRefInput = z.string().regex(/^[a-z][a-z0-9.-]{1,39}$/, 'a framework id');

export const listControlsQuery = z.strictObject({
  framework: frameworkRefInput.optional(),
  group: z.string().trim().min(1).max(20).optional(),
  /** Implementation status. */
  status: z.enum(implementationStates).optional(),
  applicable: queryBoolean.optional(),
  /** Searched in the id and both titles, ignoring case and accents. */
  q: z.string().trim().min(1).max(100).optional(),
  limit,
  offset,
});
export type ListControlsQuery = z.infer<typeof listControlsQuery>;

export const controlStatusInput = z
  .strictObject({
    /** The version read (0 for a control never assessed); a concurrent change makes the call a 409. */
    version: z.number().int().min(0),
    applicable: z.boolean(),
    /** Why the control is kept or excluded; required to exclude one (10+ characters for ISO/IEC 27001 Annex A). */
    justification: z.string().trim().max(2000).optional(),
    /** Reason code of the justification of an applicable control (the Statement of Applicability shows it). */
    justificationReason: z.enum(justificationReasons).nullable().optional(),
    implementation: z.enum(implementationStates),
    owner: text(200).nullable().optional(),
    /** Records that the control was reviewed now, by the caller. */
    reviewed: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.applicable && !v.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'a control is excluded only with a justification' });
    }
    if (v.justificationReason && !v.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'a reason code comes with the text that justifies it' });
    }
  });
export type ControlStatusInput = z.infer<typeof controlStatusInput>;

export const controlRefInput = z.strictObject({
  frameworkId: frameworkIdInput,
  controlId: text(40),
});

const dueDate = z.iso.date('due date looks like 2026-12-31');

export const raiseFindingInput = z.strictObject({
  title: text(200),
  description: text(4000),
  grade: z.enum(findingGrades),
  controls: z
    .array(controlRefInput)
    .min(1, 'a finding names at least one control')
    .max(50)
    .refine((list) => new Set(list.map((c) => `${c.frameworkId}:${c.controlId}`)).size === list.length, 'controls must be unique'),
  owner: text(200).optional(),
  dueDate: dueDate.optional(),
});
export type RaiseFindingInput = z.infer<typeof raiseFindingInput>;

export const planFindingInput = z.strictObject({
  version: z.number().int().min(1),
  correctiveAction: z.string().trim().min(10, 'describe the corrective action in at least 10 characters').max(4000),
  owner: text(200),
  dueDate,
});
export type PlanFindingInput = z.infer<typeof planFindingInput>;

export const closeFindingInput = z.strictObject({
  version: z.number().int().min(1),
  /** The accepted evidence version the closure was proposed on (checked when given). */
  closingEvidenceVersionId: text(64).optional(),
  comment: z.string().trim().max(2000).optional(),
});
export type CloseFindingInput = z.infer<typeof closeFindingInput>;

export const listFindingsQuery = z.strictObject({
  status: z.enum(findingStates).optional(),
  grade: z.enum(findingGrades).optional(),
  framework: frameworkIdInput.optional(),
  /** Not closed and past its due date, or with a corrective action past its own (at the console's clock). */
  overdue: queryBoolean.optional(),
  /** Raised by a person or by the system (drift, policy, facility checks). */
  origin: z.enum(['person', 'system']).optional(),
  limit,
  offset,
});
export type ListFindingsQuery = z.infer<typeof listFindingsQuery>;

export const requestExceptionInput = z.strictObject({
  ruleId: ruleIdSchema,
  resource: resourcePatternSchema,
  /** Why the finding is accepted and what mitigates it. */
  reason: z.string().trim().min(10, 'reason must be at least 10 characters').max(2000),
  /** In the future, at most `MAX_EXCEPTION_DAYS` days away. */
  expiresAt: z.iso.datetime({ offset: true }).describe(`at most ${MAX_EXCEPTION_DAYS} days from now`),
});
export type RequestExceptionInput = z.infer<typeof requestExceptionInput>;

export const decideExceptionInput = z.strictObject({
  comment: z.string().trim().max(2000).optional(),
});
export type DecideExceptionInput = z.infer<typeof decideExceptionInput>;

export const listExceptionsQuery = z.strictObject({
  status: z.enum(exceptionStates).optional(),
  ruleId: ruleIdSchema.optional(),
  /** Approved and not expired at the console's clock. */
  live: queryBoolean.optional(),
  limit,
  offset,
});
export type ListExceptionsQuery = z.infer<typeof listExceptionsQuery>;
