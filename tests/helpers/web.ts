/**
 * The web console as a browser without script uses it, in process: sign in through the form,
 * read pages, post forms with the session's CSRF token.
 */
import { expect } from 'vitest';
import { PASSWORD, type Harness } from './harness.js';

export const FORM = 'application/x-www-form-urlencoded';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

export function cookieOf(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    if (pair?.startsWith(`${name}=`)) return pair;
  }
  return null;
}

export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1]!;
}

export async function signIn(h: Harness, email: string, headers: Record<string, string> = {}): Promise<Session> {
  const form = await h.app.request('/connexion', { headers });
  const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
  const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), email, password: PASSWORD, retour: '/' });
  const res = await h.app.request('/connexion', { method: 'POST', headers: { ...headers, cookie: loginCookie, 'content-type': FORM }, body: body.toString() });
  expect(res.status).toBe(303);
  const cookie = cookieOf(res, 'dcops_session')!;
  expect(cookie).toBeTruthy();
  const home = await h.app.request('/', { headers: { ...headers, cookie } });
  return { cookie, csrf: csrfIn(await home.text()) };
}

async function pageOf(res: Response): Promise<Page> {
  return { status: res.status, headers: res.headers, html: await res.text(), location: res.headers.get('location') };
}

export async function get(h: Harness, s: Session | null, path: string, headers: Record<string, string> = {}): Promise<Page> {
  return pageOf(await h.app.request(path, { headers: { ...headers, ...(s ? { cookie: s.cookie } : {}) } }));
}

/** Posts a form with the session's CSRF token, another one, or none (`csrf: null`). */
export async function post(h: Harness, s: Session, path: string, fields: Record<string, string>, options: { csrf?: string | null; cookie?: string } = {}): Promise<Page> {
  const body = new URLSearchParams(fields);
  const csrf = options.csrf === undefined ? s.csrf : options.csrf;
  if (csrf !== null) body.set('_csrf', csrf);
  return pageOf(await h.app.request(path, { method: 'POST', headers: { cookie: options.cookie ?? s.cookie, 'content-type': FORM }, body: body.toString() }));
}
