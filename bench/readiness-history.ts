/**
 * Readiness and the Statement of Applicability over a year of history. The Benin demo, then 365
 * daily policy runs through the real verbs (`recordPolicyRun` on the demo's synthesized stacks
 * with the exceptions live that day, and the console's own collectors): automatic evidence is
 * re-checked every day and gains a version only when a result changes (here, when the change
 * register's 92-day window lets the demo's applies go). Measured on the last day against the same measures on the first day, in the same run:
 * - readiness: every framework's readiness and every control's, as the pages compute them;
 * - the SoA: its data read and the printable page rendered (French), and the CSV.
 * Goal: roughly flat — at most 2× the first day's time for 365× the history. The evidence tables
 * must grow with changes, not with runs: the versions added over the year are reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { listFrameworks } from '../compliance/index.js';
import { listControlsQuery } from '../console/api/compliance-schemas.js';
import { prepareDatabase } from '../console/bootstrap.js';
import { manualClock } from '../console/clock.js';
import type { Actor, ServiceContext } from '../console/context.js';
import { closeDatabase, type Db } from '../console/db/open.js';
import { DEMO_DOMAIN, seedDemo } from '../console/demo/seed.js';
import { EvidenceStore } from '../console/evidence/store.js';
import { listFrameworksView } from '../console/services/controls/frameworks.js';
import { listControlsView } from '../console/services/controls/list.js';
import { collectEvidence } from '../console/services/evidence/collect.js';
import { liveExceptions } from '../console/services/exceptions/live.js';
import { renderSoaPage } from '../console/services/exports/soa-page.js';
import { exportSoaCsv, exportSoaData } from '../console/services/exports/soa.js';
import { recordPolicyRun } from '../console/services/policy/record-run.js';
import { desiredState } from '../console/services/runs/desired-state.js';
import type { BenchResult } from './types.js';

const DAYS = 365;
/** At most this many times the first day's time, for 365 times the history. */
const GOAL_RATIO = 2;
const ROUNDS = 30;
const WARMUP = 5;
const DAY = 86_400_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function actorOf(db: Db, email: string): Actor {
  const u = db.$client.prepare('SELECT id, role FROM users WHERE email = ?').get(email) as { id: string; role: Actor['role'] };
  return { userId: u.id, email, role: u.role, ministryId: null, via: 'cli' };
}

/**
 * Median times of `a` and `b`, measured in alternating rounds so that a busy machine weighs on
 * both alike (a baseline taken a minute apart from its figure can differ by 3× on a shared host).
 */
async function alternating(rounds: number, a: () => unknown, b: () => unknown): Promise<[number, number]> {
  for (let i = 0; i < WARMUP; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return [round(median(ta)), round(median(tb))];
}

/** Every framework's readiness and every control's, as the home, frameworks and controls pages compute them. */
function readiness(ctx: ServiceContext): void {
  listFrameworksView({ ctx });
  for (const f of listFrameworks()) {
    for (let offset = 0; ; offset += 200) {
      const page = listControlsView({ ctx, input: listControlsQuery.parse({ framework: f.id, limit: '200', offset: String(offset) }) });
      if (offset + 200 >= page.total) break;
    }
  }
}

async function soa(ctx: ServiceContext): Promise<void> {
  await renderSoaPage(exportSoaData({ ctx }), ctx.clock.now(), 'fr');
  exportSoaCsv({ ctx, input: { locale: 'fr' } });
}

const count = (db: Db, sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-readiness-'));
  const start = Date.parse('2026-01-05T09:00:00Z');
  const clock = manualClock(new Date(start));
  const db = prepareDatabase(join(dir, 'dcops.db'), clock);
  let day1Db: Db | undefined;
  try {
    // Day 1: the demo, with its first policy run and collection.
    await seedDemo({ db, clock, password: 'bench-password-readiness', scryptN: 1024, dataDir: dir });
    const operator: ServiceContext = { db, clock, actor: actorOf(db, `operator@${DEMO_DOMAIN}`) };
    const auditor: ServiceContext = { db, clock, actor: actorOf(db, `auditor@${DEMO_DOMAIN}`) };
    const store = new EvidenceStore(dir);

    // The first day kept aside, with its own clock, to be measured alongside the last one.
    const firstDay = join(dir, 'first-day.db');
    db.$client.prepare('VACUUM INTO ?').run(firstDay);
    const day1Clock = manualClock(new Date(start + DAY / 2));
    day1Db = prepareDatabase(firstDay, day1Clock);
    const day1Auditor: ServiceContext = { db: day1Db, clock: day1Clock, actor: auditor.actor };
    const versions1 = count(db, 'SELECT count(*) AS n FROM evidence_versions');
    const items1 = count(db, 'SELECT count(*) AS n FROM evidence');

    // The desired state does not change over the year (no request decided): synthesized once.
    const state = desiredState(db, { dataDir: dir });
    const buildStart = performance.now();
    for (let d = 1; d < DAYS; d++) {
      clock.set(new Date(start + d * DAY));
      recordPolicyRun({
        ctx: operator,
        input: { trigger: 'check', stacks: state.stacks, stackHashes: state.hashes, specSha256: state.specSha256, exceptions: liveExceptions(db, clock.now()) },
        dataDir: dir,
      });
      collectEvidence({ ctx: operator, store });
    }
    const buildSeconds = Math.round((performance.now() - buildStart) / 100) / 10;
    const runs = count(db, 'SELECT count(*) AS n FROM policy_runs');
    const versions365 = count(db, 'SELECT count(*) AS n FROM evidence_versions');
    const items365 = count(db, 'SELECT count(*) AS n FROM evidence');

    const [day1Readiness, day365Readiness] = await alternating(ROUNDS, () => readiness(day1Auditor), () => readiness(auditor));
    const [day1Soa, day365Soa] = await alternating(ROUNDS, () => soa(day1Auditor), () => soa(auditor));
    const history = `${runs} policy runs, evidence ${items1} → ${items365} items and ${versions1} → ${versions365} versions (+${versions365 - versions1} over the year); the year took ${buildSeconds} s to record`;
    const figure = (id: string, title: string, value: number, base: number): BenchResult => {
      const ratio = Math.round((base / value) * 1000) / 1000;
      return {
        id,
        title,
        unit: 'ms',
        value,
        baseline: { title: 'the same on the first day (1 policy run)', value: base },
        ratio,
        better: 'lower',
        goal: `≤ ${GOAL_RATIO}× the first day's time for ${DAYS}× the history (ratio ≥ ${1 / GOAL_RATIO})`,
        met: ratio >= 1 / GOAL_RATIO,
        notes: `medians of ${ROUNDS} alternating rounds; ${history}`,
      };
    };
    return [
      figure('readiness.history.year.ms', `readiness of the four frameworks and of every control after ${DAYS} daily policy runs`, day365Readiness, day1Readiness),
      figure('soa.history.year.ms', `Statement of Applicability (data, printable page, CSV) after ${DAYS} daily policy runs`, day365Soa, day1Soa),
    ];
  } finally {
    if (day1Db) closeDatabase(day1Db);
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
