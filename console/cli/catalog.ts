/**
 * `dcops catalog import FILE [--profile FILE] [--id ID]`: load an OSCAL catalogue as a framework.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { sha256Hex } from '../../lib/sha256.js';
import { prepareDatabase } from '../bootstrap.js';
import { systemClock } from '../clock.js';
import { systemActor } from '../context.js';
import { closeDatabase, databasePath } from '../db/open.js';
import { loadConfig } from '../env.js';
import { InvalidInput } from '../errors.js';
import { importCatalog } from '../services/catalogs/import.js';

function readJsonFile(path: string, field: string): { json: unknown; sha256: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InvalidInput([{ pointer: `/${field}`, field, message: `cannot read ${path}: ${(err as Error).message}` }]);
  }
  try {
    return { json: JSON.parse(bytes.toString('utf8')) as unknown, sha256: sha256Hex(bytes) };
  } catch (err) {
    throw new InvalidInput([{ pointer: `/${field}`, field, message: `${path} is not JSON: ${(err as Error).message}` }]);
  }
}

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('certification catalogues');
  catalog
    .command('import')
    .description('load an OSCAL 1.1 catalogue (JSON) as a framework; with --profile, only the controls the profile selects')
    .argument('<file>', 'OSCAL catalogue, JSON')
    .option('--profile <file>', 'OSCAL profile selecting controls of the catalogue')
    .option('--id <framework>', 'framework id, when the catalogue carries none')
    .action((file: string, opts: { profile?: string; id?: string }) => {
      const cat = readJsonFile(file, 'catalog');
      const prof = opts.profile ? readJsonFile(opts.profile, 'profile') : undefined;
      const config = loadConfig();
      const db = prepareDatabase(databasePath(config.dataDir));
      try {
        const result = importCatalog({
          ctx: { db, clock: systemClock, actor: { ...systemActor, via: 'cli' } },
          input: { catalog: cat.json, catalogSha256: cat.sha256, ...(prof ? { profile: prof.json, profileSha256: prof.sha256 } : {}), ...(opts.id ? { frameworkId: opts.id } : {}) },
        });
        const what = result.outcome === 'identical' ? 'is identical to the built-in framework; nothing to import' : `${result.outcome}: ${result.controls} control(s)`;
        process.stdout.write(`${result.frameworkId} ${what}\n`);
      } finally {
        closeDatabase(db);
      }
    });
}
