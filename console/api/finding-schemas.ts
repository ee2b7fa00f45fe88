/**
 * Inputs of the work on a finding (ISO/IEC 27001 10.2): root cause, corrective actions,
 * closure proposed then verified, reopening. Same conventions as `compliance-schemas.ts`.
 */
import { z } from 'zod';
import { correctiveActionStates } from '../db/schema/compliance.js';

const version = z.number().int().min(1);
const dueDate = z.iso.date('due date looks like 2026-12-31');
const comment = z.string().trim().max(2000).optional();

export const rootCauseInput = z.strictObject({
  version,
  rootCause: z.string().trim().min(10, 'describe the root cause in at least 10 characters').max(4000),
});
export type RootCauseInput = z.infer<typeof rootCauseInput>;

export const addCorrectiveActionInput = z.strictObject({
  /** The finding's version read. */
  version,
  description: z.string().trim().min(10, 'describe the corrective action in at least 10 characters').max(4000),
  owner: z.string().trim().min(1).max(200),
  dueDate,
  /** An evidence item showing the action done, when there already is one. */
  evidenceId: z.string().trim().min(1).max(64).optional(),
});
export type AddCorrectiveActionInput = z.infer<typeof addCorrectiveActionInput>;

export const updateCorrectiveActionInput = z.strictObject({
  /** The action's version read. */
  version,
  status: z.enum(correctiveActionStates).optional(),
  owner: z.string().trim().min(1).max(200).optional(),
  dueDate: dueDate.optional(),
  /** Links the evidence item that shows the action done; null unlinks. */
  evidenceId: z.string().trim().min(1).max(64).nullable().optional(),
});
export type UpdateCorrectiveActionInput = z.infer<typeof updateCorrectiveActionInput>;

export const proposeClosureInput = z.strictObject({
  version,
  /** An evidence version whose review was accepted, proving the correction. */
  closingEvidenceVersionId: z.string().trim().min(1).max(64),
  comment,
});
export type ProposeClosureInput = z.infer<typeof proposeClosureInput>;

export const verifyClosureInput = z.strictObject({
  version,
  comment,
});
export type VerifyClosureInput = z.infer<typeof verifyClosureInput>;

export const rejectClosureInput = z.strictObject({
  version,
  comment: z.string().trim().min(10, 'say in at least 10 characters what is missing').max(2000),
});
export type RejectClosureInput = z.infer<typeof rejectClosureInput>;

export const reopenFindingInput = z.strictObject({
  version,
  comment: z.string().trim().min(10, 'say in at least 10 characters why the finding is reopened').max(2000),
});
export type ReopenFindingInput = z.infer<typeof reopenFindingInput>;
