/**
 * Runs Terraform (or OpenTofu) on one synthesized stack directory.
 *
 * The console calls these and records the results; nothing here touches a database, and
 * nothing is ever simulated: when neither `terraform` nor `tofu` is on the PATH the answer is
 * `{ status: 'no-binary' }`.
 *
 * - `planStack`: `init`, `plan -out=plan.tfplan`, `show -json plan.tfplan`, parsed into a summary.
 * - `applyPlan`: `apply plan.tfplan`, the exact plan an operator reviewed.
 * - `planAndApply`: both, stopping before apply when the plan failed.
 * - `checkDrift`: `plan -detailed-exitcode` (exit 2 = the real resources differ from the config).
 *
 * Every run is non-interactive (`-input=false`, `TF_IN_AUTOMATION`), colourless, with update
 * checks off (`CHECKPOINT_DISABLE`), under one overall timeout, and keeps only a bounded tail of
 * the output (the full `show -json` document is parsed, not logged).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { z } from 'zod';
import { planJsonAttributes, type ResourceAttributes } from './plan-diff.js';

export type TerraformFlavor = 'terraform' | 'tofu';

export interface TerraformBinary {
  flavor: TerraformFlavor;
  path: string;
}

export type TerraformStep = 'init' | 'plan' | 'show' | 'apply' | 'state' | 'drift-refresh' | 'drift-plan' | 'drift-show' | 'version';

export interface StepResult {
  step: TerraformStep;
  args: string[];
  /** `null` when the process was killed by a signal. */
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  /** Replacements are also counted in `add` and `destroy`, as Terraform's own summary does. */
  replace: number;
  /** Addresses per action, sorted. */
  resources: { create: string[]; update: string[]; delete: string[]; replace: string[] };
  /** Before → after of every changed attribute, sensitive values masked. */
  attributes?: ResourceAttributes[];
}

interface RunBase {
  binary?: TerraformBinary;
  steps: StepResult[];
  /** Last lines of stdout and stderr of every step (bounded). */
  logTail: string;
}

export type NoBinaryResult = { status: 'no-binary'; reason: string; steps: []; logTail: '' };
export type FailedResult = RunBase & { status: 'failed' | 'timed-out'; failedStep: TerraformStep; reason: string };
export type PlanResult = NoBinaryResult | FailedResult | (RunBase & { status: 'planned'; binary: TerraformBinary; planFile: string; plan: PlanSummary });
/** `resources`: every managed resource address in the state after the apply (`show -json`). */
export type ApplyResult = NoBinaryResult | FailedResult | (RunBase & { status: 'applied'; binary: TerraformBinary; resources: string[] });
export type PlanAndApplyResult =
  | NoBinaryResult
  | FailedResult
  | (RunBase & { status: 'applied'; binary: TerraformBinary; plan: PlanSummary; resources: string[] });
/**
 * `drift`: the real resources differ from the state (refresh-only plan), or the state differs
 * from the configuration last applied (plan against it) — `by` says which was seen first.
 */
export type DriftResult =
  | NoBinaryResult
  | FailedResult
  | (RunBase & { status: 'in-sync' | 'drift'; binary: TerraformBinary; exitCode: 0 | 2; by: 'refresh-only' | 'plan' | null; plan: PlanSummary });

export interface RunOptions {
  /** Binary to use. Default: the first `terraform`, then `tofu`, on the PATH of `env`. */
  binary?: TerraformBinary;
  /** Overall limit for the whole call, all steps together. Default 15 minutes. */
  timeoutMs?: number;
  /** Base environment of the child processes. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where the local backend keeps state, overriding the relative path in the JSON (passed as
   * `init -backend-config=path=…`). Use it to keep state outside a directory that is re-synthesized.
   */
  statePath?: string;
  /** Lock wait for commands that take the state lock. Default `60s`. */
  lockTimeout?: string;
  /** Default 200 lines. */
  logTailLines?: number;
  /** Default 64 KiB. */
  logTailBytes?: number;
  /**
   * A Terraform CLI configuration file for the runs (`TF_CLI_CONFIG_FILE`), e.g. one naming the
   * provider mirror the site controls (see `writeCliConfig`).
   */
  cliConfigFile?: string;
}

export const PLAN_FILE = 'plan.tfplan';
const DRIFT_PLAN_FILE = 'drift.tfplan';
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/** After SIGINT (Terraform's graceful stop), how long before SIGKILL. */
const KILL_GRACE_MS = 10_000;
/** `show -json` of a large stack is a few MB; refuse to buffer beyond this. */
const MAX_JSON_BYTES = 256 * 1024 * 1024;

