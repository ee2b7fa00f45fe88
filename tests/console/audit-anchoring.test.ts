/**
 * Signed checkpoints anchor the audit chain: a tail rewritten with recomputed hashes, or cut
 * off, verifies as a chain but not against the checkpoints; entries after the last checkpoint
 * are reported as not yet anchored. Checked through the API, the verification record the
 * server keeps, the real server (every N entries, at shutdown) and `dcops audit verify`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalEntry, entryHash, verifyAuditChain } from '../../console/audit/chain.js';
import { PUBLIC_KEY_FILE, verifyAnchoredChain, writeCheckpoint } from '../../console/audit/checkpoints.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { systemActor } from '../../console/context.js';
import { systemClock } from '../../console/clock.js';
import { parseConfig } from '../../console/env.js';
import { createLogger } from '../../console/logger.js';
import { startServer } from '../../console/server.js';
import { recordAuditVerification } from '../../console/services/audit/record-verification.js';
import { createMinistry } from '../../console/services/ministries/create.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { run } from '../helpers/process.js';

let h: Harness;
let place: { dir: string; keyFile: string };
beforeEach(async () => {
  h = await makeHarness();
  place = { dir: h.config.checkpointDir, keyFile: h.config.checkpointKeyFile };
});
afterEach(() => h.close());

type Row = { seq: number; at: string; actor: string; action: string; entity: string; entity_id: string; ministry_id: string | null; before: string | null; after: string | null; prev_hash: string; hash: string };

/** What someone with write access to the file can do: change an entry and re-hash everything after it. */
function rewriteFrom(client: Database.Database, seq: number, after: string): void {
  client.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  const rows = client.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as Row[];
  let prev = (client.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq - 1) as { hash: string }).hash;
  const update = client.prepare('UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const changed = r.seq === seq ? after : r.after;
    const e = { seq: r.seq, at: r.at, actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, ministryId: r.ministry_id, before: r.before, after: changed, prevHash: prev };
    const hash = entryHash(prev, canonicalEntry(e));
    update.run(changed, prev, hash, r.seq);
    prev = hash;
  }
}

function truncateAfter(client: Database.Database, seq: number): void {
  client.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
  client.prepare('DELETE FROM audit_log WHERE seq > ?').run(seq);
}

