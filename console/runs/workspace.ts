/**
 * Where runs keep their files under the data directory, and the Terraform options every run of
 * a stack uses:
 *
 * - `plans/<run id>/`: the working directory of one planned run — the exact `cdk.tf.json` it
 *   planned, its `.terraform` and the saved `plan.tfplan` that approval covers and apply executes;
 * - `state/<stack>.tfstate`: the stack's state, outside every working directory;
 * - `stacks/<stack>/`: the last applied configuration, where drift checks run;
 * - `terraform/cli.tfrc`: the Terraform CLI configuration naming the provider mirror, if any.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { sha256Hex } from '../../lib/sha256.js';
import { PLAN_FILE, type RunOptions } from '../../infra/terraform.js';

export function planDir(dataDir: string, runId: string): string {
  if (!/^[0-9a-f-]{8,64}$/.test(runId)) throw new Error(`not a run id: ${runId}`);
  return join(dataDir, 'plans', runId);
}

export function statePath(dataDir: string, stack: string): string {
  if (!/^[a-z0-9-]+$/.test(stack)) throw new Error(`not a stack name: ${stack}`);
  return join(dataDir, 'state', `${stack}.tfstate`);
}

/** sha256 of the saved plan file of a run, or null when there is none. */
export function planFileSha256(dataDir: string, runId: string): string | null {
  const file = join(planDir(dataDir, runId), PLAN_FILE);
  return existsSync(file) ? sha256Hex(readFileSync(file)) : null;
}

/** HCL string literal: JSON's escaping, plus `$${` and `%%{` so nothing is interpolated. */
function hclString(v: string): string {
  return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/**
 * The CLI configuration for a provider mirror: providers come only from it (an air-gapped site
 * has no registry to fall back on), a directory as a filesystem mirror, a URL as a network one.
 */
export function cliConfigText(mirror: string): string {
  const source = mirror.startsWith('https://')
    ? `  network_mirror {\n    url = ${hclString(mirror.endsWith('/') ? mirror : `${mirror}/`)}\n  }\n`
    : `  filesystem_mirror {\n    path = ${hclString(mirror)}\n  }\n`;
  return `# Written by dcops from DCOPS_TF_PLUGIN_MIRROR; rewritten at every run.\nprovider_installation {\n${source}}\n`;
}

export function cliConfigPath(dataDir: string): string {
  return join(dataDir, 'terraform', 'cli.tfrc');
}

/** Writes the CLI configuration when a mirror is set (only when it changed); returns its path. */
export function ensureCliConfig(dataDir: string, mirror: string | undefined): string | undefined {
  if (mirror === undefined) return undefined;
  const file = cliConfigPath(dataDir);
  const text = cliConfigText(mirror);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileAtomic(file, text);
  return file;
}

/** The options of every terraform call on one stack: its state file and the site's CLI configuration. */
export function runOptionsFor(deps: { dataDir: string; terraform?: RunOptions | undefined; pluginMirror?: string | undefined }, stack: string): RunOptions {
  const cliConfigFile = ensureCliConfig(deps.dataDir, deps.pluginMirror);
  return { ...deps.terraform, statePath: statePath(deps.dataDir, stack), ...(cliConfigFile !== undefined ? { cliConfigFile } : {}) };
}
