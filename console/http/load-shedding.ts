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
  /** How far behind the event loop is now, in ms (the process-wide sampler by default). */
  eventLoopDelayMs?: () => number;
}

const SAMPLE_MS = 10;
let lastTick = 0;
let sampler: NodeJS.Timeout | undefined;

/**
 * How far behind the event loop is now, in ms: a timer is due every SAMPLE_MS, and while the
 * loop is busy it cannot run, so the time since it last ran (less its period) grows with every
 * request handled before the loop gets back to its timers. Once the timer runs, the loop has
 * caught up, and the delay starts again from zero: a past stall does not refuse anything.
 */
export function eventLoopDelayMs(): number {
  if (!sampler) {
    lastTick = performance.now();
    sampler = setInterval(() => {
      lastTick = performance.now();
    }, SAMPLE_MS);
    sampler.unref();
  }
  return Math.max(0, performance.now() - lastTick - SAMPLE_MS);
}

/** Paths never refused (exact, or a prefix when ending with `/`). */
const ALWAYS_SERVED = ['/healthz', '/readyz', '/metrics', '/api/v1/auth/login', '/connexion', '/assets/'];

export function alwaysServed(path: string): boolean {
  for (const p of ALWAYS_SERVED) if (p.endsWith('/') ? path.startsWith(p) : path === p) return true;
  return false;
}

export function loadShedding(options: LoadSheddingOptions): MiddlewareHandler<AppEnv> {
  const delay = options.eventLoopDelayMs ?? eventLoopDelayMs;
  let inFlight = 0;
  return async (c, next) => {
    if (alwaysServed(c.req.path)) return next();
    if (options.maxEventLoopDelayMs > 0) {
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
