/**
 * The console's style sheet and script, read once when the routes are built and served from
 * memory under a content-hashed URL, so browsers may keep them for a year and still never run
 * a stale copy after an upgrade.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.js';

interface Asset {
  body: string;
  type: string;
  hash: string;
}

export interface Assets {
  css: string;
  js: string;
  icon: string;
  routes: Hono<AppEnv>;
}

const FILES: Record<string, string> = { 'app.css': 'text/css; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8', 'favicon.svg': 'image/svg+xml' };

export function loadAssets(): Assets {
  const dir = new URL('../../static/', import.meta.url);
  const assets = new Map<string, Asset>();
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(new URL(name, dir), 'utf8');
    assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 16) });
  }
  const routes = new Hono<AppEnv>();
  routes.get('/static/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return c.notFound();
    const versioned = c.req.query('v') === asset.hash;
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: `"${asset.hash}"`,
    });
  });
  const url = (name: string) => `/static/${name}?v=${assets.get(name)!.hash}`;
  // Browsers ask for /favicon.ico whatever the page says.
  routes.get('/favicon.ico', (c) => c.redirect(url('favicon.svg'), 301));
  return { css: url('app.css'), js: url('app.js'), icon: url('favicon.svg'), routes };
}
