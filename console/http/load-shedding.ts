/**
 * Overload is refused early instead of queued. Past capacity, Node keeps accepting requests and
 * each one waits behind all the others: latency grows without bound and every caller times out.
 * Here a request is answered at once with 503 (problem+json, Retry-After) when the event loop is
 * already further behind than a bound, or when too many requests are in flight; the work saved
 * lets the loop catch up, so the requests that are served keep a bounded latency.
 *
 * Signing in, health, readiness and metrics are never refused: they are what people and
 * monitoring need to see and act during an overload, and they are cheap or limited elsewhere.
 */
import type { MiddlewareHandler } from 'hono';
import { Overloaded } from '../errors.js';
import { problemResponse } from './problem.js';
import type { AppEnv } from './types.js';

export interface LoadSheddingOptions {
  /** Largest event-loop delay (ms) at which requests are still taken; 0 disables the check. */
  maxEventLoopDelayMs: number;
  /** Largest number of requests in flight at once; 0 disables the check. */
  maxInFlight: number;
  /** What Retry-After says. */
  retryAfterSeconds: number;
  /** How far behind the event loop is now, in ms, called once per request (see eventLoopBacklog); no delay check without it. */
  eventLoopDelayMs?: (() => number) | undefined;
}

const SAMPLE_MS = 10;
/** Requests handled since the loop last ran its timers before a delay counts as a backlog. */
const BACKLOG_REQUESTS = 4;

/**
 * The event loop's backlog delay, for a server: each call counts one request and answers how
 * far behind the loop is (ms) — how long since a timer due every SAMPLE_MS could last run —
 * once several requests have been handled since then. A loop busy with a backlog cannot get
 * back to its timers, so the delay grows with every request it handles; once the timer runs,
 * the loop has caught up and both start again from zero. One long request alone (a synthesis)
 * or the process being descheduled for a moment is not a backlog, and refuses nothing.
 *
 * Only a real server uses it: calls made in-process (`app.request()`) are not a backlog.
 */
export function eventLoopBacklog(): () => number {
  let lastTick = performance.now();
  let handled = 0;
  const sampler = setInterval(() => {
    lastTick = performance.now();
    handled = 0;
  }, SAMPLE_MS);
  sampler.unref();
  return () => {
    handled++;
    return handled < BACKLOG_REQUESTS ? 0 : Math.max(0, performance.now() - lastTick - SAMPLE_MS);
  };
}

/** Paths never refused (exact, or a prefix when ending with `/`). */
const ALWAYS_SERVED = ['/healthz', '/readyz', '/metrics', '/api/v1/auth/login', '/connexion', '/assets/'];

export function alwaysServed(path: string): boolean {
  for (const p of ALWAYS_SERVED) if (p.endsWith('/') ? path.startsWith(p) : path === p) return true;
  return false;
}

export function loadShedding(options: LoadSheddingOptions): MiddlewareHandler<AppEnv> {
  const delay = options.eventLoopDelayMs;
  let inFlight = 0;
  return async (c, next) => {
    if (alwaysServed(c.req.path)) return next();
    if (delay && options.maxEventLoopDelayMs > 0) {
      const behind = delay();
      if (behind > options.maxEventLoopDelayMs) {
        return problemResponse(
          c,
          new Overloaded(`the console is past its capacity (${Math.round(behind)} ms behind); retry in ${options.retryAfterSeconds} s`, options.retryAfterSeconds, 'event-loop-delay'),
        );
      }
    }
    if (options.maxInFlight > 0 && inFlight >= options.maxInFlight) {
      return problemResponse(c, new Overloaded(`the console is past its capacity (${inFlight} requests in flight); retry in ${options.retryAfterSeconds} s`, options.retryAfterSeconds, 'in-flight'));
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
}
