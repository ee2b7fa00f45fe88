/**
 * Audit-chain verification of a million entries, against hashing the same rows in the same run:
 * verifying walks the chain in order, rebuilds each entry's canonical form and checks its link,
 * and should cost little more than reading and hashing what it verifies.
 */
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { appendAudit, verifyAuditChain, VERIFY_PAGE_ROWS } from '../console/audit/chain.js';
import { systemActor } from '../console/context.js';
import { closeDatabase, openDatabase } from '../console/db/open.js';
import { atMostTimes, type BenchResult } from './types.js';

const ENTRIES = 1_000_000;
/** Verification may cost at most this many times reading and hashing the same rows. */
const GOAL_RATIO = 2;
const ROUNDS = 3;

function fill(client: Database.Database): void {
  client.transaction(() => {
    for (let i = 0; i < ENTRIES; i++) {
      appendAudit(client, {
        at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
        actor: systemActor,
        action: 'hosting-request.submit',
        entity: 'hosting-request',
        entityId: `req-${i % 10_000}`,
        ministryId: 'ministry-id',
        before: { state: 'draft', version: 1 },
        after: { state: 'submitted', version: 2 },
      });
    }
  })();
}

/**
 * The floor: every row read in order, in the same pages, and its stored fields hashed in one
 * shot, with no canonical form and no link checked.
 */
function hashRows(client: Database.Database): number {
  const stmt = client.prepare('SELECT seq, at, actor, action, entity, entity_id, ministry_id, before, after, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').raw(true);
  let n = 0;
  let after = 0;
  for (;;) {
    const rows = stmt.all(after, VERIFY_PAGE_ROWS) as unknown[][];
    if (rows.length === 0) return n;
    for (const row of rows) hash('sha256', row.join('\u0000'), 'hex');
    n += rows.length;
    after = rows[rows.length - 1]![0] as number;
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-bench-audit-'));
  const db = openDatabase(join(dir, 'dcops.db'));
  try {
    fill(db.$client);
    hashRows(db.$client);
    const verify: number[] = [];
    const baseline: number[] = [];
    // Alternating rounds, so a slow patch of the machine weighs on both alike.
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      if (hashRows(db.$client) !== ENTRIES) throw new Error('the baseline did not read every row');
      baseline.push((performance.now() - t) / 1000);
      t = performance.now();
      const result = verifyAuditChain(db.$client);
      verify.push((performance.now() - t) / 1000);
      if (!result.ok || result.entries !== ENTRIES) throw new Error('audit chain did not verify');
    }
    const seconds = Math.min(...verify);
    const floor = Math.min(...baseline);
    return [
      atMostTimes({
        id: 'audit.verify.1m',
        title: 'Audit chain verification of 1,000,000 entries, against reading and hashing the same rows',
        unit: 's',
        value: seconds,
        baseline: { title: 'reading every row in order and hashing its fields', value: floor },
        maxTimes: GOAL_RATIO,
        notes: `${Math.round(ENTRIES / seconds).toLocaleString('en')} entries/s; best of ${ROUNDS} alternating rounds`,
      }),
    ];
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
