/**
 * Runs the real promtool. Missing locally: the tests that need it are skipped with a loud
 * reason. Missing in CI (CI=true): they fail, because CI installs it and a silent skip would
 * let broken rules ship.
 */
import { spawnSync } from 'node:child_process';

export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

const BIN = process.env.PROMTOOL ?? 'promtool';

function probe(): boolean {
  const r = spawnSync(BIN, ['--version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

export const promtoolAvailable = probe();
export const inCi = process.env.CI === 'true';

/** True when promtool tests should be skipped (and says so); throws in CI when it is missing. */
export function skipWithoutPromtool(): boolean {
  if (promtoolAvailable) return false;
  if (inCi) throw new Error(`promtool not found (${BIN}): CI must install it (Debian package "prometheus")`);
  console.warn(`\n!!! promtool not found (${BIN}): SKIPPING promtool checks. Install Debian's "prometheus" package to run them.\n`);
  return true;
}

export function promtool(args: readonly string[], opts: { cwd?: string; input?: string } = {}): PromtoolResult {
  const r = spawnSync(BIN, [...args], { cwd: opts.cwd, input: opts.input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
