/**
 * `dcops evidence …`: evidence commands on the same data directory as the server.
 */
import type { Command } from 'commander';
import { systemClock } from '../clock.js';
import { systemActor } from '../context.js';
import { prepareDatabase } from '../bootstrap.js';
import { closeDatabase, databasePath } from '../db/open.js';
import { loadConfig } from '../env.js';
import { InvalidInput } from '../errors.js';
import { EvidenceStore } from '../evidence/store.js';
import { collectEvidence, collectorSources, type CollectorSource } from '../services/evidence/collect.js';

function parseSources(value: string | undefined): CollectorSource[] {
  if (value === undefined) return [];
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(collectorSources as string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidInput([{ pointer: '/source', field: 'source', message: `unknown source ${unknown.join(', ') || '(empty)'}; one of ${collectorSources.join(', ')}` }]);
  }
  return names as CollectorSource[];
}

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('certification evidence');
  evidence
    .command('collect')
    .description("file evidence from the console's own records, as a new version of each automatic item")
    .option('--source <name>', `${collectorSources.join(' | ')} (comma-separated for several; all by default)`)
    .action((opts: { source?: string }) => {
      const sources = parseSources(opts.source);
      const config = loadConfig();
      const db = prepareDatabase(databasePath(config.dataDir));
      try {
        const store = new EvidenceStore(config.dataDir);
        const filed = collectEvidence({ ctx: { db, clock: systemClock, actor: { ...systemActor, via: 'cli' } }, store, input: { sources } });
        for (const f of filed) {
          process.stdout.write(`filed ${f.source} v${f.version} (evidence ${f.evidenceId}, sha256 ${f.sha256}) on ${f.controls.join(', ')}\n  ${f.summary}\n`);
        }
      } finally {
        closeDatabase(db);
      }
    });
}
