/** The security-event log and the audit trail pages. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../console/context.js';
import { pruneSecurityEvents } from '../../console/services/security-events/prune.js';
import { verifySecurityChain } from '../../console/services/security-events/chain.js';
import { recordSecurityEvent } from '../../console/services/security-events/record.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { FORM, get, post, signIn } from '../helpers/web.js';
import { insertEvidence } from './compliance/fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const auditCount = () => (h.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const kinds = () => (h.db.$client.prepare('SELECT kind FROM security_events ORDER BY seq').all() as { kind: string }[]).map((r) => r.kind);

describe('security events', () => {
  it('records failed and throttled sign-ins, refusals, downloads and exports apart from the audit chain, hash-chained, with retention', async () => {
    const before = auditCount();
    // Unknown accounts and throttled attempts leave no entry in the audit chain, only security events.
    for (let i = 0; i < 12; i++) {
      await h.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'personne@test.bj', password: `faux-${i}` }) });
    }
    expect(auditCount()).toBe(before);
    expect(kinds()).toContain('sign_in_failed');
    expect(kinds()).toContain('sign_in_throttled');

    expect((await h.call('mef', 'GET', '/api/v1/findings')).status).toBe(403);
    const ev = insertEvidence(h, { controls: [['iso27001-2022', 'A.8.15']], versions: [{ content: 'journal' }] });
    expect((await h.app.request(`/api/v1/evidence/${ev.id}/versions/1/download`, { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } })).status).toBe(200);
    expect((await h.app.request('/api/v1/exports/soa.csv', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } })).status).toBe(200);
    expect(kinds().slice(-3)).toEqual(['access_denied', 'evidence_download', 'export']);

    const listed = await h.call('auditor', 'GET', '/api/v1/audit/security-events?kind=access_denied');
    expect(listed.body.items[0]).toMatchObject({ actor: 'dsi@mef.bj', target: 'GET /api/v1/findings' });
    expect((await h.call('operator', 'GET', '/api/v1/audit/security-events')).status).toBe(403);
    const verified = await h.call('auditor', 'GET', '/api/v1/audit/security-events/verify');
    expect(verified.body).toMatchObject({ ok: true, firstSeq: 1 });

    // A year later the old events go; what is kept still verifies from its anchor.
    h.clock.advance(366 * 86_400_000);
    recordSecurityEvent(h.db, { kind: 'export', actor: 'audit@test.bj', target: 'soa.csv', at: h.clock.now().toISOString() });
    const total = kinds().length;
    expect(pruneSecurityEvents({ ctx: { db: h.db, clock: h.clock, actor: systemActor } }).pruned).toBe(total - 1);
    expect(verifySecurityChain(h.db.$client)).toMatchObject({ ok: true, entries: 1, firstSeq: total });

    // Tampering is named.
    h.db.$client.prepare("UPDATE security_events SET actor = 'quelqu-un' WHERE seq = ?").run(total);
    expect(verifySecurityChain(h.db.$client)).toMatchObject({ ok: false, firstBroken: { seq: total } });
  });

  it('lists in the one envelope, newest first, with a cursor that holds while events are appended', async () => {
    const at = () => h.clock.now().toISOString();
    for (let i = 1; i <= 5; i++) recordSecurityEvent(h.db, { kind: 'export', actor: 'audit@test.bj', target: `export-${i}`, at: at() });
    const first = await h.call('auditor', 'GET', '/api/v1/audit/security-events?kind=export&limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.body.items.map((e: { target: string }) => e.target)).toEqual(['export-5', 'export-4']);
    // Newer events arrive between two pages: the cursor still reads on from where the first page ended.
    recordSecurityEvent(h.db, { kind: 'export', actor: 'audit@test.bj', target: 'export-6', at: at() });
    const second = await h.call('auditor', 'GET', `/api/v1/audit/security-events?kind=export&limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((e: { target: string }) => e.target)).toEqual(['export-3', 'export-2']);
    const last = await h.call('auditor', 'GET', `/api/v1/audit/security-events?kind=export&limit=2&before=${second.body.nextBefore}`);
    expect(last.body.items.map((e: { target: string }) => e.target)).toEqual(['export-1']);
    expect(last.body).toMatchObject({ total: 1, nextBefore: null });
    const byOffset = await h.call('auditor', 'GET', '/api/v1/audit/security-events?kind=export&limit=2&offset=4');
    expect(byOffset.body).toMatchObject({ total: 6, offset: 4, nextBefore: null });
    expect((await h.call('auditor', 'GET', '/api/v1/audit/security-events?limit=0')).status).toBe(422);
  });

  it('shows the journal filtered by person, action, entity and period in French, the chain verification and the security log', async () => {
    await h.call('auditor', 'POST', '/api/v1/findings', { title: 'Constat', description: 'Description du constat', grade: 'minor', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.1' }] });
    const auditor = await signIn(h, 'audit@test.bj');
    const journal = await get(h, auditor, '/journal?actor=audit%40test.bj&action=finding.raise&entity=finding&from=2026-01-01&to=2026-12-31');
    expect(journal.status).toBe(200);
    expect(journal.html).toContain('Constat relevé');
    expect(journal.html).not.toContain('Connexion</td>');
    const empty = await get(h, auditor, '/journal?action=finding.raise&from=2027-01-01');
    expect(empty.html).not.toContain('<th scope="row" class="num">');

    const verification = await post(h, auditor, '/journal/verification', {});
    expect(verification.status).toBe(200);
    expect(verification.html).toContain('Chaîne intègre');
    h.db.$client.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    h.db.$client.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run();
    const broken = await post(h, auditor, '/journal/verification', {});
    expect(broken.html).toContain('Chaîne rompue');
    expect(broken.html).toContain('son contenu ne correspond plus à son empreinte');

    await h.app.request('/connexion', { method: 'POST', headers: { 'content-type': FORM }, body: 'email=x%40y.bj&password=nope' });
    const security = await get(h, auditor, '/journal/securite');
    expect(security.status).toBe(200);
    expect(security.html).toContain('Événements de sécurité');
    const mef = await signIn(h, 'dsi@mef.bj');
    expect((await get(h, mef, '/journal/securite')).status).toBe(403);
    // What the console recorded besides the kind is said in French: a replayed code, a pause imposed.
    const at = h.clock.now().toISOString();
    recordSecurityEvent(h.db, { kind: 'sign_in_failed', actor: 'op1@test.bj', address: '127.0.0.1', target: 'second-factor', detail: { reason: 'replayed_code' }, at });
    recordSecurityEvent(h.db, { kind: 'sign_in_throttled', actor: 'op1@test.bj', address: '127.0.0.1', target: 'second-factor', detail: { retryAfterSeconds: 42 }, at });
    const detailed = await get(h, auditor, '/journal/securite?actor=op1%40test.bj');
    expect(detailed.html).toContain('code déjà utilisé (rejoué)');
    expect(detailed.html).toContain('nouvel essai possible dans 42 s');
    const refusals = await get(h, auditor, '/journal/securite?kind=access_denied');
    expect(refusals.html).toContain('Accès refusé (403)');
    expect(refusals.html).toContain('/journal/securite');
  });
});
