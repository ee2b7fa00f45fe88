/**
 * The rule model: what a policy rule declares about itself and what it answers for one
 * resource. Rules are plain data plus one pure function; the evaluator owns iteration,
 * addresses, exceptions and the report, so a rule file stays a few dozen lines.
 */
import { z } from 'zod';

import type { Inventory, ResourceView } from './inventory.js';

export const severitySchema = z.enum(['critical', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof severitySchema>;

/** What a rule can say about one resource. `suppressed` is added later, by exceptions only. */
export const outcomeStatusSchema = z.enum(['compliant', 'non_compliant', 'not_applicable']);
export type OutcomeStatus = z.infer<typeof outcomeStatusSchema>;

/** Resource kinds the inventory exposes to rules; provider blocks are addressed like resources. */
export const resourceTypeSchema = z.enum(['docker_container', 'docker_network', 'docker_volume', 'provider.docker']);
export type ResourceType = z.infer<typeof resourceTypeSchema>;

const controlIdList = z.array(z.string().trim().min(1).max(40)).min(1).max(20).readonly();

/**
 * Control ids per framework, with the same framework ids as `compliance/catalogs`. Kept
 * separate from the catalog code on purpose: a rule must load even while a catalog is
 * being edited, and a test cross-checks every id against the catalogs.
 */
export const ruleControlsSchema = z
  .object({
    'cis-docker-1.6.0': controlIdList.optional(),
    'iso27001-2022': controlIdList.optional(),
    'pssie-bj-2021': controlIdList.optional(),
    'tia942-r3': controlIdList.optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((ids) => ids !== undefined && ids.length > 0), {
    message: 'a rule must support at least one control',
  });
export type RuleControls = z.infer<typeof ruleControlsSchema>;

export const ruleIdSchema = z
  .string()
  .min(3)
  .max(60)
  .regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, 'rule id must be lower-case kebab case');

export const ruleMetaSchema = z
  .object({
    id: ruleIdSchema,
    /** French title, shown to operators and auditors. */
    title: z.string().trim().min(5).max(120),
    titleEn: z.string().trim().min(5).max(120),
    severity: severitySchema,
    /** Why the rule exists, in French and in the project's own words. */
    rationale: z.string().trim().min(40).max(1200),
    controls: ruleControlsSchema,
    appliesTo: z.array(resourceTypeSchema).min(1).readonly(),
  })
  .strict();
export type RuleMeta = z.infer<typeof ruleMetaSchema>;

export const outcomeSchema = z.object({
  status: outcomeStatusSchema,
  /** French, one sentence, names the offending value when there is one. */
  message: z.string().min(1),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** What a rule sees: one resource, plus the read-only index of every stack for cross-resource checks. */
export interface RuleContext {
  readonly resource: ResourceView;
  readonly inventory: Inventory;
}

export interface Rule extends RuleMeta {
  evaluate(ctx: RuleContext): Outcome;
}

/*
 * Outcomes are frozen so a rule may hoist its constant answers to module level: a compliant
 * container then costs no allocation, which matters over millions of evaluations.
 */
export function compliant(message: string): Outcome {
  return Object.freeze({ status: 'compliant', message });
}

export function nonCompliant(message: string): Outcome {
  return Object.freeze({ status: 'non_compliant', message });
}

export function notApplicable(message: string): Outcome {
  return Object.freeze({ status: 'not_applicable', message });
}

/**
 * Validates the declarative part once, at module load, and freezes the rule, so a typo in a
 * control list fails the first test that imports it rather than a report months later.
 * Control keys are re-ordered so every report serializes them the same way.
 */
export function defineRule(rule: Rule): Rule {
  const { evaluate, ...meta } = rule;
  const parsed = ruleMetaSchema.parse(meta);
  const controls: Record<string, readonly string[]> = {};
  for (const key of Object.keys(parsed.controls).sort()) {
    const ids = parsed.controls[key as keyof RuleControls];
    if (ids !== undefined) controls[key] = Object.freeze([...ids]);
  }
  return Object.freeze({
    ...parsed,
    controls: Object.freeze(controls) as RuleControls,
    appliesTo: Object.freeze([...parsed.appliesTo]),
    evaluate,
  });
}
