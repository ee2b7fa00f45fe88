/** `dcops backup [DIR]` and `dcops restore DIR`: the data directory, copied while it serves and brought back. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BackupError } from '../backup/errors.js';
import { restoreBackup } from '../backup/restore.js';
import { loadConfig } from '../env.js';
import { createBackup } from '../services/backup/create.js';
import { cliContext } from './context.js';
import type { WithDb } from './infra.js';

const out = (text: string) => process.stdout.write(`${text}\n`);
const count = (n: number | null, one: string, many = `${one}s`) => `${n ?? 0} ${n === 1 ? one : many}`;

/** A refusal the operator can act on: the message and each problem, exit status 1, no stack trace. */
function report(err: unknown): void {
  if (!(err instanceof BackupError)) throw err;
  process.stderr.write(`dcops: ${err.message}\n${err.problems.map((p) => `  - ${p}\n`).join('')}`);
  process.exitCode = 1;
}

export function registerBackupCommands(program: Command, withDb: WithDb): void {
  program
    .command('backup [dir]')
    .description(
      'copy the database (SQLite online backup, safe while the console serves), the evidence store, run snapshots and terraform state into DIR ' +
        '(default: <data dir>/backups/<timestamp>/), with manifest.json listing every file’s size and sha256 and manifest.sha256 beside it',
    )
    .action(async (dir: string | undefined) => {
      try {
        await withDb(async (db, dataDir) => {
          const r = await createBackup({ ctx: cliContext(db, dataDir, undefined), input: { dataDir, dir: dir === undefined ? undefined : resolve(dir), trigger: 'cli' } });
          out(`backup written to ${r.dir}`);
          out(`  ${count(r.files, 'file')}, ${count(r.bytes, 'byte')} in ${r.durationMs} ms; audit head ${r.auditHead} (${count(r.auditEntries, 'entry', 'entries')})`);
          out(`  manifest sha256 ${r.manifestSha256}`);
          for (const w of r.taken.manifest.warnings) out(`  warning: ${w}`);
        });
      } catch (err) {
        report(err);
      }
    });

  program
    .command('restore <dir>')
    .description(
      'verify the backup in DIR against its manifest, restore it into the data directory (staged beside it, then renamed into place; the previous content is kept aside) ' +
        'and verify the audit chain; refuses a data directory holding a database unless --force',
    )
    .option('--force', 'replace a data directory that holds a database (stop the console first)')
    .option('--check', 'only verify: the backup, and a staged restore of it with its audit chain; nothing is replaced')
    .option('--to <dir>', 'restore into this directory instead of DCOPS_DATA_DIR')
    .action(async (dir: string, opts: { force?: boolean; check?: boolean; to?: string }) => {
      try {
        const target = resolve(opts.to ?? loadConfig().dataDir);
        const r = await restoreBackup({ from: dir, to: target, force: opts.force ?? false, checkOnly: opts.check ?? false });
        const m = r.manifest;
        if (opts.check) out(`backup ${resolve(dir)} verified: ${count(m.totals.files, 'file')}, ${count(m.totals.bytes, 'byte')}, audit chain OK (${count(r.audit.entries, 'entry', 'entries')}, head ${r.audit.headHash})`);
        else {
          out(`restored ${resolve(dir)} (taken ${m.createdAt}) into ${r.target}`);
          out(`  ${count(m.totals.files, 'file')}, ${count(m.totals.bytes, 'byte')}; audit chain OK: ${count(r.audit.entries, 'entry', 'entries')}, head ${r.audit.headHash}`);
          if (r.previous) out(`  the previous content of ${r.target} is kept in ${r.previous}`);
        }
      } catch (err) {
        report(err);
      }
    });
}
