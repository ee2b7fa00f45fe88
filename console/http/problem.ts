/** RFC 9457 problem details. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Overloaded, PayloadTooLarge, ServiceError, TooManyRequests } from '../errors.js';

export const PROBLEM_BASE = 'https://dcops.asin.bj/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  [extension: string]: unknown;
}

export function problemOf(err: ServiceError, instance: string, requestId: string | undefined): Problem {
  return {
    ...err.extensions,
    type: PROBLEM_BASE + err.type,
    title: err.title,
    status: err.status,
    detail: err.message,
    instance,
    ...(requestId ? { requestId } : {}),
  };
}

export function problemResponse(c: Context, err: ServiceError): Response {
  const body = problemOf(err, new URL(c.req.url).pathname, c.get('requestId') as string | undefined);
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (err instanceof TooManyRequests || err instanceof Overloaded) headers['Retry-After'] = String(err.retryAfterSeconds);
  // The refused body may still be on its way: the connection cannot be reused for a next
  // request, so the answer says it closes rather than promising keep-alive and resetting.
  if (err instanceof PayloadTooLarge) headers.Connection = 'close';
  return c.body(JSON.stringify(body), err.status as ContentfulStatusCode, headers);
}

export function internalProblem(c: Context): Response {
  const body: Problem = {
    type: PROBLEM_BASE + 'internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'the console failed to handle this request; the request id lets operators find it in the logs',
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId') as string | undefined,
  };
  return c.body(JSON.stringify(body), 500, { 'Content-Type': PROBLEM_CONTENT_TYPE });
}
