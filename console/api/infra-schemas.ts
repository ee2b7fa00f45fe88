/** Inputs of the tenancy, run and policy-run endpoints. */
import { z } from 'zod';
import { runStates } from '../db/schema/runs.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const listRunsQuery = z.strictObject({
  stack: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a stack name').optional(),
  status: z.enum(runStates).optional(),
  /** The operator who planned or applied it, by email (exact, case-insensitive). */
  operator: z.string().trim().toLowerCase().min(3).max(254).optional(),
  /** Created on or after this day (UTC). */
  from: day.optional(),
  /** Created on or before this day (UTC). */
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listPolicyRunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const policyResultsQuery = z.strictObject({
  status: z.enum(['non_compliant', 'suppressed']).optional(),
  rule: z.string().min(1).max(100).optional(),
});

/** Plan, apply and check take no parameters: an empty body (or none) is all they accept. */
export const emptyBody = z.strictObject({});
