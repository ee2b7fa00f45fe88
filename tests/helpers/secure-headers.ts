/**
 * The headers every response must carry, whatever produced it, checked the same way on the app
 * in process and on a real server (where they are set on the Node response).
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';

function cspOf(headers: Headers): Map<string, string[]> {
  const text = headers.get('content-security-policy') ?? '';
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0]!, d.slice(1)]),
  );
}

const sha256Base64 = (text: string) => createHash('sha256').update(text).digest('base64');

/** Sources no directive may list: they reopen what the policy closes. */
const LOOSE = ["'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'data:', 'blob:'];

/**
 * The headers every response must carry, whatever produced it (route, 404, error handler). A
 * response may bring a stricter policy of its own ('none' instead of 'self', hashed styles).
 */
export function expectSecureHeaders(path: string, res: Response, html?: string): void {
  const h = res.headers;
  const where = `${res.status} ${path}`;
  const csp = cspOf(h);
  const only = (directive: string, allowed: string[]) => {
    const sources = csp.get(directive) ?? csp.get('default-src');
    expect(sources, `${where}: ${directive}`).toBeDefined();
    for (const s of sources!) expect(allowed, `${where}: ${directive} ${s}`).toContain(s);
  };
  only('default-src', ["'self'", "'none'"]);
  only('script-src', ["'self'", "'none'"]);
  only('object-src', ["'none'"]);
  expect(csp.get('frame-ancestors'), where).toEqual(["'none'"]);
  for (const d of ['base-uri', 'form-action']) expect(["'self'", "'none'"], `${where}: ${d}`).toContain(csp.get(d)?.join(' '));
  const styles = csp.get('style-src') ?? csp.get('default-src')!;
  for (const s of styles) {
    // Swagger UI sets inline styles: its page, and only its page, may have them.
    const allowed = s === "'self'" || s === "'none'" || /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s) || (s === "'unsafe-inline'" && path === '/api/v1/docs');
    expect(allowed, `${where}: style-src ${s}`).toBe(true);
  }
  for (const [directive, sources] of csp) if (directive !== 'img-src') for (const s of sources) expect(LOOSE, `${where}: ${directive} ${s}`).not.toContain(s);
  if (html !== undefined) {
    // The policy would block these; a page relying on them would be broken.
    expect(/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), `${where}: inline script`).toBe(false);
    expect(/\son[a-z]+\s*=\s*["']/i.test(html), `${where}: inline event handler`).toBe(false);
    if (path !== '/api/v1/docs') {
      expect(/<[a-z][^>]*\sstyle\s*=/i.test(html), `${where}: style attribute`).toBe(false);
      for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) expect(styles, `${where}: an inline style sheet without its hash`).toContain(`'sha256-${sha256Base64(m[1]!)}'`);
    }
  }
  expect(h.get('x-content-type-options'), where).toBe('nosniff');
  expect(h.get('x-frame-options'), where).toBe('DENY');
  expect(h.get('referrer-policy'), where).toMatch(/^(same-origin|no-referrer|strict-origin(-when-cross-origin)?)$/);
  expect(Number(/max-age=(\d+)/.exec(h.get('strict-transport-security') ?? '')?.[1]), where).toBeGreaterThanOrEqual(15_552_000);
  expect(h.get('cross-origin-opener-policy'), where).toBe('same-origin');
  expect(h.get('cross-origin-resource-policy'), where).toBe('same-origin');
  expect(h.get('permissions-policy'), where).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  expect(h.get('x-powered-by'), where).toBeNull();
  expect(h.get('server'), where).toBeNull();
  // API answers hold personal and operational data (the reference document excepted).
  if (path.startsWith('/api/v1/') && path !== '/api/v1/openapi.json' && path !== '/api/v1/docs') expect(h.get('cache-control'), where).toMatch(/no-store/);
}

