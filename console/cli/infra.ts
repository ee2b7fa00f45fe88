/** `dcops spec | synth | plan | apply | drift | check`: the infrastructure side of the console. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { synthTenancy } from '../../infra/synth.js';
import { tenancySpecSchema, type TenancySpec } from '../../infra/spec.js';
import type { Db } from '../db/open.js';
import type { Config } from '../env.js';
import { checkPolicy } from '../services/policy/check.js';
import { liveExceptions } from '../services/exceptions/live.js';
import { recordPolicyRun } from '../services/policy/record-run.js';
import { applyRun } from '../services/runs/apply.js';
import { approveRun } from '../services/runs/approve.js';
import { applyReadiness } from '../services/runs/readiness.js';
import { desiredState, infraDepsOf } from '../services/runs/desired-state.js';
import { checkStacksDrift } from '../services/runs/drift.js';
import { planRuns } from '../services/runs/plan.js';
import { buildTenancySpec, specSha256 } from '../services/tenancy/build-spec.js';
import { cliContext, cliTokenContext, readCliToken } from './context.js';

export type WithDb = <T>(fn: (db: Db, dataDir: string, config: Config) => T | Promise<T>) => Promise<T>;

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

export function registerInfraCommands(program: Command, withDb: WithDb): void {
  program
    .command('spec')
    .description('write the TenancySpec produced from the database (default: <data dir>/tenancy-spec.json, read by `npx cdktf synth`)')
    .option('--out <file>', 'where to write it; - for standard output')
    .action(async (opts: { out?: string }) => {
      await withDb((db, dataDir) => {
        const spec = buildTenancySpec(db);
        const text = `${JSON.stringify(spec, null, 2)}\n`;
        if (opts.out === '-') return void process.stdout.write(text);
        const file = resolve(opts.out ?? `${dataDir}/tenancy-spec.json`);
        writeFileAtomic(file, text);
        out(`spec ${specSha256(spec)} written to ${file}`);
      });
    });

  program
    .command('synth')
    .description('synthesize every stack to Terraform JSON (cdktf.out/stacks/*/cdk.tf.json), report each sha256, and record a policy run')
    .option('--out <dir>', 'output directory', 'cdktf.out')
    .option('--spec <file>', 'synthesize this TenancySpec file instead of the database’s')
    .action(async (opts: { out: string; spec?: string }) => {
      await withDb((db, dataDir, config) => {
        const spec: TenancySpec = opts.spec ? tenancySpecSchema.parse(JSON.parse(readFileSync(opts.spec, 'utf8'))) : buildTenancySpec(db);
        const result = synthTenancy(spec, { outdir: opts.out, options: config.tenancyOptions });
        out(`spec ${result.specSha256}`);
        for (const s of result.stacks) out(`${s.sha256}  ${s.name}  (${s.resourceCount} resources)  ${s.file}`);
        if (!opts.spec) {
          const ctx = cliContext(db, dataDir, undefined);
          const state = desiredState(db, infraDepsOf(config));
          const run = recordPolicyRun({ ctx, input: { trigger: 'synth', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions: liveExceptions(db, ctx.clock.now()) }, dataDir });
          out(`policy run ${run.runId}: ${JSON.stringify(run.report.totals.byStatus)}${run.report.blocking ? ' — BLOCKING findings' : ''}`);
        }
      });
    });

  const withToken = (c: Command) =>
    c.option('--token-file <file>', 'file holding the operator’s API token (dcops_…)').option('--token-stdin', 'read the operator’s API token from standard input');

  withToken(
    program
      .command('plan')
      .description('record a planned run (preview, policy verdict, saved terraform plan file) for every stack whose desired state differs from its last apply and its current plan'),
  )
    .option('--out <dir>', 'also write the synthesized files here')
    .action(async (opts: { out?: string; tokenFile?: string; tokenStdin?: boolean }) => {
      const token = await readCliToken(opts);
      await withDb(async (db, dataDir, config) => {
        const ctx = cliTokenContext(db, token, 'operator');
        if (opts.out) synthTenancy(buildTenancySpec(db), { outdir: opts.out, options: config.tenancyOptions });
        const result = await planRuns({ ctx, deps: infraDepsOf(config), exceptions: liveExceptions(db, ctx.clock.now()) });
        out(`spec ${result.specSha256}; policy ${result.policy.blocking ? 'BLOCKING' : 'ok'} ${JSON.stringify(result.policy.byStatus)}`);
        for (const r of result.runs) {
          const p = r.plan as { summary: { add: number; change: number; destroy: number } };
          out(`${r.stack}: +${p.summary.add} ~${p.summary.change} -${p.summary.destroy}  (run ${r.id}${r.planError ? `; no plan file: ${r.planError}` : ''})`);
        }
        for (const a of result.alreadyPlanned) out(`${a.stack}: already planned (run ${a.runId})`);
        if (result.unchanged.length) out(`unchanged: ${result.unchanged.join(', ')}`);
      });
    });

  withToken(program.command('approve <run>').description('approve the saved plan file of a planned run (an operator other than the one who planned it)')).action(
    async (runId: string, opts: { tokenFile?: string; tokenStdin?: boolean }) => {
      const token = await readCliToken(opts);
      await withDb((db, dataDir, config) => {
        const ctx = cliTokenContext(db, token, 'operator');
        const run = approveRun({ ctx, input: { id: runId }, deps: infraDepsOf(config) });
        out(`run ${run.id} (${run.stack}) approved by ${run.approvedBy ?? ctx.actor.email}; plan file ${run.planFileSha256 ?? '—'}`);
      });
    },
  );

  withToken(
    program
      .command('apply <run>')
      .description('apply exactly the saved, approved plan file of a planned run; refuses when unapproved, superseded, stale, too old, blocked by policy or when another apply of the stack runs'),
  ).action(async (runId: string, opts: { tokenFile?: string; tokenStdin?: boolean }) => {
    const token = await readCliToken(opts);
    await withDb(async (db, dataDir, config) => {
      const ctx = cliTokenContext(db, token, 'operator');
      const result = await applyRun({ ctx, input: { id: runId }, deps: infraDepsOf(config), exceptions: liveExceptions(db, ctx.clock.now()) });
      out(`run ${result.run.id}: ${result.run.status}${result.run.failureReason ? ` — ${result.run.failureReason}` : ''}`);
      if (result.run.logTail) out(result.run.logTail);
      if (result.activatedRequests.length) out(`activated requests: ${result.activatedRequests.join(', ')}`);
      if (result.decommissionedRequests.length) out(`decommissioned requests: ${result.decommissionedRequests.join(', ')}`);
      if (result.run.status !== 'applied') process.exitCode = 1;
    });
  });

  withToken(program.command('drift').description('per stack: never-applied, pending-changes, drifted, in-sync or unknown (with the reason); exit 2 on drift')).action(
    async (opts: { tokenFile?: string; tokenStdin?: boolean }) => {
      const token = await readCliToken(opts);
      await withDb(async (db, dataDir, config) => {
        const ctx = cliTokenContext(db, token, 'operator');
        const result = await checkStacksDrift({ ctx, deps: infraDepsOf(config) });
        for (const s of result.stacks) {
          const p = s.pendingChanges;
          out(`${s.stack}: ${s.status}; pending +${p.add.length} ~${p.change.length} -${p.destroy.length}${s.reason ? ` (${s.reason})` : ''}`);
        }
        if (result.stacks.some((s) => s.status === 'drifted')) process.exitCode = 2;
      });
    },
  );

  program
    .command('readiness')
    .description('can applies work here: terraform/tofu binary and version, provider mirror (DCOPS_TF_PLUGIN_MIRROR), providers available; exit 1 when not ready')
    .action(async () => {
      await withDb(async (db, dataDir, config) => {
        const ctx = cliContext(db, dataDir, undefined);
        const r = await applyReadiness({ ctx, deps: infraDepsOf(config) });
        for (const c of r.checks) out(`${c.state.padEnd(10)} ${c.id}: ${c.code} ${JSON.stringify(c.values)}`);
        out(r.ready ? 'ready' : 'NOT READY');
        if (!r.ready) process.exitCode = 1;
      });
    });

  program
    .command('check')
    .description('evaluate every policy rule on the current desired state and record the run; exits 1 when findings block applies')
    .option('--operator <email>', 'the operator checking (default: the console itself)')
    .option('--json <file>', 'also write the findings as JSON')
    .action(async (opts: { operator?: string; json?: string }) => {
      await withDb((db, dataDir, config) => {
        const ctx = cliContext(db, dataDir, opts.operator);
        const result = checkPolicy({ ctx, deps: infraDepsOf(config) });
        out(`policy run ${result.runId}: ${result.resourceCount} resources, ${JSON.stringify(result.byStatus)}, report ${result.reportSha256}`);
        for (const f of result.findings.slice(0, 50)) out(`  ${f.severity.padEnd(8)} ${f.ruleId}  ${f.address}  ${f.message}`);
        if (opts.json) writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
        if (result.blocking) process.exitCode = 1;
      });
    });
}
