import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { createTokenInput, loginInput } from '../api/schemas.js';
import { requireActor, serviceContext, SESSION_COOKIE } from '../http/auth.js';
import { signIn } from '../http/sign-in.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { logout } from '../services/auth/login.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/tokens.js';
import { getUser } from '../services/users/list.js';

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const result = await signIn(c, deps, await readJson(c, loginInput));
    return c.json({ user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt });
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
