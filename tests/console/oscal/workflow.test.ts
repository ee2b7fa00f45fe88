/**
 * The OSCAL package follows the certification workflow: the POA&M plans the corrective-action
 * rows of each open finding, and an evidence item's state in the assessment results is the one
 * readiness counts (the shared evidence-state SQL), on a small console rather than the demo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../../helpers/harness.js';
import { get, signIn } from '../../helpers/web.js';
import { inDays, insertEvidence } from '../compliance/fixtures.js';
import { packageProblems, readZip, schemaErrors } from './helpers.js';

type Json = Record<string, unknown>;
type Prop = { name: string; value: string };

let h: Harness;
beforeAll(async () => {
  h = await makeHarness();
});
afterAll(() => h.close());

async function evidencePackage(): Promise<Map<string, Buffer>> {
  const res = await h.app.request('/api/v1/exports/evidence-package.zip', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
  expect(res.status).toBe(200);
  return new Map(readZip(Buffer.from(await res.arrayBuffer())).map((e) => [e.name, e.data]));
}

describe('OSCAL package and the certification workflow', () => {
  it('plans the corrective-action rows of each open finding in the POA&M, and stays valid and self-contained', async () => {
    const raised = await h.call('auditor', 'POST', '/api/v1/findings', {
      title: 'Journaux d’administration non centralisés',
      description: 'Les journaux des hôtes ne remontent pas au collecteur central.',
      grade: 'minor',
      controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.8.15' }],
      owner: 'Chef d’exploitation',
      dueDate: '2027-03-31',
    });
    expect(raised.status).toBe(201);
    const id = raised.body.id as string;
    let version = raised.body.version as number;
    const add = async (description: string, owner: string, dueDate: string) => {
      const r = await h.call('operator', 'POST', `/api/v1/findings/${id}/actions`, { version, description, owner, dueDate });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      version = r.body.version;
      // Found by its text: actions added at the same instant have no order of their own.
      return (r.body.actions as { id: string; version: number; description: string }[]).find((a) => a.description === description)!;
    };
    const forward = await add('Configurer le renvoi syslog de chaque hôte', 'Équipe système', '2026-12-15');
    const cancelled = await add('Acheter un collecteur dédié (abandonné)', 'Achats', '2026-12-20');
    await add('Alerter sur l’absence de journaux pendant une heure', 'Équipe supervision', '2027-01-31');
    expect((await h.call('operator', 'POST', `/api/v1/findings/${id}/actions/${forward.id}`, { version: forward.version, status: 'done' })).status).toBe(200);
    expect((await h.call('operator', 'POST', `/api/v1/findings/${id}/actions/${cancelled.id}`, { version: cancelled.version, status: 'cancelled' })).status).toBe(200);

    const poam = (await h.call('auditor', 'GET', '/api/v1/exports/oscal/plan-of-action-and-milestones.json')).body;
    expect(schemaErrors(poam)).toEqual([]);
    const risk = poam['plan-of-action-and-milestones'].risks.find((r: { title: string }) => r.title.includes('Journaux d’administration')) as { status: string; deadline: string; remediations: { lifecycle: string; description: string; props: Prop[] }[] };
    expect(risk.status).toBe('remediating');
    expect(risk.remediations.map((r) => [r.lifecycle, r.description])).toEqual([
      ['completed', 'Configurer le renvoi syslog de chaque hôte'],
      ['planned', 'Alerter sur l’absence de journaux pendant une heure'],
    ]);
    expect(risk.remediations[1]!.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'owner', value: 'Équipe supervision' }), expect.objectContaining({ name: 'action-status', value: 'planned' })]));
    // Remediated when the last open action is due, not at the date the finding was raised with.
    expect(risk.deadline).toBe('2027-01-31T23:59:59.000Z');
    const item = poam['plan-of-action-and-milestones']['poam-items'].find((i: { title: string }) => i.title.includes('Journaux d’administration'));
    expect(item.description).toContain('Alerter sur l’absence de journaux');
    expect(item.description).not.toContain('abandonné');

    const entries = await evidencePackage();
    for (const [name, data] of entries) if (name.startsWith('oscal/')) expect(schemaErrors(JSON.parse(data.toString('utf8')) as Json), name).toEqual([]);
    expect(packageProblems(entries)).toEqual([]);
  });

  it('states each evidence item as readiness counts it: an expired one as expired, a pending one as pending, even over an older accepted version', async () => {
    const expired = insertEvidence(h, { title: 'Revue des accès (expirée)', controls: [['iso27001-2022', 'A.5.18']], versions: [{ note: 'Revue T1', effectiveAt: inDays(h, -200), expiresAt: inDays(h, -10) }] });
    const pending = insertEvidence(h, { title: 'Procédure de sauvegarde (en attente)', controls: [['iso27001-2022', 'A.8.13']], versions: [{ note: 'v1', reviewStatus: 'pending' }] });
    // Accepted once, expired since, and a new version awaits review: pending, not expired, not current.
    const renewed = insertEvidence(h, {
      title: 'Registre des badges (renouvelé)',
      controls: [['iso27001-2022', 'A.7.2']],
      versions: [
        { note: 'Registre 2025', effectiveAt: inDays(h, -400), expiresAt: inDays(h, -5) },
        { note: 'Registre 2026', reviewStatus: 'pending' },
      ],
    });
    const live = insertEvidence(h, { title: 'Inventaire des actifs (en vigueur)', controls: [['iso27001-2022', 'A.5.9']], versions: [{ note: 'Inventaire', effectiveAt: inDays(h, -10), expiresAt: inDays(h, 300) }] });

    // Readiness: the controls list and the framework's figures (the pages read the same services).
    const controls = (await h.call('auditor', 'GET', '/api/v1/controls?framework=iso27001-2022&limit=200')).body.items as { id: string; liveEvidence: number; pendingEvidence: number; expiredEvidence: number }[];
    const counts = (cid: string) => {
      const c = controls.find((x) => x.id === cid)!;
      return { live: c.liveEvidence, pending: c.pendingEvidence, expired: c.expiredEvidence };
    };
    expect(counts('A.5.18')).toEqual({ live: 0, pending: 0, expired: 1 });
    expect(counts('A.8.13')).toEqual({ live: 0, pending: 1, expired: 0 });
    expect(counts('A.7.2')).toEqual({ live: 0, pending: 1, expired: 0 });
    expect(counts('A.5.9')).toEqual({ live: 1, pending: 0, expired: 0 });
    const auditor = await signIn(h, 'audit@test.bj');
    const page = await get(h, auditor, '/referentiels/iso27001-2022/A.7.2');
    expect(page.html).toContain('Registre des badges (renouvelé)');

    // OSCAL: the same state on every observation of the item; the version it rests on is marked.
    const ar = (await h.call('auditor', 'GET', '/api/v1/exports/oscal/assessment-results.json')).body;
    expect(schemaErrors(ar)).toEqual([]);
    const observations = ar['assessment-results'].results[0].observations as { props: Prop[] }[];
    const of = (evidenceId: string) => observations.filter((o) => o.props.some((p) => p.name === 'evidence-id' && p.value === evidenceId));
    const propOf = (o: { props: Prop[] }, name: string) => o.props.find((p) => p.name === name)?.value;
    const stateOf = (evidenceId: string) => [...new Set(of(evidenceId).map((o) => propOf(o, 'evidence-state')))];
    expect(stateOf(expired.id)).toEqual(['expired']);
    expect(stateOf(pending.id)).toEqual(['pending']);
    expect(stateOf(renewed.id)).toEqual(['pending']);
    expect(stateOf(live.id)).toEqual(['accepted']);
    const renewedObs = of(renewed.id);
    expect(renewedObs).toHaveLength(2);
    expect(renewedObs.map((o) => [propOf(o, 'evidence-version'), propOf(o, 'state-version') ?? null, propOf(o, 'counted-by-readiness') ?? null])).toEqual([
      ['1', null, null],
      ['2', 'true', null],
    ]);
    expect(propOf(of(live.id)[0]!, 'counted-by-readiness')).toBe('true');
    expect(propOf(of(expired.id)[0]!, 'counted-by-readiness')).toBeUndefined();
  });
});
