/**
 * Policy evaluation: every applicable rule on every resource of every stack, exceptions
 * applied, counted and hashed. Pure: the same stacks, exceptions, rules and `now` always give
 * the same report, byte for byte, whatever the key order of the input.
 */
import { z } from 'zod';

import { canonicalJson } from '../lib/canonical-json.js';
import { sha256Hex } from '../lib/sha256.js';
import { compileExceptions, resultStatusSchema, type PolicyException, type ResultStatus } from './exceptions.js';
import { buildInventory, type StacksInput } from './rules/core/inventory.js';
import { ruleControlsSchema, ruleIdSchema, severitySchema, type Outcome, type Rule, type RuleContext, type Severity } from './rules/core/model.js';
import { allRules } from './rules/index.js';

export const REPORT_SCHEMA_VERSION = 1;

const count = z.number().int().nonnegative();
export const statusCountsSchema = z.object({
  compliant: count,
  non_compliant: count,
  not_applicable: count,
  suppressed: count,
});
export type StatusCounts = z.infer<typeof statusCountsSchema>;

export const resultRowSchema = z.object({
  /** `<stack>/<type>.<name>`. */
  address: z.string().min(1),
  controls: ruleControlsSchema,
  /** Set when status is `suppressed`. */
  exceptionId: z.string().optional(),
  message: z.string(),
  ruleId: ruleIdSchema,
  severity: severitySchema,
  status: resultStatusSchema,
});
export type ResultRow = z.infer<typeof resultRowSchema>;

export const ruleSummarySchema = z.object({
  counts: statusCountsSchema,
  ruleId: ruleIdSchema,
  severity: severitySchema,
  title: z.string(),
});
export type RuleSummary = z.infer<typeof ruleSummarySchema>;

export const policyReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  evaluatedAt: z.iso.datetime(),
  stacks: z.array(z.string()),
  resourceCount: count,
  ruleCount: count,
  /** `findings`: rows for non-compliant and suppressed results only; `full`: a row for every result. */
  detail: z.enum(['findings', 'full']),
  /** Every resource of the stacks, in evaluation order: with the findings, it tells which resources passed. */
  resources: z.array(z.string()),
  /** Rows in resource order, then rule id; which statuses get a row depends on `detail`. */
  results: z.array(resultRowSchema),
  totals: z.object({
    byStatus: statusCountsSchema,
    bySeverity: z.object({ critical: statusCountsSchema, high: statusCountsSchema, medium: statusCountsSchema, low: statusCountsSchema }),
  }),
  /** Per rule, in id order: what an auditor reads to see a control's evidence at a glance. */
  rules: z.array(ruleSummarySchema),
  /** True when a high or critical finding has no live exception: the change must not be applied. */
  blocking: z.boolean(),
  blockingFindings: count,
  exceptions: z.object({
    /** Live exceptions that suppressed at least one finding. */
    applied: z.array(z.string()),
    /** Given but expired, or not yet valid, at `evaluatedAt`: they suppressed nothing. */
    inactive: z.array(z.string()),
    /** Live but matching no finding: candidates for withdrawal. */
    unused: z.array(z.string()),
  }),
  /** sha256 of the canonical JSON of the report without this field. */
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
});
export type PolicyReport = z.infer<typeof policyReportSchema>;

export interface EvaluatePolicyInput {
  /** Synthesized Terraform JSON per stack name (`platform`, `ministry-mef`, …), as a record or a map. */
  readonly stacks: StacksInput;
  readonly exceptions?: readonly PolicyException[];
  /** The evaluation instant: decides which exceptions are live, and is recorded in the report. */
  readonly now: Date;
  /** Defaults to every rule; a pack's rules to evaluate one pack. */
  readonly rules?: readonly Rule[];
  /**
   * `findings` (default) keeps a row for each non-compliant or suppressed result; compliant and
   * not-applicable results are counted per rule and per severity. `full` adds their rows too.
   * A row per result grows with the estate (about 300 bytes × 15 per container): fine for one
   * environment or an export, far too heavy as the routine gate over a whole datacenter.
   */
  readonly detail?: 'findings' | 'full';
}

const BLOCKING: ReadonlySet<Severity> = new Set(['critical', 'high']);

function zeroCounts(): StatusCounts {
  return { compliant: 0, non_compliant: 0, not_applicable: 0, suppressed: 0 };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeEvaluate(rule: Rule, ctx: RuleContext): Outcome {
  try {
    return rule.evaluate(ctx);
  } catch (error) {
    // A rule that cannot read a resource has not shown it compliant: report it, never skip it.
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'non_compliant', message: `Évaluation impossible : ${reason}` };
  }
}

