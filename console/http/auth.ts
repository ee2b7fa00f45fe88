/**
 * Who is calling: a session cookie (browsers) or a bearer token (scripts). Cookie-authenticated
 * writes must also carry the session's CSRF token; bearer calls cannot be forged by a browser.
 * A session waiting for its second factor identifies nobody yet: only the sign-in steps (and
 * sign-out) are open to it. A token with scopes may only read, write or scrape as they say.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Actor, ServiceContext } from '../context.js';
import { Forbidden, TooManyRequests, Unauthenticated } from '../errors.js';
import { resolveApiTokenInfo, resolveSession, type SessionInfo, type TokenInfo } from '../services/auth/session.js';
import type { AppDeps, AppEnv } from './types.js';

export const SESSION_COOKIE = 'dcops_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the session has passed every step of sign-in (password, and the second factor when needed). */
export function sessionComplete(session: SessionInfo): boolean {
  return session.mfaState === 'none' || session.mfaState === 'verified';
}

/** A token's scopes against the method: no scopes means its owner's rights. */
export function tokenAllows(token: TokenInfo, method: string): boolean {
  if (token.scopes === null) return true;
  return token.scopes.includes(SAFE_METHODS.has(method) ? 'read' : 'write');
}

/** Takes one write from the account's allowance; refuses with 429 and Retry-After past it. */
export function limitWrite(deps: AppDeps, actor: Actor): void {
  if (!deps.writeLimiter || actor.userId === null) return;
  const wait = deps.writeLimiter.take(actor.userId);
  if (wait > 0) {
    deps.security?.writeThrottled();
    throw new TooManyRequests(`too many writes from this account; try again in ${wait} s`, wait);
  }
}

export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('session', null);
    c.set('token', null);
    const now = deps.clock.now();
    const header = c.req.header('authorization');
    const write = !SAFE_METHODS.has(c.req.method);
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_\-.]{10,200})$/.exec(header);
      const token = match ? resolveApiTokenInfo(deps.db, match[1]!, now) : null;
      // A presented but unusable token is refused outright rather than treated as anonymous.
      if (!token) throw new Unauthenticated('the bearer token is invalid, expired or revoked');
      if (!tokenAllows(token, c.req.method)) {
        throw new Forbidden(`this token's scopes (${token.scopes!.join(', ') || 'none'}) do not allow ${write ? 'writes' : 'reads'}`);
      }
      c.set('actor', token.actor);
      c.set('token', token);
      if (write) limitWrite(deps, token.actor);
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? resolveSession(deps.db, cookie, now, { idleMs: deps.config.sessionIdleMs }) : null;
      if (session) {
        c.set('session', session);
        if (sessionComplete(session)) c.set('actor', session.actor);
        if (write) {
          const presented = c.req.header(CSRF_HEADER) ?? '';
          if (!sameSecret(presented, session.csrfToken)) {
            throw new Forbidden('missing or wrong CSRF token: send the X-CSRF-Token header given at login');
          }
          if (sessionComplete(session)) limitWrite(deps, session.actor);
        }
      }
    }
    await next();
  };
}

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) {
    const session = c.get('session');
    if (session && !sessionComplete(session)) {
      throw new Unauthenticated(session.mfaState === 'enrol' ? 'set up the second factor first (POST /api/v1/auth/mfa/enrol)' : 'give the second factor first (POST /api/v1/auth/mfa/verify)');
    }
    throw new Unauthenticated('sign in first (session cookie or bearer token)');
  }
  return actor;
}

export function serviceContext(c: Context<AppEnv>, deps: AppDeps): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: requireActor(c), dataDir: deps.config.dataDir, ...(deps.events ? { events: deps.events } : {}) };
}

export function isSecureRequest(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}
