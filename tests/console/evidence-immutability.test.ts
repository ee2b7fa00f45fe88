import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('reviewed evidence versions', () => {
  it('cannot be changed or deleted, even with raw SQL', async () => {
    const item = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'Revue des accès', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }] });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const v = await h.call('operator', 'POST', `/api/v1/evidence/${item.body.id}/versions`, { note: 'Revue trimestrielle faite', effectiveAt: '2026-11-01' });
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    // Pending: still editable by the console (nothing does, but the guard is about reviewed ones).
    h.db.$client.prepare("UPDATE evidence_versions SET note = 'corrigé' WHERE evidence_id = ?").run(item.body.id);
    expect((await h.call('auditor', 'POST', `/api/v1/evidence/${item.body.id}/versions/1/accept`, { comment: 'conforme' })).status).toBe(200);
    expect(() => h.db.$client.prepare("UPDATE evidence_versions SET note = 'falsifié' WHERE evidence_id = ?").run(item.body.id)).toThrow(/cannot be changed/);
    expect(() => h.db.$client.prepare('DELETE FROM evidence_versions WHERE evidence_id = ?').run(item.body.id)).toThrow(/cannot be deleted/);
  });
});
