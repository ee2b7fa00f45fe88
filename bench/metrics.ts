/**
 * `/metrics` scrape cost: latency with the full demo plus 100k audit rows, and the number of SQL
 * statements one scrape runs — measured on the demo, then again with ten times the ministries
 * and hosts, to show it does not grow with the estate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { createApp } from '../console/app.js';
import { appendAudit } from '../console/audit/chain.js';
import { loginLimiters } from '../console/auth/rate-limit.js';
import { manualClock, systemClock } from '../console/clock.js';
import { systemActor } from '../console/context.js';
import { closeDatabase, openDatabase } from '../console/db/open.js';
import { seedDemo } from '../console/demo/seed.js';
import { parseConfig } from '../console/env.js';
import { createLogger } from '../console/logger.js';
import { syncCatalogs } from '../console/services/catalogs/sync.js';
import { createHost } from '../console/services/hosts/create.js';
import { createMinistry } from '../console/services/ministries/create.js';
import { percentile } from './load.js';
import type { BenchResult } from './types.js';

async function scrapeStats(dir: string, extra: (db: ReturnType<typeof openDatabase>) => void) {
  let counting = false;
  let statements = 0;
  const db = openDatabase(join(dir, 'dcops.db'), { onStatement: () => void (counting && statements++) });
  syncCatalogs({ ctx: { db, clock: systemClock } });
  extra(db);
  const app = createApp({ db, clock: systemClock, config: parseConfig({ DCOPS_DATA_DIR: dir, LOG_LEVEL: 'silent' }), logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(systemClock) });
  for (let i = 0; i < 20; i++) await (await app.request('/metrics')).text();
  counting = true;
  statements = 0;
  await (await app.request('/metrics')).text();
  counting = false;
  const perScrape = statements;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await (await app.request('/metrics')).text();
    times.push(performance.now() - t);
  }
  closeDatabase(db);
  times.sort((a, b) => a - b);
  return { perScrape, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-metrics-'));
  try {
    const seedDb = openDatabase(join(dir, 'dcops.db'));
    syncCatalogs({ ctx: { db: seedDb, clock: systemClock } });
    await seedDemo({ db: seedDb, clock: manualClock(new Date('2026-01-01T00:00:00Z')), password: 'bench-password-123', scryptN: 1024 });
    seedDb.$client.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        appendAudit(seedDb.$client, { at: new Date(Date.UTC(2026, 0, 2) + i * 1000).toISOString(), actor: systemActor, action: 'hosting-request.submit', entity: 'hosting-request', entityId: `req-${i % 1000}`, before: { state: 'draft' }, after: { state: 'submitted' } });
      }
    })();
    closeDatabase(seedDb);

    const demo = await scrapeStats(dir, () => {});
    const grown = await scrapeStats(dir, (db) => {
      const ctx = { db, clock: systemClock, actor: systemActor };
      for (let i = 0; i < 126; i++) createMinistry({ ctx, input: { code: `MX${i}`, name: `Ministère ${i}`, kind: 'ministry', quotas: { vcpu: 8, memoryMb: 8192, storageGb: 100, environments: 2 } } });
      for (let i = 0; i < 90; i++) createHost({ ctx, input: { name: `hx-${i}`, dockerHost: 'tcp://10.9.0.1:2376', vcpu: 32, memoryMb: 131072, storageGb: 2000, powerFeed: i % 2 ? 'A' : 'B', zone: 'salle-3' } });
    });
    return [
      {
        id: 'metrics.scrape.p99',
        title: '/metrics scrape latency p99 (full demo + 100k audit rows)',
        unit: 'ms',
        value: round(demo.p99),
        better: 'lower',
        goal: '≤ 50 ms',
        met: demo.p99 <= 50,
        notes: `p50 ${round(demo.p50)} ms; with 10× ministries and hosts p99 ${round(grown.p99)} ms`,
      },
      {
        id: 'metrics.scrape.statements',
        title: 'SQL statements per scrape: demo (14 ministries, 10 hosts) vs 140 ministries and 100 hosts',
        unit: 'statements',
        value: grown.perScrape,
        baseline: { title: 'the same scrape on the demo estate', value: demo.perScrape },
        ratio: round(demo.perScrape / grown.perScrape),
        better: 'lower',
        goal: 'constant (ratio = 1)',
        met: grown.perScrape === demo.perScrape,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
