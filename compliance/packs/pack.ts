import { z } from 'zod';

import type { Rule } from '../rules/core/model.js';

export const packMetaSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/),
    title: z.string().trim().min(5).max(120),
    titleEn: z.string().trim().min(5).max(120),
    /** What the pack answers for an auditor, in French. */
    description: z.string().trim().min(20).max(600),
  })
  .strict();
export type PackMeta = z.infer<typeof packMetaSchema>;

/**
 * A pack is a named list of rules. Severity, rationale and control mapping stay in each rule
 * file, next to the check they describe, so a pack cannot contradict its rules.
 */
export interface Pack extends PackMeta {
  readonly rules: readonly Rule[];
}

export function definePack(meta: PackMeta, rules: readonly Rule[]): Pack {
  const parsed = packMetaSchema.parse(meta);
  const ids = rules.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) throw new Error(`pack ${parsed.id} lists rule ${duplicate} twice`);
  return Object.freeze({ ...parsed, rules: Object.freeze([...rules]) });
}
