/**
 * Post/Redirect/Get for refused forms. A browser whose form post was refused is sent back (303)
 * to the page the form was on, where the refusal — the form with its errors and what was typed —
 * is shown from a short-lived copy kept on the server for that session only. The address bar
 * never holds the action URL, so reloading shows the refusal again instead of posting again.
 *
 * Only navigating browsers (those that ask for HTML) are redirected; a script posting the form
 * gets the refusal itself, with its status. The API keeps answering problem+json.
 */
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps, AppEnv } from '../../http/types.js';
import { localeOf, readAnySession } from './kit.js';

/** The query parameter that names a kept refusal. */
export const REFUSAL_PARAM = 'refus';

/** The sign-in form's double-submit cookie: before any session, it says whose refusal it is. */
export const LOGIN_CSRF_COOKIE = 'dcops_login_csrf';

/** The sign-in form cookie the browser will hold after `answer`: a fresh one it sets, else the one it sent. */
export function loginOwner(c: Context): (answer: Response) => string | null {
  return (answer) => {
    for (const line of answer.headers.getSetCookie()) {
      const m = new RegExp(`^${LOGIN_CSRF_COOKIE}=([^;]+)`).exec(line);
      if (m) return `login:${m[1]}`;
    }
    const sent = getCookie(c, LOGIN_CSRF_COOKIE);
    return sent ? `login:${sent}` : null;
  };
}

const KEEP_MS = 10 * 60_000;
const MAX_KEPT = 500;

interface Kept {
  /** Who may see it: `session:<id>`, or `login:<sign-in form cookie>` before any session. */
  owner: string;
  locale: string;
  status: number;
  body: string;
  until: number;
}

export class RefusedPosts {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly now: () => number) {}

  put(owner: string, locale: string, status: number, body: string): string {
    const t = this.now();
    for (const [id, k] of this.kept) if (k.until <= t) this.kept.delete(id);
    // Oldest first out: a flood of refusals costs a bounded amount of memory.
    while (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    const id = randomBytes(16).toString('base64url');
    this.kept.set(id, { owner, locale, status, body, until: t + KEEP_MS });
    return id;
  }

  /** The refusal if it is one of these owners', in this language, and still kept; it stays for a reload. */
  get(id: string, owners: readonly string[], locale: string): Kept | null {
    const k = this.kept.get(id);
    if (!k || k.until <= this.now() || !owners.includes(k.owner) || k.locale !== locale) return null;
    return k;
  }
}

/** Whether the post comes from a browser navigating (a form submitted), which reload would re-send. */
export function isNavigation(c: Context): boolean {
  const mode = c.req.header('sec-fetch-mode');
  if (mode) return mode === 'navigate';
  return (c.req.header('accept') ?? '').includes('text/html');
}

/** A path and query with the refusal and notice parameters taken out. */
export function withoutFlash(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, 'http://local');
  url.searchParams.delete(REFUSAL_PARAM);
  url.searchParams.delete('ok');
  url.searchParams.delete('_csrf');
  const q = url.searchParams.toString();
  return url.pathname + (q ? `?${q}` : '');
}

/** Turns a refused page answer into a redirect to `target`, which then shows it. */
export async function redirectRefusal(c: Context, refusals: RefusedPosts, owner: string | ((answer: Response) => string | null), locale: string, response: Response, target: string): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status < 400 || !type.startsWith('text/html')) return response;
  const who = typeof owner === 'string' ? owner : owner(response);
  if (who === null) return response;
  const id = refusals.put(who, locale, response.status, await response.text());
  const sep = target.includes('?') ? '&' : '?';
  const redirect = c.redirect(`${target}${sep}${REFUSAL_PARAM}=${id}`, 303);
  redirect.headers.set('Cache-Control', 'no-store');
  for (const cookie of response.headers.getSetCookie()) redirect.headers.append('Set-Cookie', cookie);
  return redirect;
}

/** Serves a kept refusal at the address the browser was sent to; anything else goes on. */
export function refusalPages(deps: AppDeps, refusals: RefusedPosts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.method === 'GET' ? c.req.query(REFUSAL_PARAM) : undefined;
    if (!id) return next();
    const session = readAnySession(c, deps);
    const login = getCookie(c, LOGIN_CSRF_COOKIE);
    const owners = [...(session ? [`session:${session.sessionId}`] : []), ...(login ? [`login:${login}`] : [])];
    const locale = localeOf(c).locale;
    const kept = refusals.get(id, owners, locale);
    if (!kept) return next();
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language, Cookie');
    c.header('Cache-Control', 'no-store');
    return c.html(kept.body, kept.status as ContentfulStatusCode);
  };
}