/** Finds `terraform`, then `tofu`, on a PATH. Returns `undefined` when neither is there. */
export async function findTerraformBinary(pathEnv: string | undefined = process.env['PATH']): Promise<TerraformBinary | undefined> {
  const dirs = (pathEnv ?? '').split(delimiter).filter((d) => d !== '');
  for (const flavor of ['terraform', 'tofu'] as const) {
    for (const dir of dirs) {
      const candidate = join(dir, flavor);
      if (await isExecutableFile(candidate)) return { flavor, path: candidate };
    }
  }
  return undefined;
}

export async function planStack(dir: string, opts: RunOptions = {}): Promise<PlanResult> {
  const run = await Run.start(dir, opts);
  if (!run) return noBinary();
  const init = await run.init();
  if (init) return init;
  const plan = await run.step('plan', ['plan', '-input=false', '-no-color', `-lock-timeout=${run.lockTimeout}`, `-out=${PLAN_FILE}`]);
  if (plan.failure) return plan.failure;
  const shown = await run.showPlan('show', PLAN_FILE);
  if ('status' in shown) return shown;
  return { status: 'planned', binary: run.binary, planFile: join(run.dir, PLAN_FILE), plan: shown.plan, ...run.base() };
}

/** Applies `plan.tfplan` as it was planned; Terraform refuses a plan whose state has moved on. */
export async function applyPlan(dir: string, opts: RunOptions = {}): Promise<ApplyResult> {
  const run = await Run.start(dir, opts);
  if (!run) return noBinary();
  const apply = await run.step('apply', ['apply', '-input=false', '-no-color', `-lock-timeout=${run.lockTimeout}`, PLAN_FILE]);
  if (apply.failure) return apply.failure;
  const state = await run.stateResources();
  if ('status' in state) return state;
  return { status: 'applied', binary: run.binary, resources: state.resources, ...run.base() };
}

/** Every managed resource address in the stack's state, as `terraform show -json` reads it. */
export async function stateResources(dir: string, opts: RunOptions = {}): Promise<NoBinaryResult | FailedResult | (RunBase & { status: 'read'; resources: string[] })> {
  const run = await Run.start(dir, opts);
  if (!run) return noBinary();
  const state = await run.stateResources();
  if ('status' in state) return state;
  return { status: 'read', resources: state.resources, ...run.base() };
}

export async function planAndApply(dir: string, opts: RunOptions = {}): Promise<PlanAndApplyResult> {
  const started = Date.now();
  const planned = await planStack(dir, opts);
  if (planned.status !== 'planned') return planned;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const applied = await applyPlan(dir, { ...opts, binary: planned.binary, timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)) });
  const steps = [...planned.steps, ...applied.steps];
  const logTail = joinTails(planned.logTail, applied.logTail, opts);
  if (applied.status === 'applied') return { status: 'applied', binary: planned.binary, plan: planned.plan, resources: applied.resources, steps, logTail };
  if (applied.status === 'no-binary') return applied;
  return { ...applied, steps, logTail };
}

/**
 * Compares the last applied configuration (written in `dir`) with the state and the real
 * resources, in two plans with `-detailed-exitcode` (exit 2 = differences):
 * - `plan -refresh-only`: the real resources against the state — what a real provider reports
 *   when someone changed a container behind Terraform's back;
 * - `plan`: the state against the configuration — what a changed or hand-edited state shows
 *   (resources like `terraform_data` have nothing real to refresh, so only this one sees it).
 * Uses its own plan file, so a reviewed plan is never overwritten by a drift check.
 */
