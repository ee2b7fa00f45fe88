import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../lib/canonical-json.js';
import { appendAudit, canonicalEntry, entryHash, GENESIS_HASH, verifyAuditChain } from '../../console/audit/chain.js';
import { writeTransaction } from '../../console/context.js';
import { ministries } from '../../console/db/schema/index.js';
import { makeHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('audit trail', () => {
  it('records every write with before/after, chained from the genesis hash', async () => {
    const r = await h.requestIn('mef', 'audited', ['submit', 'approve']);
    const log = await h.call('auditor', 'GET', `/api/v1/audit?entity=hosting-request&entityId=${r.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['hosting-request.approve', 'hosting-request.submit', 'hosting-request.create']);
    const approve = log.body.items[0];
    expect(approve).toMatchObject({ actor: 'op1@test.bj', before: { state: 'submitted', version: 2 }, after: { state: 'approved', version: 3 } });
    expect(approve.after.placements).toHaveLength(1);
    const first = h.db.$client.prepare('SELECT prev_hash FROM audit_log WHERE seq = 1').get() as { prev_hash: string };
    expect(first.prev_hash).toBe(GENESIS_HASH);
  });

  it('hashes the canonical JSON of the entry', () => {
    const e = { seq: 7, at: '2026-01-01T00:00:00.000Z', actor: 'a@b.bj', action: 'x.y', entity: 'x', entityId: 'id', ministryId: null, before: canonicalJson({ b: 1, a: [2] }), after: null, prevHash: 'f'.repeat(64) };
    const viaObject = canonicalJson({ seq: 7, at: e.at, actor: e.actor, action: e.action, entity: e.entity, id: e.entityId, ministry: null, before: { a: [2], b: 1 }, after: null, prev_hash: e.prevHash });
    expect(canonicalEntry(e)).toBe(viaObject);
    expect(entryHash(e.prevHash, canonicalEntry(e))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies through the API and names the first tampered entry', async () => {
    await h.requestIn('mef', 'tamper', ['submit', 'approve']);
    const ok = await h.call('auditor', 'GET', '/api/v1/audit/verify');
    expect(ok.body).toMatchObject({ ok: true });
    const total = ok.body.entries as number;
    expect(total).toBeGreaterThan(10);

    // The table refuses edits; someone with file access drops the guard first.
    expect(() => h.db.$client.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 3").run()).toThrow(/append-only/);
    h.db.$client.exec('DROP TRIGGER audit_log_no_update');
    h.db.$client.prepare("UPDATE audit_log SET after = '{\"state\":\"rejected\"}' WHERE seq = 5").run();
    const broken = await h.call('auditor', 'GET', '/api/v1/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, entries: 4, firstBroken: { seq: 5, reason: 'content does not match its hash' } });
  });

  it('detects a deleted entry as a sequence gap', async () => {
    await h.requestIn('mef', 'gap', ['submit']);
    h.db.$client.exec('DROP TRIGGER audit_log_no_delete');
    h.db.$client.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    const res = verifyAuditChain(h.db.$client);
    expect(res.ok).toBe(false);
    expect(res.firstBroken).toEqual({ seq: 5, reason: 'sequence gap: expected 4, found 5' });
  });

  it('detects a re-hashed entry by the next link', async () => {
    await h.requestIn('mef', 'rehash', ['submit']);
    h.db.$client.exec('DROP TRIGGER audit_log_no_update');
    const row = h.db.$client.prepare('SELECT * FROM audit_log WHERE seq = 3').get() as Record<string, string | number | null>;
    const forged = { seq: 3, at: String(row.at), actor: 'forger@x.bj', action: String(row.action), entity: String(row.entity), entityId: String(row.entity_id), ministryId: row.ministry_id as string | null, before: row.before as string | null, after: row.after as string | null, prevHash: String(row.prev_hash) };
    h.db.$client.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 3').run(forged.actor, entryHash(forged.prevHash, canonicalEntry(forged)));
    expect(verifyAuditChain(h.db.$client).firstBroken).toEqual({ seq: 4, reason: 'prev_hash does not match the hash of the previous entry' });
  });

  it('rolls the change back when the audit append fails', () => {
    const before = h.snapshot();
    const ctx = { db: h.db, clock: h.clock, actor: h.callers.admin!.actor };
    h.db.$client.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() =>
      writeTransaction(ctx, (tx, audit) => {
        tx.update(ministries).set({ name: 'Changé' }).run();
        audit({ action: 'ministry.update', entity: 'ministry', entityId: 'x' });
      }),
    ).toThrow(/disk full/);
    h.db.$client.exec('DROP TRIGGER fail_audit');
    expect(h.snapshot()).toEqual(before);
    const names = h.db.$client.prepare('SELECT name FROM ministries').all() as { name: string }[];
    expect(names.map((n) => n.name)).not.toContain('Changé');
  });

  it('refuses an append outside a transaction', () => {
    expect(() => appendAudit(h.db.$client, { at: 'x', actor: h.callers.admin!.actor, action: 'a', entity: 'b', entityId: 'c' })).toThrow(/inside the write transaction/);
  });

  it('shows requesters only their ministry’s entries and pages with `before`', async () => {
    await h.requestIn('mef', 'mine', ['submit']);
    await h.requestIn('mnd', 'theirs', ['submit']);
    const mine = await h.call('mef', 'GET', '/api/v1/audit?limit=200');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { ministryId: string }) => e.ministryId === h.ministries.MEF.id)).toBe(true);
    const page = await h.call('auditor', 'GET', '/api/v1/audit?limit=2');
    expect(page.body.items).toHaveLength(2);
    const next = await h.call('auditor', 'GET', `/api/v1/audit?limit=2&before=${page.body.nextBefore}`);
    expect(next.body.items[0].seq).toBe(page.body.items[1].seq - 1);
    expect((await h.call('mef', 'GET', '/api/v1/audit/verify')).status).toBe(403);
  });
});
