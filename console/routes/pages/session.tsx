/**
 * Signing in and out from the browser, and the language switch. The session cookie is the
 * API's (same name, same attributes), so the pages and `/api/v1` share one sign-in.
 */
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginInput } from '../../api/schemas.js';
import { newSecret } from '../../auth/secrets.js';
import { TooManyRequests, Unauthenticated } from '../../errors.js';
import { isSecureRequest, SESSION_COOKIE } from '../../http/auth.js';
import type { AppEnv } from '../../http/types.js';
import { isLocale, LANG_COOKIE } from '../../i18n/index.js';
import { logout } from '../../services/auth/login.js';
import { LoginPage } from '../../views/login.js';
import { signIn } from '../../http/sign-in.js';
import { withQuery } from '../../views/components.js';
import { LOGIN_CSRF_COOKIE } from './refused-posts.js';
import { formErrors, formState, html, page, publicPage, readForm, redirect, safeLocalPath, sameSecret, validate, type Kit } from './kit.js';

/**
 * Before sign-in there is no session to hold a CSRF token, so the sign-in form uses a
 * double-submit cookie: a site that cannot read our cookies cannot sign a victim into its own
 * account.
 */

export function sessionPages(app: Hono<AppEnv>, kit: Kit): void {
  const { deps } = kit;

  const loginToken = (c: Parameters<typeof setCookie>[0]): string => {
    const existing = getCookie(c, LOGIN_CSRF_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
    const token = newSecret();
    setCookie(c, LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isSecureRequest(c, deps.config.trustProxy), path: '/connexion', maxAge: 3600 });
    return token;
  };

  app.get(
    '/connexion',
    publicPage(kit, ({ c, ui, session }) => {
      const retour = safeLocalPath(c.req.query('retour'));
      if (session) return redirect(c, retour);
      return html(c, <LoginPage ui={ui} form={formState({})} token={loginToken(c)} retour={retour} />);
    }),
  );

  app.post(
    '/connexion',
    publicPage(kit, async ({ c, ui, i18n }) => {
      const body = await readForm(c);
      const retour = safeLocalPath(body.get('retour'));
      const values = { email: body.get('email') ?? '' };
      const again = (errors: Record<string, string>, status: 401 | 403 | 422 | 429) =>
        html(c, <LoginPage ui={ui} form={formState(values, errors)} token={loginToken(c)} retour={retour} />, status);

      const cookieToken = getCookie(c, LOGIN_CSRF_COOKIE) ?? '';
      if (cookieToken === '' || !sameSecret(body.get('_csrf') ?? '', cookieToken)) return again({ '': i18n.t('login.expired') }, 403);

      const parsed = validate(loginInput, { email: values.email, password: body.get('password') ?? '' });
      if (!parsed.ok) return again(formErrors(parsed.errors, i18n), 422);
      try {
        const result = await signIn(c, deps, parsed.data);
        deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/connexion' });
        // The second step, when the account has one or its role needs one.
        if (result.mfa === 'pending') return redirect(c, withQuery('/connexion/verification', { retour }));
        if (result.mfa === 'enrol') return redirect(c, '/compte/double-authentification');
        return redirect(c, retour);
      } catch (err) {
        if (err instanceof Unauthenticated) return again({ '': i18n.t('login.failed') }, 401);
        if (err instanceof TooManyRequests) {
          c.header('Retry-After', String(err.retryAfterSeconds));
          return again({ '': i18n.t('login.tooMany', { seconds: err.retryAfterSeconds }) }, 429);
        }
        throw err;
      }
    }),
  );

  app.post(
    '/deconnexion',
    page(kit, { incomplete: ['pending', 'enrol'] }, ({ c, ctx, session }) => {
      logout({ ctx, input: { sessionId: session.sessionId } });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return redirect(c, '/connexion', 'logged-out');
    }),
  );

  // A plain link, so it works on the sign-in page too and without script; it changes only a preference.
  app.get('/langue', (c) => {
    const lang = c.req.query('lang');
    const retour = safeLocalPath(c.req.query('retour'));
    if (isLocale(lang)) {
      setCookie(c, LANG_COOKIE, lang, { sameSite: 'Lax', secure: isSecureRequest(c, deps.config.trustProxy), path: '/', maxAge: 365 * 86_400, httpOnly: true });
    }
    return c.redirect(retour, 303);
  });
}