export async function checkDrift(dir: string, opts: RunOptions = {}): Promise<DriftResult> {
  const run = await Run.start(dir, opts);
  if (!run) return noBinary();
  const init = await run.init();
  if (init) return init;
  const refresh = await run.step(
    'drift-refresh',
    ['plan', '-refresh-only', '-input=false', '-no-color', '-detailed-exitcode', `-lock-timeout=${run.lockTimeout}`],
    [0, 2],
  );
  if (refresh.failure) return refresh.failure;
  const plan = await run.step(
    'drift-plan',
    ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-lock-timeout=${run.lockTimeout}`, `-out=${DRIFT_PLAN_FILE}`],
    [0, 2],
  );
  if (plan.failure) return plan.failure;
  const shown = await run.showPlan('drift-show', DRIFT_PLAN_FILE);
  if ('status' in shown) return shown;
  const by = refresh.exitCode === 2 ? 'refresh-only' : plan.exitCode === 2 ? 'plan' : null;
  const exitCode = by === null ? 0 : 2;
  return { status: exitCode === 2 ? 'drift' : 'in-sync', exitCode, by, binary: run.binary, plan: shown.plan, ...run.base() };
}

// ── plan JSON ──────────────────────────────────────────────────────────────────────────────

const planJsonSchema = z.object({
  resource_changes: z
    .array(
      z.object({
        address: z.string(),
        mode: z.string().optional(),
        change: z.object({ actions: z.array(z.string()) }),
      }),
    )
    .optional(),
});

/** Summarises the `resource_changes` of `terraform show -json <planfile>`. */
export function summarisePlanJson(planJson: unknown): PlanSummary {
  const parsed = planJsonSchema.parse(planJson);
  const resources: PlanSummary['resources'] = { create: [], update: [], delete: [], replace: [] };
  for (const rc of parsed.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const actions = rc.change.actions;
    if (actions.includes('create') && actions.includes('delete')) resources.replace.push(rc.address);
    else if (actions.includes('create')) resources.create.push(rc.address);
    else if (actions.includes('update')) resources.update.push(rc.address);
    else if (actions.includes('delete')) resources.delete.push(rc.address);
  }
  for (const list of Object.values(resources)) list.sort();
  return {
    add: resources.create.length + resources.replace.length,
    change: resources.update.length,
    destroy: resources.delete.length + resources.replace.length,
    replace: resources.replace.length,
    resources,
  };
}

const moduleSchema: z.ZodType<{ resources?: { address: string; mode?: string | undefined }[] | undefined; child_modules?: unknown[] | undefined }> = z.object({
  resources: z.array(z.object({ address: z.string(), mode: z.string().optional() }).loose()).optional(),
  child_modules: z.array(z.unknown()).optional(),
}).loose();
const stateJsonSchema = z.object({ values: z.object({ root_module: moduleSchema.optional() }).loose().optional() }).loose();

/** Managed resource addresses of `terraform show -json` (state), child modules included, sorted. */
export function stateAddresses(stateJson: unknown): string[] {
  const out: string[] = [];
  const walk = (m: unknown): void => {
    const parsed = moduleSchema.parse(m);
    for (const r of parsed.resources ?? []) if (r.mode !== 'data') out.push(r.address);
    for (const c of parsed.child_modules ?? []) walk(c);
  };
  const root = stateJsonSchema.parse(stateJson).values?.root_module;
  if (root) walk(root);
  return out.sort();
}

// ── process handling ───────────────────────────────────────────────────────────────────────

class Run {
  private readonly steps: StepResult[] = [];
  private readonly tail: LogTail;
  private readonly deadline: number;
  readonly lockTimeout: string;

  private constructor(
    readonly dir: string,
    readonly binary: TerraformBinary,
    private readonly env: Record<string, string>,
    private readonly opts: RunOptions,
  ) {
    this.deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.tail = new LogTail(opts.logTailLines ?? 200, opts.logTailBytes ?? 64 * 1024);
    this.lockTimeout = opts.lockTimeout ?? '60s';
  }

  static async start(dir: string, opts: RunOptions): Promise<Run | undefined> {
    const baseEnv = opts.env ?? process.env;
    const binary = opts.binary ?? (await findTerraformBinary(baseEnv['PATH']));
    if (!binary) return undefined;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(baseEnv)) if (v !== undefined) env[k] = v;
    Object.assign(env, { CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', NO_COLOR: '1' });
    if (opts.cliConfigFile !== undefined) env['TF_CLI_CONFIG_FILE'] = resolve(opts.cliConfigFile);
    return new Run(resolve(dir), binary, env, opts);
  }

  base(): RunBase {
    return { binary: this.binary, steps: [...this.steps], logTail: this.tail.text() };
  }

  async init(): Promise<FailedResult | undefined> {
    const args = ['init', '-input=false', '-no-color', `-lock-timeout=${this.lockTimeout}`];
    if (this.opts.statePath !== undefined) args.push('-reconfigure', `-backend-config=path=${resolve(this.opts.statePath)}`);
    return (await this.step('init', args)).failure;
  }

  async showPlan(step: 'show' | 'drift-show', planFile: string): Promise<FailedResult | { plan: PlanSummary }> {
    const shown = await this.step(step, ['show', '-json', '-no-color', planFile], [0], true);
    if (shown.failure) return shown.failure;
    try {
      const json = JSON.parse(shown.stdout) as unknown;
      return { plan: { ...summarisePlanJson(json), attributes: planJsonAttributes(json) } };
    } catch (err) {
      return this.fail(step, `could not read the plan JSON: ${err instanceof Error ? err.message : String(err)}`, 'failed');
    }
  }

  async stateResources(): Promise<FailedResult | { resources: string[] }> {
    const shown = await this.step('state', ['show', '-json', '-no-color'], [0], true);
    if (shown.failure) return shown.failure;
    try {
      return { resources: stateAddresses(JSON.parse(shown.stdout)) };
    } catch (err) {
      return this.fail('state', `could not read the state JSON: ${err instanceof Error ? err.message : String(err)}`, 'failed');
    }
  }

  async step(
    step: TerraformStep,
    args: string[],
    okExitCodes: readonly number[] = [0],
    captureStdout = false,
  ): Promise<{ failure?: FailedResult; exitCode: number | null; stdout: string }> {
    const remaining = this.deadline - Date.now();
    if (remaining <= 0) return { failure: this.fail(step, 'timed out before the step started', 'timed-out'), exitCode: null, stdout: '' };
    this.tail.pushLine(`$ ${this.binary.flavor} ${args.join(' ')}`);
    const started = Date.now();
    const r = await runProcess(this.binary.path, args, { cwd: this.dir, env: this.env, timeoutMs: remaining, captureStdout }, this.tail);
    this.steps.push({ step, args, exitCode: r.exitCode, durationMs: Date.now() - started, timedOut: r.timedOut });
    if (r.timedOut) return { failure: this.fail(step, `${step} timed out`, 'timed-out'), exitCode: r.exitCode, stdout: '' };
    if (r.error) return { failure: this.fail(step, r.error, 'failed'), exitCode: r.exitCode, stdout: '' };
    if (r.exitCode === null || !okExitCodes.includes(r.exitCode)) {
      const how = r.exitCode === null ? `was killed (${r.signal ?? 'signal'})` : `exited with code ${r.exitCode}`;
      return { failure: this.fail(step, `${this.binary.flavor} ${args[0]} ${how}`, 'failed'), exitCode: r.exitCode, stdout: '' };
    }
    return { exitCode: r.exitCode, stdout: r.stdout };
  }

  private fail(step: TerraformStep, reason: string, status: 'failed' | 'timed-out'): FailedResult {
    return { status, failedStep: step, reason, ...this.base() };
  }
}

interface ProcessResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  error?: string;
}

function runProcess(
  file: string,
  args: readonly string[],
  o: { cwd: string; env: Record<string, string>; timeoutMs: number; captureStdout: boolean },
  tail: LogTail,
): Promise<ProcessResult> {
  return new Promise((done) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let captured = 0;
    let overflow = false;
    let timedOut = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const timer = setTimeout(() => {
      timedOut = true;
      tail.pushLine(`[timed out after ${o.timeoutMs} ms: interrupting]`);
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, o.timeoutMs);

    child.stdout.on('data', (b: Buffer) => {
      if (!o.captureStdout) return tail.push(b.toString('utf8'));
      captured += b.length;
      if (captured > MAX_JSON_BYTES) overflow = true;
      else chunks.push(b);
    });
    child.stderr.on('data', (b: Buffer) => tail.push(b.toString('utf8')));

    const finish = (r: Omit<ProcessResult, 'stdout' | 'timedOut'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      const stdout = Buffer.concat(chunks).toString('utf8');
      const error = r.error ?? (overflow ? `output larger than ${MAX_JSON_BYTES} bytes` : undefined);
      done({ ...r, ...(error !== undefined ? { error } : {}), stdout, timedOut });
    };
    child.on('error', (err) => finish({ exitCode: null, signal: null, error: `could not start ${file}: ${err.message}` }));
    child.on('close', (code, signal) => finish({ exitCode: code, signal }));
  });
}

/** Keeps the last N lines and at most M bytes of text. */
export class LogTail {
  private lines: string[] = [];
  private partial = '';
  private bytes = 0;
  private dropped = false;

  constructor(
    private readonly maxLines: number,
    private readonly maxBytes: number,
  ) {}

  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      this.bytes += Buffer.byteLength(line) + 1;
    }
    while (this.lines.length > this.maxLines || (this.bytes > this.maxBytes && this.lines.length > 0)) {
      this.bytes -= Buffer.byteLength(this.lines.shift()!) + 1;
      this.dropped = true;
    }
    if (Buffer.byteLength(this.partial) > this.maxBytes) {
      this.partial = this.partial.slice(-this.maxBytes);
      this.dropped = true;
    }
  }

  /** Adds a whole line of its own, after any unfinished line of output. */
  pushLine(line: string): void {
    this.push(`${this.partial === '' ? '' : '\n'}${line}\n`);
  }

  text(): string {
    const body = [...this.lines, ...(this.partial !== '' ? [this.partial] : [])].join('\n');
    const clipped = Buffer.byteLength(body) > this.maxBytes ? Buffer.from(body).subarray(-this.maxBytes).toString('utf8') : body;
    return this.dropped ? `[… earlier output dropped]\n${clipped}` : clipped;
  }
}

function joinTails(a: string, b: string, opts: RunOptions): string {
  const t = new LogTail(opts.logTailLines ?? 200, opts.logTailBytes ?? 64 * 1024);
  if (a !== '') t.pushLine(a);
  t.push(b);
  return t.text();
}

function noBinary(): NoBinaryResult {
  return { status: 'no-binary', reason: 'no terraform/tofu binary found on PATH', steps: [], logTail: '' };
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    if (!(await stat(p)).isFile()) return false;
    await access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ── readiness ──────────────────────────────────────────────────────────────────────────────

/** `terraform version -json` (tofu answers the same shape): the version, or the reason it failed. */
export async function terraformVersion(binary: TerraformBinary, env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ version: string } | { error: string }> {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  childEnv['CHECKPOINT_DISABLE'] = '1';
  const r = await runProcess(binary.path, ['version', '-json'], { cwd: process.cwd(), env: childEnv, timeoutMs: 30_000, captureStdout: true }, new LogTail(20, 4096));
  if (r.error || r.exitCode !== 0) return { error: r.error ?? `${binary.flavor} version exited with code ${r.exitCode ?? 'null'}` };
  try {
    const parsed = z.object({ terraform_version: z.string() }).loose().parse(JSON.parse(r.stdout));
    return { version: parsed.terraform_version };
  } catch {
    return { error: `${binary.flavor} version -json did not answer JSON` };
  }
}

export interface ProviderPackage {
  version: string;
  /** `linux_amd64`… */
  platform: string;
  /** `packed` (a zip, as `terraform providers mirror` writes) or `unpacked` (a directory, as the plugin cache keeps). */
  layout: 'packed' | 'unpacked';
  path: string;
}

/**
 * The packages of one provider (`kreuzwerker/docker`, host `registry.terraform.io` unless the
 * source names one) found in a directory laid out as Terraform's filesystem mirror or plugin cache:
 * `<host>/<namespace>/<type>/<version>/<os>_<arch>/` (unpacked) or
 * `<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip` (packed).
 */
export async function findProviderPackages(dir: string, source: string): Promise<ProviderPackage[]> {
  const parts = source.split('/');
  const [host, namespace, type] = parts.length === 3 ? parts : ['registry.terraform.io', ...parts];
  if (!host || !namespace || !type) return [];
  const base = join(dir, host, namespace, type);
  const found: ProviderPackage[] = [];
  let entries: Dirent[];
  try {
    entries = await readdir(base, { withFileTypes: true });
  } catch {
    return [];
  }
  const zip = new RegExp(`^terraform-provider-${type.replace(/[^a-z0-9-]/g, '')}_([^_]+)_([a-z0-9]+_[a-z0-9]+)\\.zip$`);
  for (const e of entries) {
    const m = zip.exec(e.name);
    if (e.isFile() && m) found.push({ version: m[1]!, platform: m[2]!, layout: 'packed', path: join(base, e.name) });
    else if (e.isDirectory()) {
      let platforms: Dirent[] = [];
      try {
        platforms = await readdir(join(base, e.name), { withFileTypes: true });
      } catch {
        continue;
      }
      for (const p of platforms) if (p.isDirectory() && /^[a-z0-9]+_[a-z0-9]+$/.test(p.name)) found.push({ version: e.name, platform: p.name, layout: 'unpacked', path: join(base, e.name, p.name) });
    }
  }
  return found.sort((a, b) => (a.version === b.version ? (a.platform < b.platform ? -1 : 1) : a.version < b.version ? -1 : 1));
}

/** Terraform's name for this machine's platform (`linux_amd64`, `darwin_arm64`…). */
export function terraformPlatform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${process.platform}_${arch}`;
}
