/**
 * `npm run bench`: runs every benchmark module, writes bench/results.json and the table in
 * docs/benchmarks.md. Targets live here, never in timed tests.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { BenchModule, BenchResult } from './types.js';

const modules: Record<string, () => Promise<BenchModule>> = {
  api: () => import('./api.js'),
  audit: () => import('./audit.js'),
  synth: () => import('./synth.js'),
  policy: () => import('./policy.js'),
  reachability: () => import('./reachability.js'),
  plans: () => import('./plans.js'),
  upload: () => import('./upload.js'),
  metrics: () => import('./metrics.js'),
  pages: () => import('./pages.js'),
  dcim: () => import('./dcim.js'),
  oscal: () => import('./oscal.js'),
  'readiness-history': () => import('./readiness-history.js'),
  'load-run': () => import('./load-run.js'),
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: { module: string; results: BenchResult[]; error?: string }[] = [];
  for (const [name, load] of Object.entries(modules)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const file = new URL(`./${name}.ts`, import.meta.url);
    if (!existsSync(file)) continue;
    process.stdout.write(`bench ${name} …\n`);
    try {
      const mod = await load();
      const r = await mod.run();
      results.push({ module: name, results: r });
      for (const x of r) process.stdout.write(`  ${x.met ? 'met   ' : 'MISSED'} ${x.title}: ${x.value} ${x.unit}${x.ratio !== undefined ? ` (ratio ${x.ratio})` : ''} — goal ${x.goal}\n`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      results.push({ module: name, results: [], error: message });
      process.stdout.write(`  FAILED: ${message}\n`);
    }
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
  const report = { date: new Date().toISOString(), machine, modules: results };
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(report, null, 2) + '\n');
  writeFileSync('docs/benchmarks.md', markdown(report));
  process.stdout.write('wrote bench/results.json and docs/benchmarks.md\n');
  if (results.some((m) => m.error)) process.exitCode = 1;
}

function markdown(report: { date: string; machine: Record<string, string | number>; modules: { module: string; results: BenchResult[]; error?: string }[] }): string {
  const rows = report.modules.flatMap((m) =>
    m.error
      ? [`| ${m.module} | failed: ${m.error} | | | | | |`]
      : m.results.map(
          (r) =>
            `| ${r.title} | ${r.value} ${r.unit} | ${r.baseline ? `${r.baseline.value} ${r.unit} (${r.baseline.title})` : '—'} | ${r.ratio ?? '—'} | ${r.goal} | ${r.met ? 'yes' : '**no**'} | ${r.notes ?? ''} |`,
        ),
  );
  return `# Benchmarks

Measured by \`npm run bench\` on ${report.date.slice(0, 10)}; every figure is compared with a baseline measured in the same run on the same machine.
Raw results: [bench/results.json](../bench/results.json).

Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node} (${report.machine.platform}).

| Figure | Value | Baseline | Ratio | Goal | Met | Notes |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

await main();
