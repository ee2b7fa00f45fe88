/**
 * Who is calling: a session cookie (browsers) or a bearer token (scripts). Cookie-authenticated
 * writes must also carry the session's CSRF token; bearer calls cannot be forged by a browser.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Actor, ServiceContext } from '../context.js';
import { Forbidden, Unauthenticated } from '../errors.js';
import { resolveApiToken, resolveSession } from '../services/auth/session.js';
import type { AppDeps, AppEnv } from './types.js';

export const SESSION_COOKIE = 'dcops_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('session', null);
    const now = deps.clock.now();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer ([A-Za-z0-9_\-.]{10,200})$/.exec(header);
      const actor = match ? resolveApiToken(deps.db, match[1]!, now) : null;
      // A presented but unusable token is refused outright rather than treated as anonymous.
      if (!actor) throw new Unauthenticated('the bearer token is invalid, expired or revoked');
      c.set('actor', actor);
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      const session = cookie ? resolveSession(deps.db, cookie, now) : null;
      if (session) {
        c.set('actor', session.actor);
        c.set('session', session);
        if (!SAFE_METHODS.has(c.req.method)) {
          const presented = c.req.header(CSRF_HEADER) ?? '';
          if (!sameSecret(presented, session.csrfToken)) {
            throw new Forbidden('missing or wrong CSRF token: send the X-CSRF-Token header given at login');
          }
        }
      }
    }
    await next();
  };
}

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Unauthenticated('sign in first (session cookie or bearer token)');
  return actor;
}

export function serviceContext(c: Context<AppEnv>, deps: AppDeps): ServiceContext {
  return { db: deps.db, clock: deps.clock, actor: requireActor(c), dataDir: deps.config.dataDir, ...(deps.events ? { events: deps.events } : {}) };
}

export function isSecureRequest(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}
