/** Findings the console raises: one open per condition, cleared by a later check, reopened when it comes back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor, writeTransaction } from '../../../console/context.js';
import { EvidenceStore } from '../../../console/evidence/store.js';
import { clearSystemFinding, openSystemFinding } from '../../../console/services/findings/system.js';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { get, signIn } from '../../helpers/web.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const sys = () => ({ db: h.db, clock: h.clock, actor: systemActor });
const drift = (description: string) => ({
  source: 'drift',
  subject: 'ministry-mef',
  at: h.clock.now().toISOString(),
  grade: 'minor' as const,
  title: 'Dérive de la pile ministry-mef',
  description,
  controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.9' }],
});
const open = (description: string) => writeTransaction(sys(), (tx, audit) => openSystemFinding(tx, audit, drift(description)));
const clear = () =>
  writeTransaction(sys(), (tx, audit) =>
    clearSystemFinding(tx, audit, new EvidenceStore(h.dir), { source: 'drift', subject: 'ministry-mef', at: h.clock.now().toISOString(), evidence: { title: { key: 'auto.title.driftClean', params: { stack: 'ministry-mef' } }, description: 'Aucun écart', metadata: { stack: 'ministry-mef' } } }),
  );

describe('system findings', () => {
  it('open one finding per condition with no human raiser, update it, clear it on a clean check and reopen it', async () => {
    const opened = open('2 ressources modifiées hors console');
    expect(opened.created).toBe(true);
    const id = opened.id;
    const read = async () => (await h.call('auditor', 'GET', `/api/v1/findings/${id}`)).body;
    expect(await read()).toMatchObject({ origin: 'system', source: 'drift', subject: 'ministry-mef', raisedBy: null, status: 'open', allowedActions: ['plan', 'root-cause', 'add-action'] });
    expect(open('3 ressources modifiées hors console')).toMatchObject({ id, created: false });

    // People cannot close it by hand: only a clean check does.
    const propose = await h.call('operator', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 2, closingEvidenceVersionId: 'x' });
    expect(propose.status).toBe(409);
    expect(propose.body.detail).toMatch(/later check/);

    h.clock.advance(3_600_000);
    const cleared = clear();
    expect(cleared?.id).toBe(id);
    const closed = await read();
    expect(closed).toMatchObject({ status: 'closed', closedBy: null, allowedActions: ['reopen'], closingEvidence: { title: 'Contrôle de dérive sans écart — ministry-mef' } });
    expect(closed.closedByCheck).toMatch(/^drift:ministry-mef@/);
    expect(clear()).toBeNull();

    // The condition comes back: the same finding reopens.
    h.clock.advance(3_600_000);
    expect(open('1 ressource modifiée hors console')).toMatchObject({ id, reopened: true });
    expect(await read()).toMatchObject({ status: 'open', reopenedCount: 1 });
    expect((await h.call('auditor', 'GET', '/api/v1/findings?origin=system')).body.total).toBe(1);

    const history = await h.call('auditor', 'GET', `/api/v1/findings/${id}/history`);
    expect(history.body.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).toEqual([
      'finding.system-raise system',
      'finding.system-update system',
      'finding.system-close system',
      'finding.system-reopen system',
    ]);
    const page = await get(h, await signIn(h, 'audit@test.bj'), `/constats/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/Relevé par la console \(drift\s?:\s?ministry-mef\)/u);
    expect(page.html).toContain('Constat levé par un contrôle');
  });
});