const head = (client: Database.Database) => (client.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;

describe('signed checkpoints', () => {
  it('are kept outside the database: a 0600 Ed25519 key, JSON files and the public key to copy off', async () => {
    await h.requestIn('mef', 'ancre', ['submit']);
    const written = writeCheckpoint(h.db.$client, place, h.clock.now());
    expect(written).toMatchObject({ seq: head(h.db.$client), format: 'dcops-audit-checkpoint' });
    expect(statSync(place.keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(place.keyFile, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(readdirSync(place.dir).sort()).toEqual([PUBLIC_KEY_FILE, `checkpoint-${String(written!.seq).padStart(12, '0')}.json`]);
    expect(readFileSync(join(place.dir, PUBLIC_KEY_FILE), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    // The same head is not checkpointed twice.
    expect(writeCheckpoint(h.db.$client, place, h.clock.now())).toBeNull();
  });

  it('name a tail rewritten with recomputed hashes as tampering, which the chain alone accepts', async () => {
    await h.requestIn('mef', 'reecrit', ['submit', 'approve']);
    const anchored = writeCheckpoint(h.db.$client, place, h.clock.now())!;
    rewriteFrom(h.db.$client, anchored.seq - 3, '{"state":"rejected"}');
    expect(verifyAuditChain(h.db.$client).ok).toBe(true);

    const res = await h.call('auditor', 'GET', '/api/v1/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, firstBroken: { seq: anchored.seq, reason: expect.stringMatching(/^tampering: rewritten: entry \d+/) } });
    expect(res.body.anchoring).toMatchObject({ checkpoints: 1, tampering: [expect.objectContaining({ seq: anchored.seq })] });

    // The verification the server records (monitoring reads it) is broken too.
    const recorded = recordAuditVerification({ ctx: { db: h.db, clock: h.clock }, input: { checkpoints: place } });
    expect(recorded.ok).toBe(false);
  });

  it('name the last entries deleted as a truncation', async () => {
    await h.requestIn('mef', 'tronque', ['submit', 'approve', 'start-provisioning', 'activate']);
    const anchored = writeCheckpoint(h.db.$client, place, h.clock.now())!;
    truncateAfter(h.db.$client, anchored.seq - 5);
    expect(verifyAuditChain(h.db.$client).ok).toBe(true);
    const result = verifyAnchoredChain(h.db.$client, place);
    expect(result.ok).toBe(false);
    expect(result.firstBroken!.reason).toMatch(new RegExp(`^tampering: truncated: entry ${anchored.seq} was checkpointed .* the trail now ends at ${anchored.seq - 5}$`));
  });

  it('report the entries after the last checkpoint as not yet anchored', async () => {
    await h.requestIn('mef', 'avant', ['submit']);
    const anchored = writeCheckpoint(h.db.$client, place, h.clock.now())!;
    await h.requestIn('mef', 'apres', ['submit']);
    const res = await h.call('operator', 'GET', '/api/v1/audit/verify');
    expect(res.body.ok).toBe(true);
    expect(res.body.anchoring).toMatchObject({ checkpoints: 1, lastCheckpoint: { seq: anchored.seq }, notYetAnchored: head(h.db.$client) - anchored.seq, tampering: [] });
  });

  it('refuse a checkpoint whose content no longer matches its signature', async () => {
    await h.requestIn('mef', 'signe', ['submit']);
    const anchored = writeCheckpoint(h.db.$client, place, h.clock.now())!;
    rewriteFrom(h.db.$client, anchored.seq - 1, '{"forged":true}');
    // Rewriting the checkpoint to match the forged chain breaks its signature.
    const file = join(place.dir, `checkpoint-${String(anchored.seq).padStart(12, '0')}.json`);
    const forged = { ...JSON.parse(readFileSync(file, 'utf8')), hash: (h.db.$client.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(anchored.seq) as { hash: string }).hash };
    writeFileSync(file, JSON.stringify(forged));
    const result = verifyAnchoredChain(h.db.$client, place);
    expect(result.ok).toBe(false);
    expect(result.anchoring.tampering[0]!.reason).toMatch(/invalid signature/);
  });
});

describe('the server', () => {
  it('writes a checkpoint every N entries and one at clean shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcops-anchor-'));
    try {
      const config = parseConfig({ DCOPS_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', DCOPS_AUDIT_CHECKPOINT_EVERY: '5', DCOPS_AUDIT_VERIFY_HOURS: '0', DCOPS_BACKUP_INTERVAL_HOURS: '0' });
      const db = prepareDatabase(join(dir, 'dcops.db'), systemClock);
      const server = await startServer({ db, config, clock: systemClock, logger: createLogger('silent') });
      const sys = { db, clock: systemClock, actor: systemActor };
      for (let i = 0; i < 7; i++) createMinistry({ ctx: sys, input: { code: `M${i}X`, name: `Ministère ${i}`, kind: 'ministry', quotas: { vcpu: 1, memoryMb: 1, storageGb: 1, environments: 1 } } });
      const files = () => readdirSync(config.checkpointDir).filter((f) => f.startsWith('checkpoint-'));
      expect(files()).toHaveLength(1);
      // The first one when five entries had no checkpoint yet.
      expect(JSON.parse(readFileSync(join(config.checkpointDir, files()[0]!), 'utf8')).seq).toBe(5);
      const last = head(db.$client);
      await server.close();
      expect(files()).toContain(`checkpoint-${String(last).padStart(12, '0')}.json`);
      const reopened = prepareDatabase(join(dir, 'dcops.db'), systemClock);
      try {
        expect(verifyAnchoredChain(reopened.$client, { dir: config.checkpointDir, keyFile: config.checkpointKeyFile })).toMatchObject({ ok: true, anchoring: { notYetAnchored: 0 } });
      } finally {
        reopened.$client.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dcops audit verify', () => {
  it('names a truncated tail as tampering and counts the entries not yet anchored', async () => {
    await h.requestIn('mef', 'cli', ['submit', 'approve']);
    const env = { DCOPS_DATA_DIR: h.dir, DCOPS_SCRYPT_N: '1024' };
    const first = await run(process.execPath, ['bin/dcops.js', 'audit', 'checkpoint'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/checkpoint written: entry \d+/);
    await h.requestIn('mef', 'cli-2', []);
    const ok = await run(process.execPath, ['bin/dcops.js', 'audit', 'verify'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/checkpoints: 1 in .*, the last at entry \d+ .*; [1-9]\d* entries after it not yet anchored/);
    expect(existsSync(place.keyFile)).toBe(true);

    const anchored = Number(/checkpoint written: entry (\d+)/.exec(first.stdout)![1]);
    truncateAfter(h.db.$client, anchored - 2);
    const broken = await run(process.execPath, ['bin/dcops.js', 'audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at entry \d+: tampering: truncated/);
  });
});
