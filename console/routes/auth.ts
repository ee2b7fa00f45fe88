import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { changePasswordInput, createTokenInput, disableMfaInput, loginInput, mfaCodeInput, pageQuery } from '../api/schemas.js';
import type { Actor } from '../context.js';
import { Forbidden, Unauthenticated } from '../errors.js';
import { requireActor, serviceContext, SESSION_COOKIE } from '../http/auth.js';
import { signIn, verifySecondFactor } from '../http/sign-in.js';
import { readJson, readQuery } from '../http/body.js';
import { operationRoutes, param } from '../http/operation.js';
import { coreOps } from '../api/operations/core.js';
import { securityOps } from '../api/security-operations.js';
import type { AppDeps, AppEnv } from '../http/types.js';
import { changePassword } from '../services/auth/change-password.js';
import { listSessions } from '../services/auth/list-sessions.js';
import { logout } from '../services/auth/login.js';
import { confirmMfaEnrolment } from '../services/auth/mfa-confirm-enrolment.js';
import { disableMfa } from '../services/auth/mfa-disable.js';
import { startMfaEnrolment } from '../services/auth/mfa-start-enrolment.js';
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
  const on = operationRoutes(app, '/auth');

  on(coreOps.login, async (c) => {
    const result = await signIn(c, deps, await readJson(c, loginInput));
    return {
      user: result.user,
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
      /** none | pending (send the code to /auth/mfa/verify) | enrol (set up the second factor first). */
      mfa: result.mfa,
      previousSignIn: { at: result.previous.lastSignInAt, failedAttemptsSince: result.previous.failedAttempts, lastFailedAt: result.previous.lastFailedAt },
    };
  });

  on(coreOps.logout, (c) => {
    const session = c.get('session');
    const token = c.get('token');
    if (session) logout({ ctx: ctxFor(session.actor), input: { sessionId: session.sessionId } });
    // Signing out with a bearer token ends that token: a 204 that left it working would lie.
    if (token) revokeApiToken({ ctx: ctxFor(token.actor), input: { id: token.tokenId } });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  on(coreOps.me, (c) => {
    const session = c.get('session');
    if (session && !c.get('actor')) {
      // Half signed in: say what step is missing, and nothing else.
      return { via: 'session' as const, mfa: session.mfaState, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    }
    const actor = requireActor(c);
    const ctx = serviceContext(c, deps);
    const user = getUser({ ctx, input: { id: actor.userId ?? '' } });
    const token = c.get('token');
    return {
      user,
      // Over HTTP a caller is identified by a session or a token, never as the CLI or the system.
      via: actor.via === 'session' ? ('session' as const) : ('token' as const),
      security: accountSecurity({ ctx, input: { session } }),
      ...(token ? { token: { id: token.tokenId, scopes: token.scopes, expiresAt: token.expiresAt } } : {}),
      ...(session ? { csrfToken: session.csrfToken, expiresAt: session.expiresAt, mfa: session.mfaState } : {}),
    };
  });

  on(coreOps.listTokens, (c) => listApiTokens({ ctx: serviceContext(c, deps), input: readQuery(c, pageQuery) }));
  on(coreOps.createToken, async (c) => {
    const ctx = serviceContext(c, deps);
    const input = await readJson(c, createTokenInput);
    return createApiToken({ ctx, input, defaultTtlDays: deps.config.apiTokenTtlDays, maxTtlDays: deps.config.apiTokenMaxDays });
  });
  on(coreOps.revokeToken, (c) => revokeApiToken({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));

  on(securityOps.listSessions, (c) => {
    const ctx = serviceContext(c, deps);
    return listSessions({ ctx, input: { currentSessionId: c.get('session')?.sessionId ?? null, idleMs: deps.config.sessionIdleMs }, page: readQuery(c, pageQuery) });
  });
  on(securityOps.revokeSession, (c) => revokeSession({ ctx: serviceContext(c, deps), input: { id: param(c, 'id') } }));

  on(securityOps.changePassword, async (c) => {
    const ctx = serviceContext(c, deps);
    if (ctx.actor.via !== 'session') throw new Forbidden('a password is changed from a signed-in session, not with an API token');
    const input = await readJson(c, changePasswordInput);
    return changePassword({ ctx, input, currentSessionId: c.get('session')?.sessionId ?? null, scryptN: deps.config.scryptN });
  });

  on(securityOps.startMfa, async (c) => {
    const session = sessionOf(c);
    if (session.mfaState === 'pending') throw new Unauthenticated('give the second factor first (POST /api/v1/auth/mfa/verify)');
    return startMfaEnrolment({ ctx: ctxFor(session.actor) });
  });
  on(securityOps.confirmMfa, async (c) => {
    const session = sessionOf(c);
    if (session.mfaState === 'pending') throw new Unauthenticated('give the second factor first (POST /api/v1/auth/mfa/verify)');
    const { code } = await readJson(c, mfaCodeInput);
    return confirmMfaEnrolment({ ctx: ctxFor(session.actor), input: { code, sessionId: session.sessionId } });
  });
  on(securityOps.verifyMfa, async (c) => {
    const session = sessionOf(c);
    const { code } = await readJson(c, mfaCodeInput);
    return verifySecondFactor(c, deps, session, code);
  });
  on(securityOps.disableMfa, async (c) => {
    const ctx = serviceContext(c, deps);
    if (ctx.actor.via !== 'session') throw new Forbidden('the second factor is turned off from a signed-in session');
    const input = await readJson(c, disableMfaInput);
    return disableMfa({ ctx, input, requiredRoles: deps.config.mfaRequiredRoles });
  });
  return app;
}
