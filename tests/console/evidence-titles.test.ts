/**
 * Evidence the console files itself is titled in the reader's language: French on French pages,
 * English on English pages, both kept on the item (the API returns both). An upload keeps the
 * words its author typed, in either language.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../console/evidence/store.js';
import { collectEvidence } from '../../console/services/evidence/collect.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, signIn } from '../helpers/web.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/&#39;|&#x27;/g, "'");

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

describe('titles of automatic evidence', () => {
  it('follow the reader’s language on every page that names them, while an upload keeps its own', async () => {
    const op = h.callers['operator']!.actor;
    const filed = collectEvidence({ ctx: { db: h.db, clock: h.clock, actor: op }, store: new EvidenceStore(h.dir), input: { sources: ['access-review', 'backups'] } });
    const access = filed.find((f) => f.source === 'access-review')!;
    const upload = await h.call('operator', 'POST', '/api/v1/evidence', { title: 'Procès-verbal du comité de sécurité', kind: 'note', controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.15' }] });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);

    // Both languages are kept on the item; an upload has no English title of its own.
    const api = await h.call('auditor', 'GET', `/api/v1/evidence/${access.evidenceId}`);
    expect(api.status).toBe(200);
    expect(plain(api.body.title)).toBe('Revue des accès à la console dcops');
    expect(api.body.titleEn).toBe('Review of access to the dcops console');
    expect((await h.call('auditor', 'GET', `/api/v1/evidence/${upload.body.id}`)).body.titleEn).toBeNull();

    const auditor = await signIn(h, 'audit@test.bj');
    const fr = plain((await get(h, auditor, '/preuves')).html);
    expect(fr).toContain('Revue des accès à la console dcops');
    expect(fr).toContain('Sauvegardes : politiques déclarées et exécutions');
    expect(fr).not.toContain('Review of access');
    expect(fr).toContain('Procès-verbal du comité de sécurité');

    const en = plain((await get(h, null, '/preuves', { cookie: `${auditor.cookie}; dcops_lang=en` })).html);
    expect(en).toContain('Review of access to the dcops console');
    expect(en).toContain('Backups: declared policies and runs');
    expect(en).not.toContain('Revue des accès');
    expect(en).not.toContain('politiques déclarées');
    expect(en).toContain('Procès-verbal du comité de sécurité');

    // The item's own page and the control it supports say it the same way.
    const detailEn = plain((await get(h, null, `/preuves/${access.evidenceId}`, { cookie: `${auditor.cookie}; dcops_lang=en` })).html);
    expect(detailEn).toMatch(/<h1[^>]*>Review of access to the dcops console<\/h1>/);
    const detailFr = plain((await get(h, auditor, `/preuves/${access.evidenceId}`)).html);
    expect(detailFr).toMatch(/<h1[^>]*>Revue des accès à la console dcops<\/h1>/);
    const control = access.controls[0]!.split(':');
    const controlEn = plain((await get(h, null, `/referentiels/${control[0]}/${control[1]}`, { cookie: `${auditor.cookie}; dcops_lang=en` })).html);
    expect(controlEn).toContain('Review of access to the dcops console');
    expect(controlEn).not.toContain('Revue des accès à la console dcops');
  });
});
