import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/process.js';

let dir: string;
const env = () => ({ DCOPS_DATA_DIR: dir, DCOPS_SCRYPT_N: '1024' });
const dcops = (args: string[], input?: string) => run(process.execPath, ['bin/dcops.js', ...args], env(), input);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcops-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dcops CLI', () => {
  it('has --help on every command', async () => {
    for (const args of [['--help'], ['migrate', '--help'], ['user', 'add', '--help'], ['audit', 'verify', '--help']]) {
      const r = await dcops(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage: dcops');
    }
  }, 120_000);

  // Seven commands, each a new process: longer than the default timeout on a busy machine.
  it('migrates, adds users and verifies the audit chain; a tampered chain exits 1', async () => {
    const migrate = await dcops(['migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    // As many as the journal lists: the count follows every new migration.
    const journal = JSON.parse(readFileSync('console/db/migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
    expect(migrate.stdout).toContain(`${journal.entries.length} migrations applied`);

    const add = await dcops(['user', 'add', '--email', 'Chef@ASIN.bj', '--name', 'Chef', '--role', 'operator']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/created operator chef@asin\.bj/);
    expect(add.stdout).toMatch(/password \(shown once\): \S{20}/);

    const stdin = await dcops(['user', 'add', '--email', 'a@asin.bj', '--name', 'A', '--role', 'auditor', '--password-stdin'], 'un-mot-de-passe-long\n');
    expect(stdin.code, stdin.stderr).toBe(0);
    expect(stdin.stdout).not.toMatch(/shown once/);

    const bad = await dcops(['user', 'add', '--email', 'x@asin.bj', '--name', 'X', '--role', 'requester']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ministry: a requester belongs to one ministry/);

    const dup = await dcops(['user', 'add', '--email', 'chef@asin.bj', '--name', 'X', '--role', 'auditor']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/exists already/);

    const ok = await dcops(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit chain OK: 3 entries/);

    const raw = new Database(join(dir, 'dcops.db'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'intrus' WHERE seq = 2").run();
    raw.close();
    const broken = await dcops(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry 2/);
  }, 180_000);

  it('stops with a clear message on bad configuration', async () => {
    const r = await run(process.execPath, ['bin/dcops.js', 'migrate'], { DCOPS_DATA_DIR: dir, LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
  });
});

describe('dcops plan / approve / apply', () => {
  it('act as the operator whose API token is presented, never as a name typed on the command line', { timeout: 120_000 }, async () => {
    const { makeHarness } = await import('../helpers/harness.js');
    const h = await makeHarness({ env: { DCOPS_INGRESS_BIND_IP: '127.0.0.1' } });
    const cli = (args: string[], input?: string) => run(process.execPath, ['bin/dcops.js', ...args], { DCOPS_DATA_DIR: h.dir, DCOPS_SCRYPT_N: '1024', PATH: '/nonexistent' }, input);
    try {
      await h.requestIn('mef', 'cli', ['submit', 'approve', 'start-provisioning']);
      const named = await cli(['plan', '--operator', 'op1@test.bj']);
      expect(named.code).not.toBe(0);
      expect(named.stderr).toMatch(/unknown option '--operator'/);
      const none = await cli(['plan']);
      expect(none.code).not.toBe(0);
      expect(none.stderr).toMatch(/API token/);
      const forged = await cli(['plan', '--token-stdin'], 'dcops_not-a-real-token-at-all\n');
      expect(forged.code).not.toBe(0);
      expect(forged.stderr).toMatch(/invalid, expired or revoked/);
      const requester = await cli(['plan', '--token-stdin'], `${h.callers.mef!.token}\n`);
      expect(requester.stderr).toMatch(/dsi@mef\.bj, who is requester, not operator/);

      const planned = await cli(['plan', '--token-stdin'], `${h.callers.operator!.token}\n`);
      expect(planned.code, planned.stderr).toBe(0);
      const id = /ministry-mef: \+3 ~0 -0 {2}\(run ([0-9a-f-]+); no plan file: no terraform/.exec(planned.stdout)?.[1];
      expect(id, planned.stdout).toBeDefined();
      const row = h.db.$client.prepare('SELECT operator FROM apply_runs WHERE id = ?').get(id) as { operator: string };
      expect(row.operator).toBe('op1@test.bj');
      const own = await cli(['approve', id!, '--token-stdin'], `${h.callers.operator!.token}\n`);
      expect(own.code).not.toBe(0);
      expect(own.stderr).toMatch(/four eyes/);
      const other = await cli(['approve', id!, '--token-stdin'], `${h.callers.operator2!.token}\n`);
      expect(other.code).not.toBe(0);
      expect(other.stderr).toMatch(/no saved plan file/);
      const apply = await cli(['apply', id!, '--token-stdin'], `${h.callers.operator2!.token}\n`);
      expect(apply.code).not.toBe(0);
      expect(apply.stderr).toMatch(/no saved plan file/);
    } finally {
      h.close();
    }
  });
});
