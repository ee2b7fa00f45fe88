/**
 * Signing in, shared by the API and the sign-in page: the back-off per account and per address,
 * the credential check, and the session cookie — the same attributes whichever door was used.
 */
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { loginInput } from '../api/schemas.js';
import { TooManyRequests, Unauthenticated } from '../errors.js';
import { clientAddress } from './client-address.js';
import { login } from '../services/auth/login.js';
import { recordSecurityEvent } from '../services/security-events/record.js';
import { isSecureRequest, SESSION_COOKIE } from './auth.js';
import type { AppDeps } from './types.js';

export async function signIn(c: Context, deps: AppDeps, input: z.output<typeof loginInput>) {
  const address = clientAddress(c, deps.config.trustProxy);
  const wait = Math.max(deps.limiters.account.retryAfter(input.email), deps.limiters.address.retryAfter(address));
  if (wait > 0) {
    recordSecurityEvent(deps.db, { kind: 'sign_in_throttled', actor: input.email, address, target: 'sign-in', detail: { retryAfterSeconds: wait }, at: deps.clock.now().toISOString() });
    throw new TooManyRequests(`too many failed sign-ins; try again in ${wait} s`, wait);
  }
  // Counted as failed before the (slow) password check: guesses sent in parallel would otherwise
  // all pass the check above while the first ones are still being hashed.
  deps.limiters.account.fail(input.email);
  deps.limiters.address.fail(address);
  try {
    const result = await login({ ctx: { db: deps.db, clock: deps.clock }, input, sessionTtlMs: deps.config.sessionTtlMs });
    deps.limiters.account.reset(input.email);
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
      // Its own log, never the audit chain: failing to sign in must not grow it without limit.
      recordSecurityEvent(deps.db, { kind: 'sign_in_failed', actor: input.email, address, target: 'sign-in', at: deps.clock.now().toISOString() });
    } else {
      deps.limiters.account.forgive(input.email);
      deps.limiters.address.forgive(address);
    }
    throw err;
  }
}
