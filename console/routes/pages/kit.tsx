/**
 * What every page handler shares: who is signed in (the session cookie, never a bearer token),
 * the language, the CSRF check of every form post, and the translation of a verb's refusal
 * into a page. Pages are their own world: the API's JSON problem handler never answers them.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Handler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { textFieldErrors } from '../../api/clean-text.js';
import { zodFieldErrors } from '../../api/validation.js';
import type { Actor, ServiceContext } from '../../context.js';
import { InvalidInput, MalformedRequest, PayloadTooLarge, ServiceError, TooManyRequests, Unauthenticated, UnsupportedMediaType, type FieldError } from '../../errors.js';
import { limitWrite, sessionComplete, SESSION_COOKIE } from '../../http/auth.js';
import { noteRefusal, noteSecurityEvent } from '../../http/security-log.js';
import type { AppDeps, AppEnv } from '../../http/types.js';
import { fr } from '../../i18n/fr.js';
import { i18n as i18nFor, LANG_COOKIE, negotiateLocale, type I18n, type MessageKey } from '../../i18n/index.js';
import { translateFieldError } from '../../i18n/errors.js';
import { resolveSession, type SessionInfo } from '../../services/auth/session.js';
import { withQuery } from '../../views/components.js';
import { ErrorPage, type ErrorInfo, type Shortfall } from '../../views/errors.js';
import type { FormState, Ui } from '../../views/ui.js';
import { isNavigation, loginOwner, redirectRefusal, withoutFlash, type RefusedPosts } from './refused-posts.js';
import type { Assets } from './static.js';

export type Role = Actor['role'];

/** Forms are small; files go through the evidence upload, which streams under its own limit. */
const FORM_LIMIT_BYTES = 256 * 1024;

export interface Kit {
  deps: AppDeps;
  assets: Pick<Assets, 'css' | 'js' | 'icon'>;
  /** Refused form posts kept for the redirect after them (post/redirect/get). */
  refusals: RefusedPosts;
}

export interface PublicCall {
  c: Context<AppEnv>;
  ui: Ui;
  i18n: I18n;
  session: SessionInfo | null;
}

export interface PageCall extends PublicCall {
  actor: Actor;
  session: SessionInfo;
  ctx: ServiceContext;
  /** The posted fields (urlencoded forms); empty for GET. */
  form: Record<string, string>;
  /** A route parameter; the route's pattern guarantees it is there. */
  param(name: string): string;
  /** Every value posted under one name (checkbox groups). */
  formAll(name: string): string[];
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A path on this site, never an absolute URL: where a form may send the user back to. */
export function safeLocalPath(value: string | undefined | null, fallback = '/'): string {
  if (!value || value.length > 1000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\\]/.test(value)) return fallback;
  return value;
}

export function currentPath(c: Context): string {
  const url = new URL(c.req.url);
  const params = new URLSearchParams(url.search);
  // A notice belongs to the redirect that carried it, not to the page's address.
  params.delete('ok');
  const q = params.toString();
  return url.pathname + (q ? `?${q}` : '');
}

export function localeOf(c: Context): I18n {
  return i18nFor(negotiateLocale(getCookie(c, LANG_COOKIE), c.req.header('accept-language')));
}

function noticeOf(c: Context): MessageKey | null {
  const ok = c.req.query('ok');
  if (!ok || !/^[a-z-]{1,40}$/.test(ok)) return null;
  const key = `notice.${ok}`;
  return Object.hasOwn(fr, key) ? (key as MessageKey) : null;
}

/** The session, even one still waiting for its second factor (idle or expired ones are none). */
export function readAnySession(c: Context, deps: AppDeps): SessionInfo | null {
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? resolveSession(deps.db, cookie, deps.clock.now(), { idleMs: deps.config.sessionIdleMs }) : null;
}

/** The session of someone fully signed in (password, and the second factor when needed). */
export function readSession(c: Context, deps: AppDeps): SessionInfo | null {
  const session = readAnySession(c, deps);
  return session && sessionComplete(session) ? session : null;
}

/** Where a half-signed-in session goes next: the code, or the enrolment its role requires. */
export function secondFactorStep(session: SessionInfo): string {
  return session.mfaState === 'pending' ? '/connexion/verification' : '/compte/double-authentification';
}

function baseHeaders(c: Context, locale: string): void {
  c.header('Content-Language', locale);
  c.header('Vary', 'Accept-Language, Cookie');
  // Pages show people's records: no browser or proxy keeps them, so Back after sign-out shows nothing.
  c.header('Cache-Control', 'no-store');
}

