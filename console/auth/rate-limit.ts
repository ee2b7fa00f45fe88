/**
 * Login back-off, per account and per client address, kept in memory (one console process
 * serves the site). Failures inside a window count; past the allowance each further failure
 * doubles the wait, up to a ceiling. A success clears the account's record.
 */
import type { Clock } from '../clock.js';

export interface LimitPolicy {
  windowMs: number;
  allowance: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

interface Entry {
  failures: number;
  windowStart: number;
  blockedUntil: number;
}

const MAX_KEYS = 50_000;

export class BackoffLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: LimitPolicy,
  ) {}

  /** Seconds to wait before this key may try again, or 0. */
  retryAfter(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    const now = this.clock.now().getTime();
    return e.blockedUntil > now ? Math.ceil((e.blockedUntil - now) / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.clock.now().getTime();
    let e = this.entries.get(key);
    if (!e || now - e.windowStart > this.policy.windowMs) {
      e = { failures: 0, windowStart: now, blockedUntil: 0 };
    }
    e.failures += 1;
    const over = e.failures - this.policy.allowance;
    if (over > 0) e.blockedUntil = now + Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (over - 1));
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > MAX_KEYS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Takes back one failure counted ahead of an attempt that did not fail after all. */
  forgive(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.failures = Math.max(0, e.failures - 1);
    if (e.failures <= this.policy.allowance) e.blockedUntil = 0;
  }
}

export interface LoginLimiters {
  account: BackoffLimiter;
  address: BackoffLimiter;
}

export function loginLimiters(clock: Clock): LoginLimiters {
  return {
    account: new BackoffLimiter(clock, { windowMs: 15 * 60_000, allowance: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 }),
    address: new BackoffLimiter(clock, { windowMs: 15 * 60_000, allowance: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 }),
  };
}

/**
 * Writes per account: a token bucket holding `burst` writes, refilled at `perMinute`. One
 * account (a person, or a script with their token) cannot flood the console with drafts,
 * uploads or decisions; reads are never limited here.
 */
export class WriteLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  /** Takes one write from the account's bucket: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.clock.now().getTime();
    const perMs = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_KEYS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  }
}
