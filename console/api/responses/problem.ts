/** RFC 9457 problem details: the body of every error answer. */
import { z } from 'zod';
import { named } from './registry.js';

export const problem = named(
  'Problem',
  z.looseObject({
    type: z.string().meta({ format: 'uri' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string().describe('JSON pointer to the offending field'), field: z.string(), message: z.string(), code: z.string().optional() }))
      .optional()
      .describe('One entry per refused field (422)'),
    retryAfterSeconds: z.number().int().optional().describe('With 429 and 503, also sent as Retry-After'),
  }),
  'RFC 9457 problem details; other members give the context of the problem (state, allowedActions, …)',
);
