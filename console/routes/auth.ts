import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createTokenInput, loginInput } from '../api/schemas.js';
import { TooManyRequests, Unauthenticated } from '../errors.js';
import { isSecureRequest, requireActor, serviceContext, SESSION_COOKIE } from '../http/auth.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { login, logout } from '../services/auth/login.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/tokens.js';
import { getUser } from '../services/users/list.js';

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (tests) have no socket.
    return 'unknown';
  }
}

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const input = await readJson(c, loginInput);
    const address = clientAddress(c, deps.config.trustProxy);
    const wait = Math.max(deps.limiters.account.retryAfter(input.email), deps.limiters.address.retryAfter(address));
    if (wait > 0) throw new TooManyRequests(`too many failed sign-ins; try again in ${wait} s`, wait);
    try {
      const result = await login({ ctx: { db: deps.db, clock: deps.clock }, input, sessionTtlMs: deps.config.sessionTtlMs });
      deps.limiters.account.reset(input.email);
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isSecureRequest(c, deps.config.trustProxy),
        path: '/',
        maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
      });
      return c.json({ user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt });
    } catch (err) {
      if (err instanceof Unauthenticated) {
        deps.limiters.account.fail(input.email);
        deps.limiters.address.fail(address);
      }
      throw err;
    }
  });

  app.post('/logout', (c) => {
    const session = c.get('session');
    const actor = c.get('actor');
    if (session && actor) logout({ ctx: { db: deps.db, clock: deps.clock, actor }, input: { sessionId: session.sessionId } });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', (c) => {
    const actor = requireActor(c);
    const user = getUser({ ctx: serviceContext(c, deps), input: { id: actor.userId ?? '' } });
    const session = c.get('session');
    return c.json({ user, via: actor.via, ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt } : {}) });
  });

  app.get('/tokens', (c) => c.json(listApiTokens({ ctx: serviceContext(c, deps) })));
  app.post('/tokens', async (c) => {
    const ctx = serviceContext(c, deps);
    const input = await readJson(c, createTokenInput);
    return c.json(createApiToken({ ctx, input, defaultTtlDays: deps.config.apiTokenTtlDays }), 201);
  });
  app.delete('/tokens/:id', (c) => c.json(revokeApiToken({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));
  return app;
}
