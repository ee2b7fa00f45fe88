/**
 * Public entry of the compliance module: what the console (and any other caller) may use.
 * Input is plain Terraform JSON per stack; nothing here depends on how it was produced.
 */
export {
  REPORT_SCHEMA_VERSION,
  evaluatePolicy,
  parseAddress,
  policyReportSchema,
  reportDigest,
  resultRowSchema,
  ruleSummarySchema,
  statusCountsSchema,
  type EvaluatePolicyInput,
  type PolicyReport,
  type ResultRow,
  type RuleSummary,
  type StatusCounts,
} from './evaluate.js';
export {
  MAX_EXCEPTION_DAYS,
  addressMatches,
  applyExceptions,
  compileExceptions,
  createPolicyException,
  isExceptionLive,
  policyExceptionRequestSchema,
  policyExceptionSchema,
  resourcePatternSchema,
  resultStatusSchema,
  type ExceptionMatcher,
  type PolicyException,
  type PolicyExceptionRequest,
  type ResultStatus,
  type SuppressibleResult,
} from './exceptions.js';
export {
  outcomeStatusSchema,
  resourceTypeSchema,
  ruleControlsSchema,
  ruleIdSchema,
  ruleMetaSchema,
  severitySchema,
  type Outcome,
  type OutcomeStatus,
  type ResourceType,
  type Rule,
  type RuleControls,
  type RuleMeta,
  type Severity,
} from './rules/core/model.js';
export { PolicyInputError, terraformJsonSchema, type StacksInput, type TerraformJson } from './rules/core/inventory.js';
export { allRules, getRule, rulesForControl } from './rules/index.js';
export { getPack, packs, type Pack } from './packs/index.js';
export * from './catalogs/index.js';
export { pssieEvidenceGuidanceFr } from './catalogs/guidance/pssie-bj-2021.js';
