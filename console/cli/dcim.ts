/** `dcops dcim …`: the facility model, what-if of one component, the N-1 sweep. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { facilitySchema, type WhatIf } from '../../facility/index.js';
import { parseInput } from '../api/validation.js';
import { InvalidInput } from '../errors.js';
import { facilityFromCsv, facilityToCsv } from '../services/dcim/csv.js';
import { importFacility } from '../services/dcim/import.js';
import { loadFacility } from '../services/dcim/read-model.js';
import { runSweep, type SweepReport } from '../services/dcim/sweep.js';
import { whatIfComponent } from '../services/dcim/what-if.js';
import { cliContext } from './context.js';
import type { WithDb } from './infra.js';

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const kw = (w: number) => `${(w / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} kW`;

function printWhatIf(w: WhatIf): void {
  out(`${w.component.kind} ${w.component.id} (${w.component.name})`);
  out(`  goes down with it: ${w.down.length > 0 ? w.down.join(', ') : 'nothing else'}`);
  out(`  hosts stopped: ${w.stoppedHosts.length > 0 ? w.stoppedHosts.join(', ') : 'none'}`);
  out(`  environments stopped: ${w.environmentsStopped.length > 0 ? w.environmentsStopped.map((e) => `${e.name} (${e.availability})`).join(', ') : 'none'}`);
  out(`  high availability keeping a replica: ${w.highKeeping.length > 0 ? w.highKeeping.map((e) => `${e.name} (-${e.replicasLost})`).join(', ') : 'none affected'}`);
  out(`  over their limit on the remaining path: ${w.overloads.length > 0 ? w.overloads.map((o) => `${o.id} ${kw(o.loadW)} > ${kw(o.limitW)}`).join(', ') : 'none'}`);
  out(`  rooms over cooling capacity: ${w.roomsOverCooling.length > 0 ? w.roomsOverCooling.map((r) => `${r.id} ${kw(r.heatW)} > ${kw(r.capacityW)}`).join(', ') : 'none'}`);
  out(`single point of failure: ${w.singlePointOfFailure ? 'yes' : 'no'}`);
}

function printSweep(r: SweepReport): void {
  for (const s of r.singlePointsOfFailure) {
    const why = [
      ...(s.stopsHigh.length > 0 ? [`stops ${s.stopsHigh.length} high-availability environment(s)`] : []),
      ...(s.overloads.length > 0 ? [`overloads ${s.overloads.join(', ')}`] : []),
      ...(s.roomsOverCooling.length > 0 ? [`leaves ${s.roomsOverCooling.join(', ')} short of cooling`] : []),
    ];
    out(`single point of failure: ${s.kind} ${s.id} (${s.name}): ${why.join('; ')}`);
  }
  const b = r.baseline;
  for (const o of b.overloads) out(`over its limit in normal operation: ${o.kind} ${o.id} ${kw(o.loadW)} > ${kw(o.limitW)}`);
  if (b.unpowered.length > 0) out(`without power in normal operation: ${b.unpowered.join(', ')}`);
  for (const room of b.roomsOverCooling) out(`room over its cooling capacity: ${room.id} ${kw(room.heatW)} > ${kw(room.capacityW)}`);
  for (const e of b.environmentsStopped) out(`environment stopped in normal operation: ${e.name}`);
  for (const u of b.unmodelled) out(`replica on a host the model lacks: ${u.host}`);
  out(`components: ${r.components}, single points of failure: ${r.singlePoints}`);
}

export function registerDcimCommands(program: Command, withDb: WithDb): void {
  const dcim = program.command('dcim').description('the facility: rooms, racks, power chain, cooling; what-if and the N-1 sweep');
  dcim
    .command('what-if')
    .description('what stops and what runs over its limit if COMPONENT_ID is taken down')
    .argument('<COMPONENT_ID>')
    .option('--json', 'print the answer as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withDb((db, dataDir) => {
        const w = whatIfComponent({ ctx: cliContext(db, dataDir, undefined), input: { id } });
        if (opts.json) out(JSON.stringify(w, null, 2));
        else printWhatIf(w);
      });
    });
  dcim
    .command('sweep')
    .description('take every component down in turn; name each single point of failure (exit 1 when there is one, or when the facility is not sound in normal operation)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDb((db, dataDir) => {
        const r = runSweep({ ctx: cliContext(db, dataDir, undefined), input: { trigger: 'cli' } });
        if (!r) throw new InvalidInput([{ pointer: '', field: '', message: 'no facility is modelled yet: load one with `dcops dcim import FILE`' }]);
        if (opts.json) out(JSON.stringify(r, null, 2));
        else printSweep(r);
        if (!r.clean) process.exitCode = 1;
      });
    });
  dcim
    .command('import')
    .description('replace the facility model with FILE (.csv, or JSON { "components": [...] })')
    .argument('<FILE>')
    .option('--operator <email>', 'the operator or admin account loading it (the console itself by default)')
    .action(async (file: string, opts: { operator?: string }) => {
      await withDb((db, dataDir) => {
        const text = readFileSync(file, 'utf8');
        const csv = file.toLowerCase().endsWith('.csv');
        const facility = csv ? facilityFromCsv(text) : parseInput(facilitySchema, JSON.parse(text) as unknown);
        const r = importFacility({ ctx: cliContext(db, dataDir, opts.operator), input: { facility, format: csv ? 'csv' : 'json' } });
        out(`loaded ${r.components} components`);
        if (r.sweep) out(`components: ${r.sweep.components}, single points of failure: ${r.sweep.singlePoints}`);
      });
    });
  dcim
    .command('export')
    .description('write the facility model (JSON by default)')
    .option('--csv', 'as CSV, one component per line')
    .option('--out <file>', 'where to write it (standard output by default)')
    .action(async (opts: { csv?: boolean; out?: string }) => {
      await withDb((db) => {
        const f = loadFacility(db);
        const text = opts.csv ? facilityToCsv(f) : JSON.stringify(f, null, 2) + '\n';
        if (opts.out) writeFileSync(opts.out, text);
        else process.stdout.write(text);
      });
    });
}
