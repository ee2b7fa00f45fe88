/** Findings the console raises: one per condition, cleared by a later check, reopened when it comes back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../../console/context.js';
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
  grade: 'minor' as const,
  title: 'Dérive de la pile ministry-mef',
  description,
  controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.9' }, { frameworkId: 'iso27001-2022', controlId: 'A.0.0' }],
  check: 'drift:run-1',
});

describe('system findings', () => {
  it('opens one finding per condition with no human raiser, updates it, clears it on a clean check and reopens it', async () => {
    const opened = openSystemFinding({ ctx: sys(), input: drift('2 ressources modifiées hors console') });
    expect(opened.action).toBe('opened');
    const id = opened.finding.id;
    const read = async () => (await h.call('auditor', 'GET', `/api/v1/findings/${id}`)).body;
    expect(await read()).toMatchObject({ origin: 'system', source: 'drift', subject: 'ministry-mef', raisedBy: null, status: 'open', allowedActions: ['plan', 'root-cause', 'add-action'] });
    // Unknown controls are dropped rather than failing the check that raised it.
    expect((await read()).controls.map((c: { controlId: string }) => c.controlId)).toEqual(['A.8.9']);
    expect(openSystemFinding({ ctx: sys(), input: drift('2 ressources modifiées hors console') }).action).toBe('unchanged');
    expect(openSystemFinding({ ctx: sys(), input: drift('3 ressources modifiées hors console') })).toMatchObject({ action: 'updated', finding: { id } });

    // People cannot close it by hand: only a clean check does.
    const propose = await h.call('operator', 'POST', `/api/v1/findings/${id}/propose-closure`, { version: 2, closingEvidenceVersionId: 'x' });
    expect(propose.status).toBe(409);
    expect(propose.body.detail).toMatch(/later check/);

    h.clock.advance(3_600_000);
    const cleared = clearSystemFinding({ ctx: sys(), input: { source: 'drift', subject: 'ministry-mef', check: 'drift:run-2' } });
    expect(cleared.action).toBe('closed');
    expect(await read()).toMatchObject({ status: 'closed', closedBy: null, closedByCheck: 'drift:run-2', allowedActions: ['reopen'] });
    expect(clearSystemFinding({ ctx: sys(), input: { source: 'drift', subject: 'ministry-mef', check: 'drift:run-3' } }).action).toBe('none');

    // The condition comes back: the same finding reopens.
    const back = openSystemFinding({ ctx: sys(), input: { ...drift('1 ressource modifiée hors console'), check: 'drift:run-4' } });
    expect(back).toMatchObject({ action: 'reopened', finding: { id, reopenedCount: 1, status: 'open' } });
    const all = await h.call('auditor', 'GET', '/api/v1/findings?origin=system');
    expect(all.body.total).toBe(1);

    const history = await h.call('auditor', 'GET', `/api/v1/findings/${id}/history`);
    expect(history.body.items.map((e: { action: string; actor: string; check: string | null }) => `${e.action} ${e.actor} ${e.check}`)).toEqual([
      'finding.system.open system drift:run-1',
      'finding.system.update system drift:run-1',
      'finding.system.clear system drift:run-2',
      'finding.system.reopen system drift:run-4',
    ]);
    const page = await get(h, await signIn(h, 'audit@test.bj'), `/constats/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Relevé par la console (drift : ministry-mef)');
    expect(page.html).toContain('Constat levé par un contrôle');
  });
});
