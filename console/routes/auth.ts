import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { changePasswordInput, createTokenInput, disableMfaInput, loginInput, mfaCodeInput } from '../api/schemas.js';
import type { Actor } from '../context.js';
import { Forbidden, TooManyRequests, Unauthenticated } from '../errors.js';
import { requireActor, serviceContext, SESSION_COOKIE } from '../http/auth.js';
import { signIn } from '../http/sign-in.js';
import { readJson } from '../http/body.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { changePassword } from '../services/auth/change-password.js';
import { listSessions } from '../services/auth/list-sessions.js';
import { logout } from '../services/auth/login.js';
import { confirmMfaEnrolment } from '../services/auth/mfa-confirm-enrolment.js';
import { disableMfa } from '../services/auth/mfa-disable.js';
import { startMfaEnrolment } from '../services/auth/mfa-start-enrolment.js';
import { verifyMfa } from '../services/auth/mfa-verify.js';
import { revokeSession } from '../services/auth/revoke-session.js';
import type { SessionInfo } from '../services/auth/session.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/auth/tokens.js';
import { accountSecurity } from '../services/users/account-security.js';
import { getUser } from '../services/users/list.js';

/** The sign-in steps reach a session that has not passed the second factor yet. */
function sessionOf(c: Context<AppEnv>): SessionInfo {
  const session = c.get('session');
  if (!session) throw new Unauthenticated('sign in first, with a browser session');
  return session;
}

export function authRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const ctxFor = (actor: Actor) => ({ db: deps.db, clock: deps.clock, actor });

  app.post('/login', async (c) => {
    const result = await signIn(c, deps, await readJson(c, loginInput));
    return c.json({
      user: result.user,
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
      /** none | pending (send the code to /auth/mfa/verify) | enrol (set up the second factor first). */
      mfa: result.mfa,
      previousSignIn: { at: result.previous.lastSignInAt, failedAttemptsSince: result.previous.failedAttempts, lastFailedAt: result.previous.lastFailedAt },
    });
  });

  app.post('/logout', (c) => {
    const session = c.get('session');
    const token = c.get('token');
    if (session) logout({ ctx: ctxFor(session.actor), input: { sessionId: session.sessionId } });
    // Signing out with a bearer token ends that token: a 204 that left it working would lie.
    if (token) revokeApiToken({ ctx: ctxFor(token.actor), input: { id: token.tokenId } });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', (c) => {
    const session = c.get('session');
    if (session && !c.get('actor')) {
      // Half signed in: say what step is missing, and nothing else.
      return c.json({ via: 'session', mfa: session.mfaState, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    }
    const actor = requireActor(c);
    const ctx = serviceContext(c, deps);
    const user = getUser({ ctx, input: { id: actor.userId ?? '' } });
    const token = c.get('token');
    return c.json({
      user,
      via: actor.via,
      security: accountSecurity({ ctx, input: { session } }),
      ...(token ? { token: { id: token.tokenId, scopes: token.scopes, expiresAt: token.expiresAt } } : {}),
      ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt, mfa: session.mfaState } : {}),
    });
  });

  app.get('/tokens', (c) => c.json(listApiTokens({ ctx: serviceContext(c, deps) })));
  app.post('/tokens', async (c) => {
    const ctx = serviceContext(c, deps);
    const input = await readJson(c, createTokenInput);
    return c.json(createApiToken({ ctx, input, defaultTtlDays: deps.config.apiTokenTtlDays, maxTtlDays: deps.config.apiTokenMaxDays }), 201);
  });
  app.delete('/tokens/:id', (c) => c.json(revokeApiToken({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));

  app.get('/sessions', (c) => {
    const ctx = serviceContext(c, deps);
    return c.json(listSessions({ ctx, input: { currentSessionId: c.get('session')?.sessionId ?? null, idleMs: deps.config.sessionIdleMs } }));
  });
  app.delete('/sessions/:id', (c) => c.json(revokeSession({ ctx: serviceContext(c, deps), input: { id: c.req.param('id') } })));

  app.post('/password', async (c) => {
    const ctx = serviceContext(c, deps);
    if (ctx.actor.via !== 'session') throw new Forbidden('a password is changed from a signed-in session, not with an API token');
    const input = await readJson(c, changePasswordInput);
    return c.json(await changePassword({ ctx, input, currentSessionId: c.get('session')?.sessionId ?? null, scryptN: deps.config.scryptN }));
  });

  app.post('/mfa/enrol', async (c) => {
    const session = sessionOf(c);
    if (session.mfaState === 'pending') throw new Unauthenticated('give the second factor first (POST /api/v1/auth/mfa/verify)');
    return c.json(await startMfaEnrolment({ ctx: ctxFor(session.actor) }));
  });
  app.post('/mfa/enrol/confirm', async (c) => {
    const session = sessionOf(c);
    if (session.mfaState === 'pending') throw new Unauthenticated('give the second factor first (POST /api/v1/auth/mfa/verify)');
    const { code } = await readJson(c, mfaCodeInput);
    return c.json(confirmMfaEnrolment({ ctx: ctxFor(session.actor), input: { code, sessionId: session.sessionId } }));
  });
  app.post('/mfa/verify', async (c) => {
    const session = sessionOf(c);
    const { code } = await readJson(c, mfaCodeInput);
    const key = `second-factor\n${session.actor.userId}`;
    const wait = deps.limiters.account.retryAfter(key);
    if (wait > 0) throw new TooManyRequests(`too many wrong codes; try again in ${wait} s`, wait);
    deps.limiters.account.fail(key);
    try {
      const result = verifyMfa({ ctx: ctxFor(session.actor), input: { code, sessionId: session.sessionId } });
      deps.limiters.account.reset(key);
      return c.json(result);
    } catch (err) {
      if (err instanceof Unauthenticated) deps.security?.signInFailed('second_factor');
      throw err;
    }
  });
  app.post('/mfa/disable', async (c) => {
    const ctx = serviceContext(c, deps);
    if (ctx.actor.via !== 'session') throw new Forbidden('the second factor is turned off from a signed-in session');
    const input = await readJson(c, disableMfaInput);
    return c.json(await disableMfa({ ctx, input, requiredRoles: deps.config.mfaRequiredRoles }));
  });
  return app;
}
