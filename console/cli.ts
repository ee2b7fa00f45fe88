/**
 * `dcops <command>`: operator commands on the same data directory as the server.
 */
import { Command } from 'commander';
import { createUserInput } from './api/schemas.js';
import { parseInput } from './api/validation.js';
import { recordAuditVerification } from './services/audit/record-verification.js';
import { checkAgainstCheckpoints, writeCheckpoint } from './audit/checkpoints.js';
import { systemClock } from './clock.js';
import { systemActor } from './context.js';
import { prepareDatabase } from './bootstrap.js';
import { closeDatabase, databasePath, type Db } from './db/open.js';
import { ConfigError, loadConfig, type Config } from './env.js';
import { InvalidInput, ServiceError } from './errors.js';
import { createUser } from './services/users/create.js';
import { VERSION } from './version.js';
import { registerInfraCommands } from './cli/infra.js';
import { registerEvidenceCommands } from './cli/evidence.js';
import { registerBackupCommands } from './cli/backup.js';
import { registerDcimCommands } from './cli/dcim.js';
import { registerCatalogCommands } from './cli/catalog.js';

function withDb<T>(fn: (db: Db, dataDir: string, config: Config) => T | Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = prepareDatabase(databasePath(config.dataDir));
  return Promise.resolve()
    .then(() => fn(db, config.dataDir, config))
    .finally(() => closeDatabase(db));
}

const program = new Command();
program
  .name('dcops')
  .description("Hosting and certification operations console — ASIN's national datacenter (Abomey-Calavi)")
  .version(VERSION)
  .showHelpAfterError()
  .addHelpText('after', '\nEnvironment: DCOPS_DATA_DIR (default ./data) selects the data directory; see .env.example.');

program
  .command('migrate')
  .description('create the database if needed and apply pending migrations')
  .action(async () => {
    await withDb((db) => {
      const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
      process.stdout.write(`database ${databasePath(loadConfig().dataDir)}: ${row.n} migrations applied\n`);
    });
  });

const user = program.command('user').description('manage accounts');
user
  .command('add')
  .description('create an account (prints a generated password once when --password is not given)')
  .requiredOption('--email <email>', 'login email')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role>', 'requester | operator | auditor | admin')
  .option('--ministry <code>', 'ministry code (requesters only)')
  .option('--password-stdin', 'read the password from standard input instead of generating one')
  .action(async (opts: { email: string; name: string; role: string; ministry?: string; passwordStdin?: boolean }) => {
    let password: string | undefined;
    if (opts.passwordStdin) {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      password = Buffer.concat(chunks).toString('utf8').trim();
    }
    const input = parseInput(createUserInput, { email: opts.email, name: opts.name, role: opts.role, ministry: opts.ministry, password });
    await withDb(async (db) => {
      const result = await createUser({ ctx: { db, clock: systemClock, actor: { ...systemActor, via: 'cli' } }, input, scryptN: loadConfig().scryptN });
      process.stdout.write(`created ${result.user.role} ${result.user.email} (${result.user.id})\n`);
      if (result.generatedPassword) process.stdout.write(`password (shown once): ${result.generatedPassword}\n`);
    });
  });

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('walk the hash chain and compare it with every signed checkpoint; exits 1 and names the first broken entry or the tampering found')
  .action(async () => {
    await withDb((db) => {
      const config = loadConfig();
      const checkpoints = { dir: config.checkpointDir, keyFile: config.checkpointKeyFile };
      const result = recordAuditVerification({ ctx: { db, clock: systemClock }, input: { checkpoints } });
      const anchoring = checkAgainstCheckpoints(db.$client, checkpoints, result);
      const ms = result.durationMs;
      if (result.ok) {
        process.stdout.write(`audit chain OK: ${result.entries} entries verified in ${ms} ms, head ${result.headHash}\n`);
      } else {
        process.stdout.write(`audit chain BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason} (${result.entries} entries verified before it)\n`);
        process.exitCode = 1;
      }
      for (const t of anchoring.tampering.slice(1)) process.stdout.write(`  also: ${t.reason}\n`);
      const last = anchoring.lastCheckpoint;
      process.stdout.write(
        last
          ? `checkpoints: ${anchoring.checkpoints} in ${checkpoints.dir}, the last at entry ${last.seq} (${last.at}); ${anchoring.notYetAnchored} entries after it not yet anchored\n`
          : `checkpoints: none in ${checkpoints.dir}; all ${anchoring.notYetAnchored} entries not yet anchored\n`,
      );
    });
  });

audit
  .command('checkpoint')
  .description('sign the current head of the chain into the checkpoint directory (DCOPS_AUDIT_CHECKPOINT_DIR)')
  .action(async () => {
    await withDb((db) => {
      const config = loadConfig();
      const written = writeCheckpoint(db.$client, { dir: config.checkpointDir, keyFile: config.checkpointKeyFile }, systemClock.now());
      process.stdout.write(written ? `checkpoint written: entry ${written.seq}, hash ${written.hash}\n` : 'the head is checkpointed already (or the trail is empty)\n');
    });
  });

registerInfraCommands(program, withDb);
registerEvidenceCommands(program);
registerBackupCommands(program, withDb);
registerDcimCommands(program, withDb);
registerCatalogCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof InvalidInput) {
    process.stderr.write(`dcops: invalid input:\n${err.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}\n`);
    process.exit(2);
  }
  if (err instanceof ServiceError || err instanceof ConfigError) {
    process.stderr.write(`dcops: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`dcops: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
