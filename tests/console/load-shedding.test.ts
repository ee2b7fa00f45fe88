/**
 * Overload is refused early, not queued: past the event-loop delay bound or the in-flight bound
 * the console answers 503 problem+json with Retry-After before doing any work (nothing
 * changes), while sign-in, health, readiness and metrics are still served.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { eventLoopBacklog } from '../../console/http/load-shedding.js';
import { makeHarness, PASSWORD, requestBody, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(() => h?.close());

function expectOverloaded(res: { status: number; headers: Headers; body: { type: string; status: number; reason?: string } }, reason: string) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('1');
  expect(res.body).toMatchObject({ type: 'https://dcops.asin.bj/problems/overloaded', status: 503, reason });
}

describe('load shedding', () => {
  it('refuses work while the event loop is further behind than the bound, and keeps sign-in, health and metrics', async () => {
    let behind = 0;
    h = await makeHarness({ eventLoopDelayMs: () => behind });
    expect((await h.call('operator', 'GET', '/api/v1/requests')).status).toBe(200);
    behind = 250;
    const before = h.snapshot();
    expectOverloaded(await h.call('operator', 'GET', '/api/v1/requests'), 'event-loop-delay');
    expectOverloaded(await h.call('mef', 'POST', '/api/v1/requests', requestBody('refusee')), 'event-loop-delay');
    expectOverloaded(await h.call(null, 'GET', '/', undefined, { accept: 'text/html' }), 'event-loop-delay');
    expect(h.snapshot()).toEqual(before);
    for (const path of ['/healthz', '/readyz', '/metrics', '/connexion']) expect((await h.call(null, 'GET', path)).status, path).toBe(200);
    expect((await h.call(null, 'POST', '/api/v1/auth/login', { email: 'op1@test.bj', password: PASSWORD })).status).toBe(200);
    behind = 99;
    expect((await h.call('operator', 'GET', '/api/v1/requests')).status).toBe(200);
  });

  it('refuses requests beyond the in-flight bound, then takes them again once those finish', async () => {
    h = await makeHarness({ env: { DCOPS_SHED_MAX_IN_FLIGHT: '2' } });
    // Two uploads whose bodies have not finished arriving hold their places.
    const held: ReadableStreamDefaultController<Uint8Array>[] = [];
    const pending = [0, 1].map(() =>
      h!.app.request('/api/v1/requests', {
        method: 'POST',
        headers: { authorization: `Bearer ${h!.callers.mef!.token}`, 'content-type': 'application/json' },
        body: new ReadableStream<Uint8Array>({ start: (c) => void held.push(c) }),
        duplex: 'half',
      } as RequestInit),
    );
    await new Promise((r) => setTimeout(r, 50));
    expectOverloaded(await h.call('operator', 'GET', '/api/v1/requests'), 'in-flight');
    expect((await h.call(null, 'GET', '/healthz')).status).toBe(200);
    held.forEach((c, i) => {
      c.enqueue(new TextEncoder().encode(JSON.stringify(requestBody(`tenue-${i}`))));
      c.close();
    });
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([201, 201]);
    expect((await h.call('operator', 'GET', '/api/v1/requests')).status).toBe(200);
  });

  it('measures the real event loop: past a few requests handled behind a stall, the rest are refused; health is served', { timeout: 30_000 }, async () => {
    h = await makeHarness({ env: { DCOPS_SHED_EVENT_LOOP_DELAY_MS: '100' }, eventLoopDelayMs: eventLoopBacklog() });
    const app = h.app;
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const port = (server.address() as { port: number }).port;
      // A client in another process: it opens its keep-alive connections, says so, and on the
      // next line sends 10 policy checks (each a synthesis and an evaluation: tens of ms of
      // work) and one health check at once, printing the statuses.
      const client = spawn(
        process.execPath,
        [
          '-e',
          `const http = require('node:http');
           const agent = new http.Agent({ keepAlive: true, maxSockets: 11 });
           const call = (method, path) => new Promise((ok) => { const r = http.request({ method, host: '127.0.0.1', port: ${port}, path, agent, headers: { authorization: 'Bearer ${h.callers.operator!.token}' } }, (res) => { res.resume(); res.on('end', () => ok(method + ' ' + path + ' ' + res.statusCode)); }); r.on('error', (e) => ok(path + ' ' + e.message)); r.end(); });
           const warm = Array(11).fill('/healthz').map((p) => call('GET', p));
           Promise.all(warm).then(() => { console.log('ready'); process.stdin.once('data', () => Promise.all([...Array(10).fill(0).map(() => call('POST', '/api/v1/policy-runs')), call('GET', '/healthz')]).then((s) => { console.log(JSON.stringify(s)); process.exit(0); })); });`,
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      let out = '';
      client.stdout.on('data', (d: Buffer) => (out += d.toString()));
      while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 10));
      // The go signal, then a 400 ms stall of this process: the requests arrive meanwhile and
      // are read right after it, before the loop gets back to its timers.
      client.stdin.write('go\n');
      await new Promise<void>((r) =>
        setTimeout(() => {
          const until = performance.now() + 400;
          while (performance.now() < until);
          r();
        }, 0),
      );
      await once(client, 'exit');
      const statuses = JSON.parse(out.split('\n').find((l) => l.startsWith('['))!) as string[];
      const checks = statuses.filter((s) => s.startsWith('POST'));
      expect(checks.filter((s) => s.endsWith(' 201')).length, statuses.join('\n')).toBeGreaterThanOrEqual(3);
      expect(checks.filter((s) => s.endsWith(' 503')).length, statuses.join('\n')).toBeGreaterThan(0);
      expect(checks.every((s) => / (201|503)$/.test(s)), statuses.join('\n')).toBe(true);
      expect(statuses).toContain('GET /healthz 200');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
