import { mkdtempSync, rmSync } from 'node:fs';
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
  });

  it('migrates, adds users and verifies the audit chain; a tampered chain exits 1', async () => {
    const migrate = await dcops(['migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/8 migrations applied/);

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
  });

  it('stops with a clear message on bad configuration', async () => {
    const r = await run(process.execPath, ['bin/dcops.js', 'migrate'], { DCOPS_DATA_DIR: dir, LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/LOG_LEVEL/);
  });
});
