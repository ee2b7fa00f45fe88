/**
 * The headers every answer carries whatever produced it (route, 404 page, error handler): the
 * security headers with a strict CSP, the request id, and `Cache-Control: no-store` on the API,
 * whose answers hold personal and operational data. An answer that brings its own value of one
 * of them (a page-specific CSP, a cacheable document) keeps it.
 */
import type { ServerResponse } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './types.js';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Referrer-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
  // The legacy filter is itself exploitable: turned off, as current guidance says.
  'X-XSS-Protection': '0',
});

const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...SECURITY_HEADERS, 'Cache-Control': 'no-store' });

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A caller's own request id is kept when it is safe to echo into logs and headers. */
function requestIdOf(c: Context): string {
  const given = c.req.header('x-request-id');
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export function responseHeaders(apiPrefix: string): MiddlewareHandler<AppEnv> {
  const entries = Object.entries(SECURITY_HEADERS);
  const apiEntries = Object.entries(API_HEADERS);
  return async (c, next) => {
    const id = requestIdOf(c);
    c.set('requestId', id);
    const wanted = c.req.path.startsWith(apiPrefix) ? apiEntries : entries;
    // Served by Node, the fixed headers go on the socket's response before the app runs: Node
    // lets the headers of the answer itself win when it writes them, which is exactly "keep the
    // answer's own value", without rebuilding a fetch Headers object on every request.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && !outgoing.headersSent) {
      for (const [name, value] of wanted) outgoing.setHeader(name, value);
      outgoing.setHeader('X-Request-Id', id);
      await next();
      return;
    }
    await next();
    const headers = c.res.headers;
    for (const [name, value] of wanted) if (!headers.has(name)) headers.set(name, value);
    headers.set('X-Request-Id', id);
  };
}