async function readLimitedText(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new PayloadTooLarge(`the form is larger than ${limit} bytes`);
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLarge(`the form is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readForm(c: Context): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new UnsupportedMediaType('send the form as application/x-www-form-urlencoded');
  return new URLSearchParams(await readLimitedText(c, FORM_LIMIT_BYTES));
}

/** A whole page: the doctype keeps browsers out of quirks mode, which JSX cannot express. */
export async function html(c: Context, page: HtmlEscapedString | Promise<HtmlEscapedString>, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(`<!doctype html>${(await page).toString()}`, status);
}

/** Post/Redirect/Get: a write answers with a redirect, and the page after it says what happened. */
export function redirect(c: Context, path: string, notice?: string): Response {
  if (!notice) return c.redirect(path, 303);
  const sep = path.includes('?') ? '&' : '?';
  return c.redirect(`${path}${sep}ok=${notice}`, 303);
}

export function fieldErrorsOf(err: ServiceError): FieldError[] {
  if (err instanceof InvalidInput) return err.errors;
  const list = err.extensions['errors'];
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string' && typeof (e as FieldError).message === 'string');
}

/**
 * The field errors of a refusal, in the user's language, keyed by the form's field names.
 * `rename` maps a verb's field path to the form's name for it, when they differ.
 */
export function formErrors(errors: FieldError[], i18n: I18n, rename: (field: string) => string = (f) => f): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    const key = rename(e.field);
    const message = translateFieldError(e, i18n);
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  }
  return out;
}

/** Whether a refusal is about the fields of a form (shown in the form) rather than the situation. */
export function isFieldRefusal(err: unknown): err is ServiceError {
  return err instanceof ServiceError && (err instanceof InvalidInput || (err.status === 409 && fieldErrorsOf(err).length > 0));
}

export function refusalErrors(err: ServiceError, i18n: I18n, rename?: (field: string) => string): Record<string, string> {
  return formErrors(fieldErrorsOf(err), i18n, rename);
}

/** Validates with the same schema as the API; the refusal carries the same field paths. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldError[] } {
  const textErrors = textFieldErrors(data);
  if (textErrors.length > 0) return { ok: false, errors: textErrors };
  const r = schema.safeParse(data);
  return r.success ? { ok: true, data: r.data } : { ok: false, errors: zodFieldErrors(r.error) };
}

export function formState(values: Record<string, string>, errors: Record<string, string> = {}): FormState {
  return { values, errors };
}

export function errorInfo(err: unknown, back?: string): ErrorInfo {
  if (err instanceof ServiceError) {
    const shortfall = err.extensions['shortfall'];
    return {
      status: err.status,
      type: err.type,
      detail: err.message,
      ...(Array.isArray(shortfall) ? { shortfall: shortfall as Shortfall[] } : {}),
      ...(back ? { back } : {}),
    };
  }
  return { status: 500, type: 'internal', detail: null, ...(back ? { back } : {}) };
}

export function errorResponse(c: Context<AppEnv>, kit: Kit, ui: Ui, err: unknown, back?: string): Response | Promise<Response> {
  if (err instanceof Unauthenticated) return redirect(c, withQuery('/connexion', { retour: c.req.method === 'GET' ? ui.path : undefined }));
  if (!(err instanceof ServiceError)) {
    kit.deps.logger.error({ requestId: c.get('requestId'), err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'page failed');
  }
  const info = errorInfo(err, back);
  if (err instanceof ServiceError && err.status === 403) noteRefusal(kit.deps, c, err);
  if (err instanceof ServiceError) {
    const fields = fieldErrorsOf(err);
    if (fields.length > 0) info.fieldMessages = fields.map((f) => translateFieldError(f, ui.i18n));
    if (err instanceof TooManyRequests) c.header('Retry-After', String(err.retryAfterSeconds));
  }
  return html(c, <ErrorPage ui={ui} info={info} />, info.status as ContentfulStatusCode);
}

/**
 * Where "go back" leads after a refused post: the page the form named, else the page the form
 * was on (the Referer, same-origin only), never the address the form posted to.
 */
function backOf(c: Context, params: URLSearchParams): string | undefined {
  const named = params.get('retour');
  if (named) return safeLocalPath(named);
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    const here = new URL(c.req.url);
    return from.origin === here.origin ? safeLocalPath(from.pathname + from.search) : undefined;
  } catch {
    return undefined;
  }
}

function csrfRefusal(c: Context<AppEnv>, ui: Ui, params: URLSearchParams): Response | Promise<Response> {
  const back = backOf(c, params);
  return html(c, <ErrorPage ui={ui} info={{ status: 403, type: 'csrf', detail: null, ...(back ? { back } : {}) }} />, 403);
}

export function uiFor(kit: Kit, c: Context<AppEnv>, i18n: I18n, session: SessionInfo | null): Ui {
  const complete = session !== null && sessionComplete(session);
  return {
    i18n,
    actor: complete ? session.actor : null,
    csrf: session?.csrfToken ?? '',
    path: currentPath(c),
    notice: noticeOf(c),
    assets: kit.assets,
    failedSignIns: complete ? session.priorFailedSignIns : 0,
  };
}

/** A page anyone may open (sign-in). */
export function publicPage(kit: Kit, handler: (p: PublicCall) => Response | Promise<Response>): Handler<AppEnv> {
  return async (c) => {
    const i18n = localeOf(c);
    baseHeaders(c, i18n.locale);
    const session = readSession(c, kit.deps);
    const ui = uiFor(kit, c, i18n, session);
    let answer: Response;
    try {
      answer = await handler({ c, ui, i18n, session });
    } catch (err) {
      answer = await errorResponse(c, kit, ui, err);
    }
    // A refused sign-in goes back to the form too: reloading never sends the password again.
    if (c.req.method !== 'POST' || !isNavigation(c)) return answer;
    return redirectRefusal(c, kit.refusals, loginOwner(c), i18n.locale, answer, refusalTarget(c));
  };
}

export interface PageOptions {
  roles?: readonly Role[];
  /** Second-factor states this page is open to besides a complete sign-in (the sign-in steps). */
  incomplete?: readonly SessionInfo['mfaState'][];
  /**
   * Where a POST carries its CSRF token: the form body (default), or the query string for the
   * one multipart form, whose body goes to the upload verb untouched.
   */
  csrf?: 'form' | 'query';
}

/**
 * A page for signed-in users. Without a session the browser goes to the sign-in page and comes
 * back afterwards; a POST without the session's CSRF token is refused before anything runs.
 */
export function page(kit: Kit, options: PageOptions, handler: (p: PageCall) => Response | Promise<Response>): Handler<AppEnv> {
  return async (c) => {
    const i18n = localeOf(c);
    baseHeaders(c, i18n.locale);
    const session = readAnySession(c, kit.deps);
    if (!session) return redirect(c, withQuery('/connexion', { retour: c.req.method === 'GET' ? currentPath(c) : undefined }));
    if (!sessionComplete(session) && !options.incomplete?.includes(session.mfaState)) return redirect(c, secondFactorStep(session));
    c.set('actor', session.actor);
    c.set('session', session);
    const ui = uiFor(kit, c, i18n, session);
    const answer = await answerPage(c, kit, options, handler, session, ui);
    if (c.req.method !== 'POST' || !isNavigation(c)) return answer;
    // A refused post: the browser goes back to the form's page, which shows the refusal kept for it.
    return redirectRefusal(c, kit.refusals, `session:${session.sessionId}`, i18n.locale, answer, refusalTarget(c));
  };
}

/** The page a form was on (same-origin Referer), else the address it posted to. */
function refusalTarget(c: Context): string {
  const here = new URL(c.req.url);
  return backOfPage(c) ?? withoutFlash(here.pathname + here.search);
}

function backOfPage(c: Context): string | undefined {
  const referer = c.req.header('referer');
  if (!referer) return undefined;
  try {
    const from = new URL(referer);
    const here = new URL(c.req.url);
    if (from.origin !== here.origin) return undefined;
    const path = safeLocalPath(from.pathname + from.search, '');
    return path ? withoutFlash(path) : undefined;
  } catch {
    return undefined;
  }
}

async function answerPage(
  c: Context<AppEnv>,
  kit: Kit,
  options: PageOptions,
  handler: (p: PageCall) => Response | Promise<Response>,
  session: SessionInfo,
  ui: Ui,
): Promise<Response> {
  const i18n = ui.i18n;
  {
    let params = new URLSearchParams();
    try {
      if (c.req.method === 'POST') {
        if (options.csrf === 'query') {
          if (!sameSecret(c.req.query('_csrf') ?? '', session.csrfToken)) return csrfRefusal(c, ui, params);
        } else {
          params = await readForm(c);
          if (!sameSecret(params.get('_csrf') ?? '', session.csrfToken)) return csrfRefusal(c, ui, params);
        }
        // A refusal shown after the redirect comes back to the form's page, not to the action.
        if (isNavigation(c)) ui.path = refusalTarget(c);
      }
      if (c.req.method === 'POST' && sessionComplete(session)) limitWrite(kit.deps, session.actor);
      if (options.roles && !options.roles.includes(session.actor.role)) {
        noteSecurityEvent(kit.deps, c, 'access_denied', `${c.req.method} ${new URL(c.req.url).pathname}`, { reason: `role ${session.actor.role}` });
        return html(c, <ErrorPage ui={ui} info={{ status: 403, type: 'forbidden', detail: null }} />, 403);
      }
      const form: Record<string, string> = {};
      for (const [k, v] of params) if (k !== '_csrf') form[k] = v;
      const ctx: ServiceContext = { db: kit.deps.db, clock: kit.deps.clock, actor: session.actor, dataDir: kit.deps.config.dataDir, ...(kit.deps.events ? { events: kit.deps.events } : {}) };
      const posted = params;
      return await handler({ c, ui, i18n, session, actor: session.actor, ctx, form, param: (name) => c.req.param(name) ?? '', formAll: (name) => posted.getAll(name) });
    } catch (err) {
      const back = c.req.method === 'POST' ? backOf(c, params) : undefined;
      return errorResponse(c, kit, ui, err, back);
    }
  }
}

/** Reads a whole-number route or query parameter; anything else is a malformed request. */
export function intParam(value: string | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value) || Number(value) > max) throw new MalformedRequest(`not a usable number: ${value}`);
  return Number(value);
}
