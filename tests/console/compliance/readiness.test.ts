import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlsByStatus, evidenceFreshness, evidenceReviewByFramework, readinessByFramework } from '../../../console/services/readiness/index.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { inDays, insertEvidence, setStatus } from './fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const TIA = 'tia942-r3';
const readiness = (frameworkId: string) => readinessByFramework(h.db, h.clock.now()).find((r) => r.frameworkId === frameworkId)!;

/** TIA has 55 items: excluding all but a handful makes each control's weight easy to read. */
async function keepOnly(ids: string[]): Promise<void> {
  const all = await h.call('auditor', 'GET', `/api/v1/controls?framework=${TIA}&limit=200`);
  for (const c of all.body.items as { id: string }[]) {
    if (!ids.includes(c.id)) await setStatus(h, TIA, c.id, { applicable: false, justification: 'Hors du périmètre du test', implementation: 'not_started' });
  }
}

describe('readiness', () => {
  it('scores each applicable control by implementation and live evidence', async () => {
    const ids = ['TIA-ELE-01', 'TIA-ELE-02', 'TIA-ELE-03', 'TIA-ELE-04', 'TIA-ELE-05', 'TIA-MEC-01'];
    await keepOnly(ids);
    await setStatus(h, TIA, 'TIA-ELE-01', { applicable: true, implementation: 'implemented' });
    await setStatus(h, TIA, 'TIA-ELE-02', { applicable: true, implementation: 'implemented' });
    await setStatus(h, TIA, 'TIA-ELE-03', { applicable: true, implementation: 'partially_implemented' });
    await setStatus(h, TIA, 'TIA-ELE-04', { applicable: true, implementation: 'partially_implemented' });
    await setStatus(h, TIA, 'TIA-ELE-05', { applicable: true, implementation: 'planned' });
    insertEvidence(h, { controls: [[TIA, 'TIA-ELE-01'], [TIA, 'TIA-ELE-03'], [TIA, 'TIA-MEC-01']], versions: [{ content: 'onduleurs N+1', expiresAt: inDays(h, 90) }] });
    // Evidence on an excluded control counts for nothing.
    insertEvidence(h, { controls: [[TIA, 'TIA-TEL-01']], versions: [{ content: 'adduction' }] });

    // ELE-01 1 + ELE-02 0.5 + ELE-03 0.5 + ELE-04 0.25 + ELE-05 0 + MEC-01 (not started, evidence) 0 = 2.25 over 6.
    expect(readiness(TIA)).toEqual({ frameworkId: TIA, applicable: 6, implemented: 2, withLiveEvidence: 3, withPendingOnly: 0, withExpiredOnly: 0, withOpenMajorFinding: 0, ratio: 2.25 / 6 });
    const api = await h.call('mef', 'GET', `/api/v1/frameworks/${TIA}`);
    expect(api.body.readiness).toMatchObject({ ratio: 2.25 / 6, applicable: 6, implemented: 2, withLiveEvidence: 3 });
    const control = await h.call('auditor', 'GET', `/api/v1/controls/${TIA}/TIA-ELE-04`);
    expect(control.body.readiness).toEqual({ score: 0.25, liveEvidence: 0, pendingEvidence: 0, expiredEvidence: 0, openMajorFindings: 0 });
  });

  it('stops counting evidence once expired, or before it is effective, or when rejected', async () => {
    await keepOnly(['TIA-ELE-01']);
    await setStatus(h, TIA, 'TIA-ELE-01', { applicable: true, implementation: 'implemented' });
    expect(readiness(TIA).ratio).toBe(0.5);
    insertEvidence(h, { controls: [[TIA, 'TIA-ELE-01']], versions: [{ content: 'essai groupe', expiresAt: inDays(h, 40) }] });
    expect(readiness(TIA).ratio).toBe(1);
    const fresh = () => evidenceFreshness(h.db, h.clock.now()).filter((e) => e.frameworkId === TIA && e.count > 0).map((e) => `${e.freshness}:${e.count}`);
    expect(fresh()).toEqual(['current:1']);
    h.clock.advance(15 * 86_400_000);
    expect(fresh()).toEqual(['expiring:1']);
    expect(readiness(TIA).ratio).toBe(1);
    h.clock.advance(25 * 86_400_000);
    // Exactly at the expiry instant it is already out.
    expect(readiness(TIA)).toMatchObject({ ratio: 0.5, withLiveEvidence: 0 });
    expect(fresh()).toEqual(['expired:1']);

    // Not effective yet: does not count until its date.
    insertEvidence(h, { controls: [[TIA, 'TIA-ELE-01']], versions: [{ content: 'futur', effectiveAt: inDays(h, 2) }] });
    expect(readiness(TIA).ratio).toBe(0.5);
    h.clock.advance(2 * 86_400_000);
    expect(readiness(TIA).ratio).toBe(1);

  });

  it('counts only accepted evidence in force; pending and expired show apart, everywhere the same', async () => {
    await setStatus(h, 'cis-docker-1.6.0', '5.4', { applicable: true, implementation: 'implemented' });
    const cis = () => h.call('auditor', 'GET', '/api/v1/controls/cis-docker-1.6.0/5.4');
    const listed = async () => (await h.call('auditor', 'GET', '/api/v1/controls?framework=cis-docker-1.6.0&q=5.4&limit=200')).body.items.find((c: { id: string }) => c.id === '5.4');
    const review = () => Object.fromEntries(evidenceReviewByFramework(h.db, h.clock.now()).filter((e) => e.frameworkId === 'cis-docker-1.6.0').map((e) => [e.state, e.count]));
    insertEvidence(h, { controls: [['cis-docker-1.6.0', '5.4']], versions: [{ content: 'rapport', reviewStatus: 'rejected' }] });
    expect((await cis()).body.readiness).toMatchObject({ score: 0.5, liveEvidence: 0, pendingEvidence: 0 });
    // Never reviewed: a pending version proves nothing yet, whatever its dates.
    insertEvidence(h, { controls: [['cis-docker-1.6.0', '5.4']], versions: [{ content: 'rapport en attente', reviewStatus: 'pending' }] });
    expect((await cis()).body.readiness).toMatchObject({ score: 0.5, liveEvidence: 0, pendingEvidence: 1 });
    expect(await listed()).toMatchObject({ score: 0.5, liveEvidence: 0, pendingEvidence: 1, expiredEvidence: 0 });
    expect(readiness('cis-docker-1.6.0')).toMatchObject({ withLiveEvidence: 0, withPendingOnly: 1 });
    expect(review()).toEqual({ accepted: 0, pending: 1, expired: 0 });
    // Accepted then expired: shown as expired, not counted.
    insertEvidence(h, { controls: [['cis-docker-1.6.0', '5.4']], versions: [{ content: 'expiré', expiresAt: inDays(h, -1) }] });
    expect((await cis()).body.readiness).toMatchObject({ score: 0.5, liveEvidence: 0, pendingEvidence: 1, expiredEvidence: 1 });
    expect(review()).toEqual({ accepted: 0, pending: 1, expired: 1 });
    // An accepted version stays in force while a newer one awaits review (and a rejected one hides nothing).
    insertEvidence(h, { controls: [['cis-docker-1.6.0', '5.4']], versions: [{ content: 'accepté', expiresAt: inDays(h, 30) }, { content: 'nouveau', reviewStatus: 'pending' }, { content: 'faux', reviewStatus: 'rejected' }] });
    const body = (await cis()).body;
    expect(body.readiness).toMatchObject({ score: 1, liveEvidence: 1, pendingEvidence: 1, expiredEvidence: 1 });
    const states = body.evidence.map((e: { reviewState: string; live: boolean; awaitingReviewVersion: unknown }) => `${e.reviewState}:${e.live}:${e.awaitingReviewVersion !== null}`).sort();
    expect(states).toEqual(['accepted:true:true', 'expired:false:false', 'none:false:false', 'pending:false:true']);
    expect(review()).toEqual({ accepted: 1, pending: 1, expired: 1 });
    expect(readiness('cis-docker-1.6.0')).toMatchObject({ withLiveEvidence: 1, withPendingOnly: 0 });
  });

  it('counts controls by status and evidence by freshness for every framework', async () => {
    await setStatus(h, 'iso27001-2022', 'A.5.1', { applicable: true, implementation: 'implemented' });
    await setStatus(h, 'iso27001-2022', 'A.5.2', { applicable: true, implementation: 'planned' });
    await setStatus(h, 'iso27001-2022', 'A.7.1', { applicable: false, justification: 'Périmètre physique géré par un tiers', implementation: 'not_started' });
    insertEvidence(h, { controls: [['iso27001-2022', 'A.5.1'], ['iso27001-2022', 'A.5.2'], ['pssie-bj-2021', 'ORG-01']], versions: [{ content: 'politique', expiresAt: inDays(h, 5) }] });
    insertEvidence(h, { controls: [['iso27001-2022', 'A.5.1']], versions: [{ content: 'vieux', expiresAt: inDays(h, -1) }] });
    const counts = controlsByStatus(h.db);
    expect(counts).toHaveLength(4 * 5);
    const iso = Object.fromEntries(counts.filter((c) => c.frameworkId === 'iso27001-2022').map((c) => [c.status, c.count]));
    expect(iso).toEqual({ not_started: 90, planned: 1, partially_implemented: 0, implemented: 1, not_applicable: 1 });
    const fresh = evidenceFreshness(h.db, h.clock.now());
    expect(fresh).toHaveLength(4 * 3);
    const byKey = Object.fromEntries(fresh.map((e) => [`${e.frameworkId}/${e.freshness}`, e.count]));
    // Linked to two ISO controls, the first item still counts once for ISO.
    expect(byKey).toMatchObject({ 'iso27001-2022/expiring': 1, 'iso27001-2022/expired': 1, 'iso27001-2022/current': 0, 'pssie-bj-2021/expiring': 1, 'tia942-r3/current': 0 });
    expect(readiness('iso27001-2022')).toMatchObject({ applicable: 92, implemented: 1, withLiveEvidence: 2, ratio: 1 / 92 });
  });

  it('runs the same few statements whatever the number of controls and evidence items', async () => {
    const client = h.db.$client;
    let compiled = 0;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => {
      compiled++;
      return prepare(source);
    }) as typeof client.prepare;
    readinessByFramework(h.db, h.clock.now());
    controlsByStatus(h.db);
    evidenceFreshness(h.db, h.clock.now());
    const firstRound = compiled;
    for (let i = 0; i < 40; i++) {
      insertEvidence(h, { controls: [['iso27001-2022', `A.8.${(i % 34) + 1}`], ['pssie-bj-2021', 'ORG-01']], versions: [{ content: `preuve ${i}`, expiresAt: inDays(h, i) }] });
    }
    const stats = () => {
      const before = compiled;
      readinessByFramework(h.db, h.clock.now());
      controlsByStatus(h.db);
      evidenceFreshness(h.db, h.clock.now());
      return compiled - before;
    };
    // Prepared once per database: later calls compile nothing, and each is one statement (plus
    // the one listing the frameworks the catalogue tables hold).
    expect(firstRound).toBeLessThanOrEqual(6);
    const inserts = compiled;
    expect(stats()).toBe(0);
    expect(compiled).toBe(inserts);
    expect(readiness('iso27001-2022').withLiveEvidence).toBe(34);
  });
});
