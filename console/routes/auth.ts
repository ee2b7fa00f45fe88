import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { coreOps } from '../api/operations/core.js';
import { createTokenInput, loginInput, pageQuery } from '../api/schemas.js';
import { requireActor, serviceContext, SESSION_COOKIE } from '../http/auth.js';
import { signIn } from '../http/sign-in.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { logout } from '../services/auth/login.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/tokens.js';
import { getUser } from '../services/users/list.js';

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const on = operationRoutes(app, '/auth');

  on(coreOps.login, async (c) => {
    const result = await signIn(c, deps, await readJson(c, loginInput));
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
  });

  on(coreOps.logout, (c) => {
    const session = c.get('session');
    const actor = c.get('actor');
    if (session && actor) logout({ ctx: { db: deps.db, clock: deps.clock, actor }, input: { sessionId: session.sessionId } });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  on(coreOps.me, (c) => {
    const actor = requireActor(c);
    const user = getUser({ ctx: serviceContext(c, deps), input: { id: actor.userId ?? '' } });
    const session = c.get('session');
    // Over HTTP a caller is identified by a session or a token, never as the CLI or the system.
    return { user, via: actor.via === 'session' ? ('session' as const) : ('token' as const), ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt } : {}) };
  });

  on(coreOps.listTokens, (c) => listApiTokens({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(coreOps.createToken, async (c) => {
    const ctx = serviceContext(c, deps);
    const input = await readJson(c, createTokenInput);
    return createApiToken({ ctx, input, defaultTtlDays: deps.config.apiTokenTtlDays });
  });
  on(coreOps.revokeToken, (c) => revokeApiToken({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));
  return app;
}
