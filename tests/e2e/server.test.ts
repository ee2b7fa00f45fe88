/**
 * The real server as a newcomer runs it: `npm run demo`'s entry point on a fresh data
 * directory, served on 127.0.0.1, then stopped with SIGTERM.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, run, start } from '../helpers/process.js';
import { expectSecureHeaders } from '../helpers/secure-headers.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function dataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dcops-e2e-'));
  dirs.push(d);
  return d;
}

describe('console server', () => {
  it('serves the demo, prints one login per role, and shuts down gracefully on SIGTERM', async () => {
    const dir = dataDir();
    const tsx = join('node_modules', '.bin', 'tsx');
    // A weak DCOPS_ADMIN_PASSWORD left in the environment does not matter to the demo, which never uses it.
    const env = { DCOPS_DATA_DIR: dir, PORT: '0', DCOPS_SCRYPT_N: '1024', DCOPS_DEMO_PASSWORD: 'demo-password-e2e', LOG_LEVEL: 'info', DCOPS_ADMIN_PASSWORD: 'password1234' };
    const { child, output } = await start(tsx, ['console/main.ts', '--demo'], env, /Console : http:\/\/127\.0\.0\.1:\d+/);
    try {
      const port = Number(/Console : http:\/\/127\.0\.0\.1:(\d+)/.exec(output())![1]);
      for (const email of ['admin@demo.dcops.bj', 'operator@demo.dcops.bj', 'auditor@demo.dcops.bj', 'requester.mef@demo.dcops.bj']) expect(output()).toContain(email);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'operator@demo.dcops.bj', password: 'demo-password-e2e' }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const list = await fetch(`http://127.0.0.1:${port}/api/v1/requests?limit=50`, { headers: { cookie } });
      const body = (await list.json()) as { total: number };
      expect(body.total).toBe(40);
      // Logs are JSON, carry a request id, and never the secrets that went through.
      const findLog = () =>
        output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((l) => l.route === '/api/v1/requests');
      // The child's output reaches us asynchronously.
      for (let i = 0; i < 50 && !findLog(); i++) await new Promise((r) => setTimeout(r, 50));
      const requestLog = findLog();
      expect(requestLog).toMatchObject({ status: 200, actor: 'operator@demo.dcops.bj', requestId: expect.any(String) });
      expect(output()).not.toContain(cookie.split('=')[1]!);

      // On Node the fixed headers are set on the socket's response: the same rules hold there,
      // one value each, and an answer's own policy (hashed styles, the reference page) wins.
      expectSecureHeaders('/api/v1/requests', list);
      for (const [path, headers] of [
        ['/', { cookie, accept: 'text/html' }],
        ['/requests', { cookie, accept: 'text/html' }],
        ['/nowhere', { accept: 'text/html' }],
        ['/api/v1/nowhere', {}],
        ['/api/v1/docs', {}],
        ['/api/v1/openapi.json', {}],
        ['/healthz', { 'x-request-id': 'e2e-trace-1' }],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers, redirect: 'manual' });
        const text = await res.text();
        expectSecureHeaders(path, res, (res.headers.get('content-type') ?? '').startsWith('text/html') ? text : undefined);
        expect(res.headers.get('content-security-policy'), path).not.toContain(',');
        expect(res.headers.get('x-request-id'), path).toMatch(path === '/healthz' ? /^e2e-trace-1$/ : /^[0-9a-f-]{36}$/);
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    expect(output()).toMatch(/shutting down/);
    // The demo says how to try the second factor, and a clean shutdown anchors the audit chain.
    expect(output()).toMatch(/Double authentification : facultative dans la démonstration/);
    expect(readdirSync(join(dir, 'checkpoints')).some((f) => /^checkpoint-\d{12}\.json$/.test(f))).toBe(true);
  });

  it('never wipes a data directory that holds a real database', async () => {
    const dir = dataDir();
    const migrate = await run(process.execPath, ['bin/dcops.js', 'migrate'], { DCOPS_DATA_DIR: dir });
    expect(migrate.code).toBe(0);
    const demo = await run(join('node_modules', '.bin', 'tsx'), ['console/main.ts', '--demo'], { DCOPS_DATA_DIR: dir, PORT: '0' });
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(/not a demo one/);
  });

  it('creates the first admin on npm start and prints its password once', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, '.keep'), '');
    const env = { DCOPS_DATA_DIR: dir, PORT: '0', DCOPS_SCRYPT_N: '1024' };
    const first = await start(join('node_modules', '.bin', 'tsx'), ['console/main.ts'], env, /Console : http/);
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.output()).toMatch(/Mot de passe \(affiché une seule fois\) : \S{20}/);
    const second = await start(join('node_modules', '.bin', 'tsx'), ['console/main.ts'], env, /Console : http/);
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.output()).not.toMatch(/Mot de passe/);
  });

  it('refuses to start with a weak DCOPS_ADMIN_PASSWORD, naming it in French and English, and starts with a strong one', async () => {
    const dir = dataDir();
    const tsx = join('node_modules', '.bin', 'tsx');
    const env = { DCOPS_DATA_DIR: dir, PORT: '0', DCOPS_SCRYPT_N: '1024', DCOPS_ADMIN_EMAIL: 'chef@asin.bj' };
    const weak = await run(tsx, ['console/main.ts'], { ...env, DCOPS_ADMIN_PASSWORD: 'chef@asin.bj2026' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/DCOPS_ADMIN_PASSWORD : mot de passe trop faible/);
    expect(weak.stderr).toMatch(/DCOPS_ADMIN_PASSWORD: too weak for the administrator \(it is built from the account’s email or name\)/);
    expect(readdirSync(dir)).toEqual([]);
    const strong = await start(tsx, ['console/main.ts'], { ...env, DCOPS_ADMIN_PASSWORD: 'Lagune-de-Porto-Novo-au-matin' }, /Console : http/);
    strong.child.kill('SIGTERM');
    await exited(strong.child);
    expect(strong.output()).toMatch(/compte administrateur chef@asin\.bj créé avec DCOPS_ADMIN_PASSWORD/);
  });
});
