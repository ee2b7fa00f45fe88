/** The console's API as end-to-end tests call it over the network. */
import { expect } from 'vitest';

export interface Session {
  cookie: string;
  csrf: string;
}

/** The console's API as the tests call it: JSON in and out, a signed-in session's cookie and CSRF token. */
export function consoleApi(base: () => string, password: string) {
  async function call(method: string, path: string, body?: unknown, auth?: Session) {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(auth ? { cookie: auth.cookie, 'x-csrf-token': auth.csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null, headers: res.headers };
  }
  async function login(email: string): Promise<Session> {
    const r = await call('POST', '/api/v1/auth/login', { email, password });
    expect(r.status).toBe(200);
    return { cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrf: r.body!.csrfToken as string };
  }
  return { call, login };
}
