/**
 * The whole OSCAL evidence package (every document, every referenced file, manifest, zip) for
 * the demo plus a year of daily policy runs that found nothing new, against a baseline taken
 * in the same run: reading the same rows, serialising them to JSON and hashing them, and
 * reading and hashing the same files. Then the package's size after that year, against the
 * demo's package alone (it must grow with changes, not with runs), and after one real change.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { prepareDatabase } from '../console/bootstrap.js';
import { manualClock } from '../console/clock.js';
import { systemActor } from '../console/context.js';
import { closeDatabase, type Db } from '../console/db/open.js';
import { seedDemo } from '../console/demo/seed.js';
import { EvidenceStore } from '../console/evidence/store.js';
import { exportEvidencePackage } from '../console/services/exports/evidence-package.js';
import type { BenchResult } from './types.js';

const DAYS = 365;
const ROUNDS = 5;
const GOAL_MS = 2000;
/** The package may cost this many times the bare serialisation and hashing of the same data. */
const GOAL_RATIO = 0.1;
const GOAL_GROWTH = 1.05;
const DAY = 86_400_000;

/** What a daily run that finds nothing new leaves: a run, its results, a version per automatic item with the same report. */
function addDailyRuns(db: Db, start: number, days: number): void {
  const c = db.$client;
  const first = c.prepare('SELECT * FROM policy_runs ORDER BY at LIMIT 1').get() as Record<string, unknown>;
  const insertRun = c.prepare('INSERT INTO policy_runs (id, at, actor, trigger, spec_sha256, report_sha256, resource_count, totals, blocking, stacks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const copyResults = c.prepare('INSERT INTO policy_results (run_id, rule_id, severity, address, status, message, exception_id) SELECT ?, rule_id, severity, address, status, message, exception_id FROM policy_results WHERE run_id = ?');
  const latest = c.prepare(`SELECT v.* FROM evidence_versions v JOIN evidence e ON e.id = v.evidence_id WHERE e.source = 'policy-run' AND v.version = (SELECT max(version) FROM evidence_versions WHERE evidence_id = v.evidence_id)`);
  const insertVersion = c.prepare(
    `INSERT INTO evidence_versions (id, evidence_id, version, file_sha256, file_size, file_name, content_type, url, note, effective_at, expires_at, uploaded_by, uploaded_by_id, uploaded_at, review_status, reviewed_by_id, reviewed_at, review_comment, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, 'pending', NULL, NULL, NULL, ?)`,
  );
  c.transaction(() => {
    for (let d = 1; d <= days; d++) {
      const at = new Date(start + d * DAY).toISOString();
      const id = randomUUID();
      insertRun.run(id, at, first['actor'], 'check', first['spec_sha256'], first['report_sha256'], first['resource_count'], first['totals'], first['blocking'], first['stacks']);
      copyResults.run(id, first['id']);
      for (const v of latest.all() as Record<string, unknown>[]) {
        const metadata = JSON.stringify({ ...(JSON.parse(String(v['metadata'] ?? '{}')) as object), policyRunId: id });
        insertVersion.run(randomUUID(), v['evidence_id'], Number(v['version']) + 1, v['file_sha256'], v['file_size'], v['file_name'], v['content_type'], at, new Date(start + (d + 30) * DAY).toISOString(), v['uploaded_by'], v['uploaded_by_id'], at, metadata);
      }
    }
  })();
}

async function packageBytes(db: Db, clock: ReturnType<typeof manualClock>, store: EvidenceStore): Promise<Buffer> {
  const { stream } = await exportEvidencePackage({ ctx: { db, clock, actor: systemActor }, store });
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(stream)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same rows and files, only serialised and hashed. */
function baseline(db: Db, store: EvidenceStore): number {
  const c = db.$client;
  const tables = ['evidence', 'evidence_versions', 'evidence_controls', 'control_status', 'findings', 'finding_controls', 'risks', 'risk_assets', 'risk_controls', 'hosting_requests', 'catalog_controls', 'users'];
  let bytes = 0;
  const h = createHash('sha256');
  for (const t of tables) {
    const json = JSON.stringify(c.prepare(`SELECT * FROM "${t}"`).all());
    h.update(json);
    bytes += json.length;
  }
  const run = c.prepare('SELECT id FROM policy_runs ORDER BY at DESC LIMIT 1').get() as { id: string };
  h.update(JSON.stringify(c.prepare('SELECT * FROM policy_results WHERE run_id = ?').all(run.id)));
  for (const { sha } of c.prepare('SELECT DISTINCT file_sha256 AS sha FROM evidence_versions WHERE file_sha256 IS NOT NULL').all() as { sha: string }[]) {
    h.update(readFileSync(store.pathOf(sha)));
  }
  h.digest('hex');
  return bytes;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-oscal-'));
  const start = Date.parse('2025-11-01T09:00:00Z');
  const clock = manualClock(new Date(start));
  const db = prepareDatabase(join(dir, 'dcops.db'), clock);
  try {
    await seedDemo({ db, clock, password: 'bench-password-123', scryptN: 1024, dataDir: dir });
    const store = new EvidenceStore(dir);
    clock.set(new Date(start + DAY / 2));
    const demoSize = (await packageBytes(db, clock, store)).length;
    addDailyRuns(db, start, DAYS);
    clock.set(new Date(start + (DAYS + 1) * DAY));
    const yearSize = (await packageBytes(db, clock, store)).length;

    const pkg: number[] = [];
    const base: number[] = [];
    await packageBytes(db, clock, store);
    baseline(db, store);
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      await packageBytes(db, clock, store);
      pkg.push(performance.now() - t);
      t = performance.now();
      baseline(db, store);
      base.push(performance.now() - t);
    }
    const pkgMs = Math.round(median(pkg));
    const baseMs = Math.round(median(base) * 10) / 10;
    const ratio = Math.round((baseMs / pkgMs) * 1000) / 1000;

    // One real change: a new document version with new content.
    const item = db.$client.prepare("SELECT evidence_id AS id, max(version) AS v FROM evidence_versions GROUP BY evidence_id LIMIT 1").get() as { id: string; v: number };
    const put = store.put(`nouvelle preuve ${randomUUID()}`);
    db.$client
      .prepare(`INSERT INTO evidence_versions (id, evidence_id, version, file_sha256, file_size, file_name, content_type, effective_at, uploaded_by, uploaded_at, review_status) VALUES (?, ?, ?, ?, ?, 'nouvelle.txt', 'text/plain', ?, 'bench', ?, 'pending')`)
      .run(randomUUID(), item.id, item.v + 1, put.sha256, put.size, clock.now().toISOString(), clock.now().toISOString());
    const changedSize = (await packageBytes(db, clock, store)).length;
    const growth = Math.round((yearSize / demoSize) * 1000) / 1000;
    return [
      {
        id: 'oscal.package.year.ms',
        title: `Whole OSCAL evidence package, demo + ${DAYS} daily policy runs`,
        unit: 'ms',
        value: pkgMs,
        baseline: { title: 'reading, serialising and hashing the same rows and files', value: baseMs },
        ratio,
        better: 'lower',
        goal: `ratio ≥ ${GOAL_RATIO} (at most ${1 / GOAL_RATIO}× the bare serialisation); ≤ ${GOAL_MS} ms absolute`,
        met: ratio >= GOAL_RATIO && pkgMs <= GOAL_MS,
        notes: `median of ${ROUNDS} alternating rounds`,
      },
      {
        id: 'oscal.package.size.growth',
        title: `Package size after ${DAYS} daily runs that changed nothing, against the demo's package`,
        unit: 'bytes',
        value: yearSize,
        baseline: { title: 'demo package', value: demoSize },
        ratio: Math.round((demoSize / yearSize) * 1000) / 1000,
        better: 'lower',
        goal: `≤ ${GOAL_GROWTH}× the demo's package`,
        met: growth <= GOAL_GROWTH,
        notes: `one new evidence file afterwards: ${changedSize} bytes (+${changedSize - yearSize})`,
      },
    ];
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
