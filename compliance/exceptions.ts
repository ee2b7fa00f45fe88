/**
 * Exceptions (suppressions): a written, approved and time-limited decision to accept one
 * rule's finding on some resources. Two people are involved (the requester cannot approve
 * their own exception) and every exception expires, so an accepted risk is looked at again.
 */
import { z } from 'zod';

import { ruleIdSchema } from './rules/core/model.js';

/** Longest life of an exception: a yearly review at least, in line with the ISO 27001 audit cycle. */
export const MAX_EXCEPTION_DAYS = 366;
const DAY_MS = 86_400_000;

export const resultStatusSchema = z.enum(['compliant', 'non_compliant', 'not_applicable', 'suppressed']);
export type ResultStatus = z.infer<typeof resultStatusSchema>;

/**
 * An exact address (`ministry-mef/docker_container.web_0`) or a glob where `*` stands for any
 * run of characters (`ministry-mef/docker_container.web_*`). A pattern made only of wildcards
 * and separators would silence a rule everywhere; that is a change of policy, not an exception.
 */
export const resourcePatternSchema = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .regex(/^[^\s]+\/[^\s]+$/, 'resource must look like <stack>/<type>.<name>, with * as wildcard')
  .refine((p) => p.replace(/[*/.]/g, '').length >= 3, { message: 'resource pattern is too broad: name a stack, a type or a resource' });

const isoDateTime = z.iso.datetime({ offset: true });
const person = z.string().trim().min(1).max(200);

function samePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

const exceptionFields = {
  ruleId: ruleIdSchema,
  resource: resourcePatternSchema,
  /** Why the finding is accepted, and what mitigates it. */
  reason: z.string().trim().min(10, 'reason must be at least 10 characters').max(2000),
  requestedBy: person,
  approvedBy: person,
  expiresAt: isoDateTime,
};

/** An exception as stored and exchanged. */
export const policyExceptionSchema = z
  .object({
    id: z.string().trim().min(1).max(64),
    ...exceptionFields,
    createdAt: isoDateTime,
  })
  .strict()
  .refine((e) => !samePerson(e.requestedBy, e.approvedBy), {
    message: 'an exception must be approved by someone other than its requester',
    path: ['approvedBy'],
  })
  .refine((e) => Date.parse(e.expiresAt) > Date.parse(e.createdAt), {
    message: 'expiresAt must be after createdAt',
    path: ['expiresAt'],
  })
  .refine((e) => Date.parse(e.expiresAt) - Date.parse(e.createdAt) <= MAX_EXCEPTION_DAYS * DAY_MS, {
    message: `an exception may last at most ${MAX_EXCEPTION_DAYS} days`,
    path: ['expiresAt'],
  });
export type PolicyException = z.infer<typeof policyExceptionSchema>;

/** What a requester submits; id and creation time come from the caller. */
export const policyExceptionRequestSchema = z.object(exceptionFields).strict();
export type PolicyExceptionRequest = z.infer<typeof policyExceptionRequestSchema>;

/**
 * Builds a new exception at `now`. Throws a ZodError when the request is invalid, including
 * an expiry that is not in the future.
 */
export function createPolicyException(request: unknown, options: { id: string; now: Date }): PolicyException {
  const parsed = policyExceptionRequestSchema
    .refine((r) => Date.parse(r.expiresAt) > options.now.getTime(), {
      message: 'expiresAt must be in the future',
      path: ['expiresAt'],
    })
    .parse(request);
  return policyExceptionSchema.parse({ ...parsed, id: options.id, createdAt: options.now.toISOString() });
}

/** Live at `now`: created, and not yet expired (the expiry instant itself is already out). */
export function isExceptionLive(exception: Pick<PolicyException, 'createdAt' | 'expiresAt'>, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(exception.createdAt) <= t && t < Date.parse(exception.expiresAt);
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

export function addressMatches(pattern: string, address: string): boolean {
  return pattern.includes('*') ? globToRegExp(pattern).test(address) : pattern === address;
}

export interface ExceptionMatcher {
  /** The live exception covering this rule on this address, if any. */
  match(ruleId: string, address: string): PolicyException | undefined;
  /** Ids, sorted, of the exceptions given that were expired (or not yet valid) at `now`. */
  readonly inactive: readonly string[];
  /** Ids, sorted, of the live exceptions that have matched so far. */
  applied(): string[];
  /** Ids, sorted, of the live exceptions that have matched nothing so far. */
  unused(): string[];
}

interface CompiledException {
  readonly exception: PolicyException;
  readonly test: (address: string) => boolean;
}

/**
 * Prepares exceptions for many lookups: parsed once, grouped by rule, patterns compiled.
 * When several live exceptions cover one finding, the one that lasts longest is reported
 * (then the smallest id), so the answer does not depend on the order they were given in.
 */
export function compileExceptions(exceptions: readonly unknown[], now: Date): ExceptionMatcher {
  const byRule = new Map<string, CompiledException[]>();
  const inactive: string[] = [];
  const live: string[] = [];
  const used = new Set<string>();
  for (const raw of exceptions) {
    const exception = policyExceptionSchema.parse(raw);
    if (!isExceptionLive(exception, now)) {
      inactive.push(exception.id);
      continue;
    }
    live.push(exception.id);
    const pattern = exception.resource;
    const regex = pattern.includes('*') ? globToRegExp(pattern) : null;
    const compiled: CompiledException = {
      exception,
      test: regex === null ? (address) => address === pattern : (address) => regex.test(address),
    };
    const list = byRule.get(exception.ruleId);
    if (list === undefined) byRule.set(exception.ruleId, [compiled]);
    else list.push(compiled);
  }
  for (const list of byRule.values()) {
    list.sort((a, b) => {
      const ea = Date.parse(a.exception.expiresAt);
      const eb = Date.parse(b.exception.expiresAt);
      if (ea !== eb) return eb - ea;
      return a.exception.id < b.exception.id ? -1 : a.exception.id > b.exception.id ? 1 : 0;
    });
  }
  inactive.sort();
  live.sort();
  return {
    match(ruleId, address) {
      const list = byRule.get(ruleId);
      if (list === undefined) return undefined;
      for (const c of list) {
        if (c.test(address)) {
          used.add(c.exception.id);
          return c.exception;
        }
      }
      return undefined;
    },
    inactive,
    applied: () => live.filter((id) => used.has(id)),
    unused: () => live.filter((id) => !used.has(id)),
  };
}

export interface SuppressibleResult {
  readonly ruleId: string;
  readonly address: string;
  readonly status: ResultStatus;
  readonly exceptionId?: string;
}

/**
 * Marks the non-compliant results covered by a live exception as `suppressed`, with the
 * exception id. Compliant and not-applicable results are left alone: an exception accepts a
 * finding, it does not certify anything.
 */
export function applyExceptions<T extends SuppressibleResult>(
  results: readonly T[],
  exceptions: readonly unknown[],
  now: Date,
): { results: T[]; applied: string[]; inactive: string[]; unused: string[] } {
  const matcher = compileExceptions(exceptions, now);
  const out = results.map((result) => {
    if (result.status !== 'non_compliant') return result;
    const exception = matcher.match(result.ruleId, result.address);
    return exception === undefined ? result : { ...result, status: 'suppressed' as const, exceptionId: exception.id };
  });
  return { results: out, applied: matcher.applied(), inactive: [...matcher.inactive], unused: matcher.unused() };
}
