/**
 * Runs the real terraform (or tofu) binary on a configuration made only of the built-in
 * `terraform_data` resource, which needs no provider download. Without a binary the runner
 * tests are skipped with a warning locally, and fail in CI.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LogTail,
  applyPlan,
  checkDrift,
  findTerraformBinary,
  planAndApply,
  planStack,
  summarisePlanJson,
} from '../../infra/terraform.js';

const binary = await findTerraformBinary();
const inCi = process.env['CI'] === 'true';
if (!binary && !inCi) {
  console.warn('⚠ tests/infra/terraform.test.ts: no terraform/tofu binary on PATH — the real runner tests are SKIPPED');
}

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dcops-tf-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeConfig(dir: string, inputs: Record<string, string>, backendPath?: string): void {
  const config: Record<string, unknown> = {
    resource: { terraform_data: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { input: v }])) },
  };
  if (backendPath !== undefined) config['terraform'] = { backend: { local: { path: backendPath } } };
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
}

describe('terraform binary', () => {
  it('is available in CI', () => {
    if (inCi) expect(binary, 'CI must provide terraform or tofu on PATH').toBeDefined();
  });

  it('reports a clear result instead of faking a run when there is no binary', async () => {
    expect(await findTerraformBinary('')).toBeUndefined();
    const r = await planStack(tempDir(), { env: { PATH: '' } });
    expect(r).toEqual({ status: 'no-binary', reason: 'no terraform/tofu binary found on PATH', steps: [], logTail: '' });
    expect((await checkDrift(tempDir(), { env: { PATH: '' } })).status).toBe('no-binary');
    expect((await planAndApply(tempDir(), { env: { PATH: '' } })).status).toBe('no-binary');
  });
});

describe.skipIf(!binary)('terraform runner (real binary)', () => {
  it('plans, shows and applies, then detects drift with exit code 2', async () => {
    const dir = tempDir();
    writeConfig(dir, { alpha: 'one', beta: 'two' });

    const applied = await planAndApply(dir, { timeoutMs: 60_000 });
    expect(applied.status, applied.logTail).toBe('applied');
    if (applied.status !== 'applied') return;
    expect(applied.plan).toMatchObject({ add: 2, change: 0, destroy: 0, replace: 0 });
    expect(applied.plan.resources.create).toEqual(['terraform_data.alpha', 'terraform_data.beta']);
    // After the apply, the state is read back: what exists, not what was planned.
    expect(applied.steps.map((s) => s.step)).toEqual(['init', 'plan', 'show', 'apply', 'state']);
    expect(applied.resources).toEqual(['terraform_data.alpha', 'terraform_data.beta']);
    expect(applied.steps.every((s) => s.exitCode === 0)).toBe(true);
    expect(applied.logTail).toContain('Apply complete!');
    expect(applied.logTail).not.toMatch(/\u001b\[/);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(true);

    const clean = await checkDrift(dir, { timeoutMs: 60_000 });
    expect(clean.status, clean.logTail).toBe('in-sync');
    if (clean.status === 'in-sync') expect(clean.exitCode).toBe(0);

    writeConfig(dir, { alpha: 'changed', gamma: 'three' });
    const drift = await checkDrift(dir, { timeoutMs: 60_000 });
    expect(drift.status, drift.logTail).toBe('drift');
    if (drift.status !== 'drift') return;
    expect(drift.exitCode).toBe(2);
    expect(drift.steps.find((s) => s.step === 'drift-plan')?.exitCode).toBe(2);
    // terraform_data has nothing real to refresh: the refresh-only plan is clean, the plan against the configuration is not.
    expect(drift.steps.find((s) => s.step === 'drift-refresh')?.exitCode).toBe(0);
    expect(drift.by).toBe('plan');
    expect(drift.plan).toMatchObject({ add: 1, change: 1, destroy: 1 });
    expect(drift.plan.resources).toEqual({
      create: ['terraform_data.gamma'],
      update: ['terraform_data.alpha'],
      delete: ['terraform_data.beta'],
      replace: [],
    });
  });

  it('plans first and applies the reviewed plan file as a separate step', async () => {
    const dir = tempDir();
    writeConfig(dir, { one: '1' });
    const planned = await planStack(dir, { timeoutMs: 60_000 });
    expect(planned.status, planned.logTail).toBe('planned');
    if (planned.status !== 'planned') return;
    expect(planned.plan.add).toBe(1);
    expect(existsSync(planned.planFile)).toBe(true);
    const applied = await applyPlan(dir, { timeoutMs: 60_000 });
    expect(applied.status, applied.logTail).toBe('applied');
  });

  it('keeps state where statePath says', async () => {
    const dir = tempDir();
    const state = join(tempDir(), 'kept', 'stack.tfstate');
    writeConfig(dir, { one: '1' }, 'terraform.tfstate');
    const r = await planAndApply(dir, { timeoutMs: 60_000, statePath: state });
    expect(r.status, r.logTail).toBe('applied');
    expect(existsSync(state)).toBe(true);
    expect(existsSync(join(dir, 'terraform.tfstate'))).toBe(false);
  });

  it('fails with the step and a log tail on a broken configuration', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.tf.json'), '{"resource": {"terraform_data": {"x": {"no_such_argument": 1}}}}');
    const r = await planStack(dir, { timeoutMs: 60_000 });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.failedStep).toBe('plan');
    expect(r.reason).toMatch(/exited with code 1/);
    expect(r.logTail).toContain('no_such_argument');
  });
});

describe('runner mechanics', () => {
  it('interrupts a step that outlives the timeout', async () => {
    const dir = tempDir();
    const fake = join(dir, 'slow.sh');
    writeFileSync(fake, '#!/bin/sh\necho starting\nexec sleep 30\n');
    chmodSync(fake, 0o755);
    const started = Date.now();
    const r = await planStack(dir, { binary: { flavor: 'terraform', path: fake }, timeoutMs: 300 });
    expect(r.status).toBe('timed-out');
    if (r.status !== 'timed-out') return;
    expect(r.failedStep).toBe('init');
    expect(r.logTail).toContain('starting');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('keeps a bounded tail of the output', () => {
    const t = new LogTail(3, 1024);
    for (let i = 1; i <= 10; i++) t.push(`line ${i}\n`);
    expect(t.text()).toBe('[… earlier output dropped]\nline 8\nline 9\nline 10');
    const b = new LogTail(1000, 20);
    b.push('x'.repeat(15) + '\n' + 'y'.repeat(15) + '\n');
    expect(b.text()).toBe(`[… earlier output dropped]\n${'y'.repeat(15)}`);
  });

  it('summarises plan JSON, counting replacements as add and destroy', () => {
    const s = summarisePlanJson({
      resource_changes: [
        { address: 'docker_container.b', change: { actions: ['delete', 'create'] } },
        { address: 'docker_container.a', change: { actions: ['update'] } },
        { address: 'docker_volume.v', change: { actions: ['no-op'] } },
        { address: 'data.docker_network.n', mode: 'data', change: { actions: ['read'] } },
      ],
    });
    expect(s).toEqual({
      add: 1,
      change: 1,
      destroy: 1,
      replace: 1,
      resources: { create: [], update: ['docker_container.a'], delete: [], replace: ['docker_container.b'] },
    });
  });
});
