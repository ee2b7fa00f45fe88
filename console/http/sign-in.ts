/**
 * Signing in, shared by the API and the sign-in page: the back-off, the credential check, and
 * the session cookie — the same attributes whichever door was used.
 *
 * The back-off is keyed by account *and* address, plus a wider one per address: someone
 * guessing an account's password from one place is slowed down there, and only there. The
 * owner signing in from another address is never locked out by a stranger's failures; the
 * guesses still count on the account, and the owner is told of them at the next sign-in.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { loginInput } from '../api/schemas.js';
import { TooManyRequests, Unauthenticated } from '../errors.js';
import { clientAddress } from './client-address.js';
import { login } from '../services/auth/login.js';
import { verifyMfa } from '../services/auth/mfa-verify.js';
import type { SessionInfo } from '../services/auth/session.js';
import { recordSecurityEvent } from '../services/security-events/record.js';
import { isSecureRequest, SESSION_COOKIE } from './auth.js';
import type { AppDeps } from './types.js';

export function accountAddressKey(email: string, address: string): string {
  return `${email}\n${address}`;
}

export async function signIn(c: Context, deps: AppDeps, input: z.output<typeof loginInput>) {
  const address = clientAddress(c, deps.config.trustProxy);
  const key = accountAddressKey(input.email, address);
  const byAccount = deps.limiters.account.retryAfter(key);
  const byAddress = deps.limiters.address.retryAfter(address);
  const wait = Math.max(byAccount, byAddress);
  if (wait > 0) {
    deps.security?.signInThrottled(byAccount >= byAddress ? 'account_address' : 'address');
    recordSecurityEvent(deps.db, { kind: 'sign_in_throttled', actor: input.email, address, target: 'sign-in', detail: { retryAfterSeconds: wait }, at: deps.clock.now().toISOString() });
    throw new TooManyRequests(`too many failed sign-ins; try again in ${wait} s`, wait);
  }
  // Counted as failed before the (slow) password check: guesses sent in parallel would otherwise
  // all pass the check above while the first ones are still being hashed.
  deps.limiters.account.fail(key);
  deps.limiters.address.fail(address);
  try {
    const result = await login({
      ctx: { db: deps.db, clock: deps.clock },
      input,
      sessionTtlMs: deps.config.sessionTtlMs,
      mfaRequiredRoles: deps.config.mfaRequiredRoles,
      userAgent: c.req.header('user-agent'),
      address,
    });
    deps.limiters.account.reset(key);
    deps.limiters.address.forgive(address);
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c, deps.config.trustProxy),
      path: '/',
      maxAge: Math.floor(deps.config.sessionTtlMs / 1000),
    });
    return result;
  } catch (err) {
    if (err instanceof Unauthenticated) {
      deps.security?.signInFailed('credentials');
      // Its own log, never the audit chain: failing to sign in must not grow it without limit.
      recordSecurityEvent(deps.db, { kind: 'sign_in_failed', actor: input.email, address, target: 'sign-in', at: deps.clock.now().toISOString() });
    } else {
      deps.limiters.account.forgive(key);
      deps.limiters.address.forgive(address);
    }
    throw err;
  }
}

/**
 * The second step of signing in, shared by the API and the code page: a back-off per account
 * on wrong codes, and every refusal — wrong, replayed or throttled — in the security-event log.
 */
export function verifySecondFactor(c: Context, deps: AppDeps, session: SessionInfo, code: string) {
  const address = clientAddress(c, deps.config.trustProxy);
  const key = `second-factor\n${session.actor.userId}`;
  const wait = deps.limiters.account.retryAfter(key);
  if (wait > 0) {
    recordSecurityEvent(deps.db, { kind: 'sign_in_throttled', actor: session.actor.email, address, target: 'second-factor', detail: { retryAfterSeconds: wait }, at: deps.clock.now().toISOString() });
    throw new TooManyRequests(`too many wrong codes; try again in ${wait} s`, wait);
  }
  deps.limiters.account.fail(key);
  try {
    const result = verifyMfa({ ctx: { db: deps.db, clock: deps.clock, actor: session.actor }, input: { code, sessionId: session.sessionId, address } });
    deps.limiters.account.reset(key);
    return result;
  } catch (err) {
    if (err instanceof Unauthenticated) deps.security?.signInFailed('second_factor');
    throw err;
  }
}
