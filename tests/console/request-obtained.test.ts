/**
 * « Ce que vous avez obtenu »: what a ministry's environment really is, read from the applied
 * configuration — never from the request alone. Addresses appear only once the platform's
 * ingress was applied, nothing is shown before an applied run built the environment, and the
 * last backup of a volume is « aucune sauvegarde enregistrée » since nothing records one.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDemoApply } from '../../console/services/runs/record-demo-apply.js';
import { makeHarness, service, type Harness } from '../helpers/harness.js';
import { get, signIn, type Session } from '../helpers/web.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/&#39;|&#x27;/g, "'");
const section = (html: string) => /<section[^>]*data-obtained="([a-z-]+)"[\s\S]*?<\/section>/.exec(html);

let h: Harness;
let mef: Session;
beforeEach(async () => {
  h = await makeHarness();
  mef = await signIn(h, 'dsi@mef.bj');
});
afterEach(() => h.close());

function demoApply(stacks: string[]) {
  const op = h.callers['operator']!.actor;
  const op2 = h.callers['operator2']!.actor;
  return recordDemoApply({ ctx: { db: h.db, clock: h.clock, actor: op }, input: { stacks, approver: { userId: op2.userId!, email: op2.email } }, deps: { dataDir: h.dir, keepSnapshots: true } });
}

const exposed = { services: [service('web', { ports: [8080], expose: { port: 8080, hostname: 'sigfip' } }), service('db', { kind: 'postgresql', ports: [5432] })] };

describe('« Ce que vous avez obtenu » on a request page', () => {
  it('says the environment does not exist yet until an applied run built it, then shows what the applied state holds', { timeout: 120_000 }, async () => {
    const r = await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning'], exposed);

    // Approved and provisioning: nothing applied, nothing shown as existing.
    let page = await get(h, mef, `/demandes/${r.id}`);
    expect(page.status).toBe(200);
    let got = section(page.html)!;
    expect(got[1]).toBe('not-yet');
    expect(plain(got[0])).toContain('Cet environnement n’existe pas encore : aucune exécution appliquée ne l’a construit.');
    expect(page.html).not.toContain('dcops-mef--sigfip--web--r0');

    // The ministry stack applied, the platform's ingress not: the containers exist, no address does.
    const [built] = demoApply(['ministry-mef']).runs;
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('active');
    page = await get(h, mef, `/demandes/${r.id}`);
    got = section(page.html)!;
    expect(got[1]).toBe('built');
    const text = plain(got[0]);
    expect(text).toContain('Ce que vous avez obtenu');
    expect(text).toContain(`Construit par l’exécution`);
    expect(got[0]).toContain(built!.slice(0, 8));
    expect(text).toContain('l’ingress de la plateforme ne sert pas encore sa route : aucune adresse n’est disponible.');
    expect(got[0]).not.toMatch(/https:\/\/sigfip\./);
    expect(got[0]).toContain('dcops-mef-internal');
    // The edge network belongs to the platform stack, which was not applied.
    expect(got[0]).not.toContain('dcops-edge-mef-sigfip');
    expect(got[0]).toContain('dcops-mef--sigfip--db--r0-data');
    expect(text).toContain('Quotidienne, conservée 30 jours');
    expect(text).toContain('aucune sauvegarde enregistrée');
    // Placement as applied: each booked host holds its replica.
    const placed = h.db.$client.prepare('SELECT p.service_name AS s, p.replica AS n, h.name AS host FROM placements p JOIN hosts h ON h.id = p.host_id WHERE p.request_id = ?').all(r.id) as { s: string; n: number; host: string }[];
    expect(placed.length).toBe(2);
    for (const p of placed) expect(got[0]).toMatch(new RegExp(`dcops-mef--sigfip--${p.s === 'db' ? 'db' : 'web'}--r${p.n}</code></td><td><code>${p.host}</code>`));

    // Once the platform is applied, the ingress serves the route: the address appears.
    demoApply(['platform']);
    page = await get(h, mef, `/demandes/${r.id}`);
    got = section(page.html)!;
    expect(got[0]).toMatch(/<code>https:\/\/sigfip\.[a-z0-9.-]+<\/code>/);
    expect(got[0]).toContain('dcops-edge-mef-sigfip');

    // In English, the same facts in English.
    page = await get(h, null, `/demandes/${r.id}`, { cookie: `${mef.cookie}; dcops_lang=en` });
    const en = plain(section(page.html)![0]);
    expect(en).toContain('What you got');
    expect(en).toContain('no backup recorded');
    expect(en).toContain('Built by run');
    expect(en).not.toContain('aucune sauvegarde');

    // Without the applied configuration on this server, only the resources of the state are named.
    const snap = h.db.$client.prepare("SELECT stack_sha256 AS sha FROM apply_runs WHERE stack = 'ministry-mef' AND status = 'applied'").get() as { sha: string };
    rmSync(join(h.dir, 'snapshots', `${snap.sha}.json`));
    page = await get(h, mef, `/demandes/${r.id}`);
    got = section(page.html)!;
    expect(plain(got[0])).toContain('La configuration appliquée n’est pas conservée sur ce serveur');
    expect(got[0]).toContain('docker_container.svc--sigfip--web--r0');
    expect(got[0]).not.toMatch(/https:\/\//);
  });

  it('an environment declared active by an administrator shows no invented content', async () => {
    const r = await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning', 'activate'], exposed);
    const page = await get(h, mef, `/demandes/${r.id}`);
    const got = section(page.html)!;
    expect(got[1]).toBe('declared');
    expect(plain(got[0])).toContain('sans exécution appliquée de la console');
    expect(got[0]).not.toContain('dcops-mef');
    // A draft is no further.
    const draft = await h.requestIn('mef', 'brouillon', []);
    expect(section((await get(h, mef, `/demandes/${draft.id}`)).html)![1]).toBe('not-yet');
  });
});