export function evaluatePolicy(input: EvaluatePolicyInput): PolicyReport {
  const rules = [...(input.rules ?? allRules)].sort((a, b) => compareStrings(a.id, b.id));
  for (let i = 1; i < rules.length; i++) {
    if (rules[i]!.id === rules[i - 1]!.id) throw new Error(`rule ${rules[i]!.id} is given twice`);
  }
  if (Number.isNaN(input.now.getTime())) throw new Error('now must be a valid date');

  const inventory = buildInventory(input.stacks);
  const matcher = compileExceptions(input.exceptions ?? [], input.now);

  // Counters are flat integer arrays indexed by rule and status: the loop below runs once per
  // (resource, rule), millions of times on a large estate.
  const STATUSES = ['compliant', 'non_compliant', 'not_applicable', 'suppressed'] as const;
  const STATUS_INDEX: Readonly<Record<ResultStatus, number>> = { compliant: 0, non_compliant: 1, not_applicable: 2, suppressed: 3 };
  const counts = new Float64Array(rules.length * STATUSES.length);
  const rulesByType = new Map<string, { rule: Rule; index: number }[]>();
  rules.forEach((rule, index) => {
    for (const type of rule.appliesTo) {
      const list = rulesByType.get(type);
      if (list === undefined) rulesByType.set(type, [{ rule, index }]);
      else list.push({ rule, index });
    }
  });
  const detail = input.detail ?? 'findings';
  const full = detail === 'full';
  let blockingFindings = 0;

  const results: ResultRow[] = [];
  for (const resource of inventory.resources) {
    const applicable = rulesByType.get(resource.type);
    if (applicable === undefined) continue;
    const ctx: RuleContext = { resource, inventory };
    for (const { rule, index } of applicable) {
      const outcome = safeEvaluate(rule, ctx);
      let status: ResultStatus = outcome.status;
      let exceptionId: string | undefined;
      if (status === 'non_compliant') {
        const exception = matcher.match(rule.id, resource.address);
        if (exception !== undefined) {
          status = 'suppressed';
          exceptionId = exception.id;
        } else if (BLOCKING.has(rule.severity)) {
          blockingFindings += 1;
        }
      }
      counts[index * STATUSES.length + STATUS_INDEX[status]]! += 1;
      if (full || status === 'non_compliant' || status === 'suppressed') {
        // Keys in sorted order, so the canonical form is the natural one.
        results.push(
          exceptionId === undefined
            ? { address: resource.address, controls: rule.controls, message: outcome.message, ruleId: rule.id, severity: rule.severity, status }
            : { address: resource.address, controls: rule.controls, exceptionId, message: outcome.message, ruleId: rule.id, severity: rule.severity, status },
        );
      }
    }
  }

  const byStatus = zeroCounts();
  const bySeverity: Record<Severity, StatusCounts> = { critical: zeroCounts(), high: zeroCounts(), medium: zeroCounts(), low: zeroCounts() };
  const summaries: RuleSummary[] = rules.map((rule, index) => {
    const ruleCounts = zeroCounts();
    STATUSES.forEach((status, s) => {
      const n = counts[index * STATUSES.length + s]!;
      ruleCounts[status] = n;
      byStatus[status] += n;
      bySeverity[rule.severity][status] += n;
    });
    return { counts: ruleCounts, ruleId: rule.id, severity: rule.severity, title: rule.title };
  });

  const body: Omit<PolicyReport, 'sha256'> = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    evaluatedAt: input.now.toISOString(),
    stacks: [...inventory.stacks],
    resourceCount: inventory.resources.length,
    ruleCount: rules.length,
    detail,
    resources: inventory.resources.map((r) => r.address),
    results,
    totals: { byStatus, bySeverity },
    rules: summaries,
    blocking: blockingFindings > 0,
    blockingFindings,
    exceptions: { applied: matcher.applied(), inactive: [...matcher.inactive], unused: matcher.unused() },
  };
  return { ...body, sha256: reportDigest(body) };
}

/**
 * The report's hash, recomputable by anyone holding the report: sha256 of its canonical JSON
 * (`lib/canonical-json.ts`) without the `sha256` field.
 */
export function reportDigest(report: Omit<PolicyReport, 'sha256'> | PolicyReport): string {
  const { sha256: _omit, results, ...rest } = report as PolicyReport;
  void _omit;
  // Same bytes as canonicalJson(body), built faster: with detail 'full' there is a row per
  // result, and a generic key sort over each of them costs more than the evaluation itself.
  // A test holds the two forms equal.
  const head = canonicalJson({ ...rest, results: [] });
  const marker = '"results":[]';
  const at = head.indexOf(marker);
  if (at < 0) return sha256Hex(canonicalJson({ ...rest, results }));
  const rows = new Array<string>(results.length);
  for (let i = 0; i < results.length; i++) rows[i] = rowJson(results[i]!);
  return sha256Hex(`${head.slice(0, at)}"results":[${rows.join(',')}]${head.slice(at + marker.length)}`);
}

const controlsJsonCache = new WeakMap<object, string>();

/** A row in canonical form: its keys are few and known, so they are written in sorted order directly. */
function rowJson(row: ResultRow): string {
  let controls = controlsJsonCache.get(row.controls);
  if (controls === undefined) {
    controls = canonicalJson(row.controls);
    controlsJsonCache.set(row.controls, controls);
  }
  const exception = row.exceptionId === undefined ? '' : `"exceptionId":${JSON.stringify(row.exceptionId)},`;
  return (
    `{"address":${JSON.stringify(row.address)},"controls":${controls},${exception}"message":${JSON.stringify(row.message)},` +
    `"ruleId":${JSON.stringify(row.ruleId)},"severity":${JSON.stringify(row.severity)},"status":${JSON.stringify(row.status)}}`
  );
}

/** Splits `<stack>/<type>.<name>` (provider blocks: `<stack>/provider.docker.<alias>`). */
export function parseAddress(address: string): { stack: string; type: string; name: string } | null {
  const slash = address.indexOf('/');
  if (slash <= 0) return null;
  const stack = address.slice(0, slash);
  const rest = address.slice(slash + 1);
  const dot = rest.startsWith('provider.') ? rest.indexOf('.', 'provider.'.length) : rest.indexOf('.');
  if (dot <= 0) return null;
  return { stack, type: rest.slice(0, dot), name: rest.slice(dot + 1) };
}
