/**
 * The run orchestration end to end with the real terraform binary, on stacks of `terraform_data`
 * resources (no provider download): plan → second operator's approval → apply of the saved plan
 * file → request active; a failing apply; decommissioning as a destroy; superseded, stale and
 * too-old plans; honest drift statuses with the system finding; provider readiness.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTerraformBinary } from '../../infra/terraform.js';
import type { TerraformJson } from '../../infra/synth.js';
import { SnapshotStore, snapshotDir } from '../../console/runs/snapshots.js';
import { dataStacks } from '../helpers/data-stacks.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, signIn } from '../helpers/web.js';

const binary = await findTerraformBinary();
if (!binary) {
  const message = 'no terraform or tofu binary on PATH: the run orchestration tests cannot run';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n⚠️  SKIPPING run lifecycle tests — ${message}\n`);
}

/** French typography puts no-break spaces around « », before : ; ! ?: compared as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ infra: { synthesize: dataStacks } });
});
afterEach(() => h.close());

type Run = { id: string; stack: string; status: string; plan: { add: string[]; destroy: string[]; change: unknown[] }; planFileSha256: string | null };

async function planStack(who: string, stack: string): Promise<Run> {
  const res = await h.call(who, 'POST', '/api/v1/runs');
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const run = res.body.runs.find((r: Run) => r.stack === stack);
  expect(run, `no planned run for ${stack}: ${JSON.stringify(res.body)}`).toBeDefined();
  return run;
}

const placementsOf = (id: string) => (h.db.$client.prepare('SELECT count(*) AS n FROM placements WHERE request_id = ?').get(id) as { n: number }).n;

describe.skipIf(!binary)('four-eyes apply of the saved plan', () => {
  it('plan → approval by a second operator → apply → request active, proven by the state', { timeout: 60_000 }, async () => {
    const r = await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning']);
    const run = await planStack('operator', 'ministry-mef');
    expect(run.plan.add).toEqual(['terraform_data.svc--sigfip--api--r0']);
    expect(run.planFileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(join(h.dir, 'plans', run.id, 'plan.tfplan'))).toBe(true);

    // Nobody applies an unapproved plan, and the planner cannot approve their own.
    const early = await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`);
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/approval-required$/);
    expect(early.body.detail).toMatch(/approval of an operator other than op1@test\.bj/);
    const own = await h.call('operator', 'POST', `/api/v1/runs/${run.id}/approve`);
    expect(own.status).toBe(403);
    expect((await h.call('auditor', 'POST', `/api/v1/runs/${run.id}/approve`)).status).toBe(403);
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('provisioning');

    const approved = await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ approvedBy: 'op2@test.bj', planFileSha256: run.planFileSha256 });
    expect((await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`)).status).toBe(409);

    const applied = await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.run).toMatchObject({ id: run.id, status: 'applied', appliedResources: ['terraform_data.svc--sigfip--api--r0'] });
    expect(applied.body.run.logTail).toMatch(/Apply complete/);
    // Exactly the saved plan: terraform applied plan.tfplan, it did not plan again.
    expect(applied.body.run.logTail).toMatch(/apply -input=false -no-color -lock-timeout=60s plan\.tfplan/);
    expect(applied.body.activatedRequests).toEqual([r.id]);
    const after = (await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body;
    expect(after.state).toBe('active');
    expect(after.infrastructure).toMatchObject({ stack: 'ministry-mef', activatedByRun: { id: run.id, demo: false }, activationOverride: null });
    expect(after.timeline.at(-1)).toMatchObject({ from: 'provisioning', to: 'active', actor: 'op1@test.bj' });

    // Nothing changed: planning again records nothing for the stack.
    const again = await h.call('operator', 'POST', '/api/v1/runs');
    expect(again.body.unchanged).toContain('ministry-mef');
    expect((await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`)).body.type).toMatch(/run-not-planned$/);
    const audit = await h.call('auditor', 'GET', '/api/v1/audit?entity=apply-run&limit=200');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['run.plan', 'run.approve', 'run.apply-start', 'run.applied']));
  });

  it('the apply re-evaluates the planned document, and a blocking finding stops it before terraform runs', { timeout: 60_000 }, async () => {
    const r = await h.requestIn('mef', 'garde', ['submit', 'approve', 'start-provisioning']);
    const run = await planStack('operator', 'ministry-mef');
    await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`);
    // The document this run planned, as the snapshot store keeps it, now holds a privileged
    // container (as a plan made before an exception lapsed would): the apply must see it.
    const row = h.db.$client.prepare('SELECT stack_sha256 AS sha FROM apply_runs WHERE id = ?').get(run.id) as { sha: string };
    const store = new SnapshotStore(snapshotDir(h.dir));
    const doc = store.get(row.sha) as Record<string, unknown>;
    const tainted = store.put({ ...doc, resource: { ...(doc['resource'] as object), docker_container: { intrus: { name: 'mef-intrus', image: 'nginx:latest', privileged: true } } } });
    h.db.$client.prepare('UPDATE apply_runs SET stack_sha256 = ? WHERE id = ?').run(tainted, run.id);
    const policyRuns = () => (h.db.$client.prepare("SELECT count(*) AS n FROM policy_runs WHERE trigger = 'apply'").get() as { n: number }).n;
    const before = policyRuns();
    const blocked = await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.type).toMatch(/policy-blocked$/);
    expect(blocked.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('container-not-privileged');
    expect(policyRuns()).toBe(before + 1);
    expect((await h.call('auditor', 'GET', `/api/v1/runs/${run.id}`)).body.status).toBe('planned');
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('provisioning');
    expect(existsSync(join(h.dir, 'stacks', 'ministry-mef', 'terraform.tfstate'))).toBe(false);
    // The reviewed document again: the same approved plan applies.
    h.db.$client.prepare('UPDATE apply_runs SET stack_sha256 = ? WHERE id = ?').run(row.sha, run.id);
    const applied = await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`);
    expect(applied.body.run.status).toBe('applied');
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('active');
  });

  it('a failing apply leaves the request provisioning and shows as a failure everywhere', { timeout: 60_000 }, async () => {
    const r = await h.requestIn('mef', 'echec-paie', ['submit', 'approve', 'start-provisioning']);
    const run = await planStack('operator', 'ministry-mef');
    await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`);
    const res = await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/apply`);
    expect(res.status).toBe(200);
    expect(res.body.run.status).toBe('failed');
    expect(res.body.run.failureReason).toMatch(/^failed at apply: terraform apply exited with code 1/);
    expect(res.body.activatedRequests).toEqual([]);
    const req = (await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body;
    expect(req.state).toBe('provisioning');
    expect(req.infrastructure.lastFailedRun).toMatchObject({ id: run.id });

    const op = await signIn(h, 'op2@test.bj');
    const page = await get(h, op, `/executions/${run.id}?ok=apply-failed`);
    expect(plain(page.html)).toContain('role="alert"');
    expect(plain(page.html)).toContain('L’application a échoué à l’étape « apply ».');
    expect(plain(page.html)).not.toMatch(/class="notice"[^>]*>[^<]*échoué/);
    const ministry = await signIn(h, 'dsi@mef.bj');
    const reqPage = await get(h, ministry, `/demandes/${r.id}`);
    expect(plain(reqPage.html)).toContain('Dernière application échouée de la pile ministry-mef');
    expect(plain(reqPage.html)).toContain('L’application a échoué à l’étape « apply ».');
  });

  it('decommissioning is a destroy: capacity and quota are released only by the applied plan', { timeout: 90_000 }, async () => {
    const r = await h.requestIn('mef', 'portail', ['submit', 'approve', 'start-provisioning']);
    const first = await planStack('operator', 'ministry-mef');
    await h.call('operator2', 'POST', `/api/v1/runs/${first.id}/approve`);
    await h.call('operator', 'POST', `/api/v1/runs/${first.id}/apply`);
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('active');
    const quota = async () => (await h.call('auditor', 'GET', '/api/v1/ministries')).body.items.find((m: { code: string }) => m.code === 'MEF').allocated;
    const booked = await quota();
    expect(booked.environments).toBe(1);

    await h.call('mef', 'POST', `/api/v1/requests/${r.id}/request-decommission`);
    // Whoever drafted or submitted it never moves it further, even with the operator role.
    const marked = await h.call('operator2', 'POST', `/api/v1/requests/${r.id}/decommission`);
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body.state).toBe('decommissioning');
    expect(placementsOf(r.id)).toBe(1);
    expect(await quota()).toEqual(booked);

    const destroy = await planStack('operator2', 'ministry-mef');
    expect(destroy.plan.destroy).toEqual(['terraform_data.svc--portail--api--r0']);
    await h.call('operator', 'POST', `/api/v1/runs/${destroy.id}/approve`);
    const applied = await h.call('operator', 'POST', `/api/v1/runs/${destroy.id}/apply`);
    expect(applied.body.run.status).toBe('applied');
    expect(applied.body.decommissionedRequests).toEqual([r.id]);
    const after = (await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body;
    expect(after.state).toBe('decommissioned');
    expect(after.infrastructure.decommissionedByRun).toEqual({ id: destroy.id, demo: false });
    expect(placementsOf(r.id)).toBe(0);
    expect((await quota()).environments).toBe(0);
  });

  it('refuses superseded, stale and too-old plans', { timeout: 90_000 }, async () => {
    await h.requestIn('mef', 'alpha', ['submit', 'approve', 'start-provisioning']);
    const a = await planStack('operator', 'ministry-mef');
    const same = await h.call('operator2', 'POST', '/api/v1/runs');
    expect(same.body.runs.find((r: Run) => r.stack === 'ministry-mef')).toBeUndefined();
    expect(same.body.alreadyPlanned).toContainEqual({ stack: 'ministry-mef', runId: a.id });

    // A change of the desired state supersedes the older plan.
    await h.requestIn('mef', 'beta', ['submit', 'approve']);
    const b = await planStack('operator', 'ministry-mef');
    expect((await h.call('auditor', 'GET', `/api/v1/runs/${a.id}`)).body.status).toBe('superseded');
    const refused = await h.call('operator2', 'POST', `/api/v1/runs/${a.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/run-not-planned$/);
    const op2 = await signIn(h, 'op2@test.bj');
    const supersededPage = await get(h, op2, `/executions/${a.id}`);
    expect(plain(supersededPage.html)).toContain('Ce plan est remplacé');
    expect(plain(supersededPage.html)).not.toContain('/approuver"');

    // Too old: beyond DCOPS_PLAN_MAX_AGE_HOURS (24 by default).
    await h.call('operator2', 'POST', `/api/v1/runs/${b.id}/approve`);
    h.clock.advance(25 * 3_600_000);
    const old = await h.call('operator', 'POST', `/api/v1/runs/${b.id}/apply`);
    expect(old.status).toBe(409);
    expect(old.body.type).toMatch(/plan-too-old$/);
    // (signed in again: the session did not outlive the day either)
    expect((await get(h, await signIn(h, 'op2@test.bj'), `/executions/${b.id}`)).html).toContain('Ce plan a plus de 24 h');

    // Stale: the stack was applied after the plan was made (here by another plan of the same state).
    const c = await planStack('operator', 'ministry-mef');
    const d = h.db.$client.prepare("SELECT id FROM apply_runs WHERE stack = 'ministry-mef' AND status = 'planned'").all() as { id: string }[];
    expect(d.map((x) => x.id)).toEqual([c.id]);
    await h.call('operator2', 'POST', `/api/v1/runs/${c.id}/approve`);
    // Another planned run recorded against the state before c's apply:
    const cols = (h.db.$client.prepare('PRAGMA table_info(apply_runs)').all() as { name: string }[]).map((c) => c.name).filter((n) => n !== 'id');
    h.db.$client.prepare(`INSERT INTO apply_runs (id, ${cols.join(', ')}) SELECT 'stale-' || substr(id, 7), ${cols.join(', ')} FROM apply_runs WHERE id = ?`).run(c.id);
    expect((await h.call('operator', 'POST', `/api/v1/runs/${c.id}/apply`)).body.run.status).toBe('applied');
    const staleId = `stale-${c.id.slice(6)}`;
    expect((await h.call('auditor', 'GET', `/api/v1/runs/${staleId}`)).body.status).toBe('superseded');
  });
});

describe.skipIf(!binary)('honest drift', () => {
  it('never-applied, pending-changes, in-sync and drifted, with a system finding opened and closed', { timeout: 90_000 }, async () => {
    await h.requestIn('mef', 'derive', ['submit', 'approve', 'start-provisioning']);
    let drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    const status = (stack: string) => drift.body.stacks.find((s: { stack: string }) => s.stack === stack);
    expect(status('ministry-mef')).toMatchObject({ status: 'never-applied', drifted: false });
    expect(status('platform').status).toBe('never-applied');

    const run = await planStack('operator', 'ministry-mef');
    await h.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`);
    await h.call('operator', 'POST', `/api/v1/runs/${run.id}/apply`);
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    expect(status('ministry-mef')).toMatchObject({ status: 'in-sync', reason: null, real: { checked: true, status: 'in-sync' } });

    // A change of the desired state not yet applied: pending, not green.
    await h.requestIn('mef', 'nouvelle', ['submit', 'approve']);
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    expect(status('ministry-mef')).toMatchObject({ status: 'pending-changes', pendingChanges: { add: ['terraform_data.svc--nouvelle--api--r0'] } });

    // The state changed behind the console's back: terraform's plan against the applied configuration sees it.
    const statePath = join(h.dir, 'state', 'ministry-mef.tfstate');
    const original = readFileSync(statePath, 'utf8');
    const state = JSON.parse(original) as { serial: number; resources: { instances: { attributes: { input: { value: { memoryMb: number } } } }[] }[] };
    state.resources[0]!.instances[0]!.attributes.input.value.memoryMb = 4096;
    state.serial += 1;
    writeFileSync(statePath, JSON.stringify(state));
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    expect(status('ministry-mef')).toMatchObject({ status: 'drifted', drifted: true, reason: 'the state differs from the last applied configuration' });
    expect(drift.body.findings).toContainEqual(expect.objectContaining({ stack: 'ministry-mef', action: 'opened' }));
    const findings = (await h.call('auditor', 'GET', '/api/v1/findings?limit=50')).body.items;
    const finding = findings.find((f: { title: string }) => f.title === 'Dérive de la pile ministry-mef');
    expect(finding).toBeDefined();
    const detail = (await h.call('auditor', 'GET', `/api/v1/findings/${finding.id}`)).body;
    expect(detail).toMatchObject({ origin: 'system', source: 'drift', subject: 'ministry-mef', raisedBy: null, status: 'open' });
    expect(detail.controls.map((c: { controlId: string }) => c.controlId)).toEqual(expect.arrayContaining(['A.8.32']));
    // Exported like any finding.
    const oscal = JSON.stringify((await h.call('auditor', 'GET', '/api/v1/exports/oscal/assessment-results.json')).body);
    expect(oscal).toContain(`${detail.reference} — Dérive de la pile ministry-mef`);
    // Checked again while still drifted: the same finding is updated, not a second one.
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    expect(drift.body.findings).toContainEqual(expect.objectContaining({ stack: 'ministry-mef', action: 'updated', findingId: finding.id }));
    const metrics = await (await h.app.request('/metrics')).text();
    expect(metrics).toMatch(/dcops_stack_drift_detected\{stack="ministry-mef"\} 1/);

    // Restored: the next clean check closes the finding, with that check as closing evidence.
    writeFileSync(statePath, JSON.stringify({ ...JSON.parse(original), serial: state.serial + 1 }));
    // The pending environment is withdrawn so the stack is in sync again.
    const pending = h.db.$client.prepare("SELECT id FROM hosting_requests WHERE environment_name = 'nouvelle'").get() as { id: string };
    h.db.$client.prepare("UPDATE hosting_requests SET state = 'rejected' WHERE id = ?").run(pending.id);
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    expect(status('ministry-mef').status).toBe('in-sync');
    expect(drift.body.findings).toContainEqual(expect.objectContaining({ stack: 'ministry-mef', action: 'closed', findingId: finding.id }));
    const closed = (await h.call('auditor', 'GET', `/api/v1/findings/${finding.id}`)).body;
    expect(closed.status).toBe('closed');
    expect(closed.closingEvidence).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // The page: only in-sync is green; a stack links to its runs.
    const op = await signIn(h, 'op1@test.bj');
    const page = { html: plain((await get(h, op, '/executions')).html) };
    const row = (stack: string) => new RegExp(`<tr data-stack="${stack}" data-status="([a-z-]+)">[\\s\\S]*?</tr>`).exec(page.html)!;
    expect(row('ministry-mef')[1]).toBe('in-sync');
    expect(row('platform')[1]).toBe('never-applied');
    expect(row('platform')[0]).toContain('Jamais appliquée');
    expect(row('platform')[0]).not.toContain('badge-success');
    expect(row('platform')[0]).toContain('href="/executions?stack=platform"');
    expect(plain(page.html)).not.toContain('never applied');
  });

  it('is unknown, with the reason, when terraform cannot compare', async () => {
    const none = await makeHarness({ infra: { synthesize: dataStacks, terraform: { env: { PATH: '/nonexistent' } } } });
    try {
      await none.requestIn('mef', 'sans-binaire', ['submit', 'approve', 'start-provisioning']);
      // An applied run recorded without this machine's terraform (another console's working copy).
      const ctxRow = none.db.$client.prepare("SELECT id FROM users WHERE email = 'op1@test.bj'").get() as { id: string };
      mkdirSync(join(none.dir, 'stacks', 'ministry-mef'), { recursive: true });
      const { desiredState } = await import('../../console/services/runs/desired-state.js');
      const { SnapshotStore } = await import('../../console/runs/snapshots.js');
      const state = desiredState(none.db, { dataDir: none.dir, synthesize: dataStacks });
      const sha = new SnapshotStore(join(none.dir, 'snapshots')).put(state.stacks.get('ministry-mef'));
      writeFileSync(join(none.dir, 'stacks', 'ministry-mef', 'cdk.tf.json'), JSON.stringify(state.stacks.get('ministry-mef')));
      none.db.$client
        .prepare("INSERT INTO apply_runs (id, stack, status, operator_id, operator, spec_sha256, stack_sha256, stacks, plan, created_at, finished_at) VALUES ('r-1', 'ministry-mef', 'applied', ?, 'op1@test.bj', ?, ?, '{}', '{}', '2026-11-21T07:00:00.000Z', '2026-11-21T07:00:00.000Z')")
        .run(ctxRow.id, state.specSha256, sha);
      const drift = await none.call('operator', 'POST', '/api/v1/runs/drift');
      expect(drift.body.stacks.find((s: { stack: string }) => s.stack === 'ministry-mef')).toMatchObject({ status: 'unknown', reason: 'no terraform/tofu binary found on PATH' });
      const op = await signIn(none, 'op1@test.bj');
      const page = await get(none, op, '/executions');
      expect(plain(page.html)).toContain('Aucun binaire terraform ou tofu sur cette machine');
      expect(plain(page.html)).toContain('data-ready="false"');
    } finally {
      none.close();
    }
  });
});

describe('lifecycle: no path reaches active or releases capacity without an applied run', () => {
  it('refuses a manual activation except by an administrator with a reason, shown as such', async () => {
    const r = await h.requestIn('mef', 'manuel', ['submit', 'approve', 'start-provisioning']);
    expect((await h.call('operator', 'POST', `/api/v1/requests/${r.id}/activate`)).status).toBe(403);
    const noReason = await h.call('admin', 'POST', `/api/v1/requests/${r.id}/activate`);
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].pointer).toBe('/comment');
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('provisioning');
    const forced = await h.call('admin', 'POST', `/api/v1/requests/${r.id}/activate`, { comment: 'Pile appliquée hors console pendant la panne du 20/11' });
    expect(forced.status).toBe(200);
    expect(forced.body.infrastructure).toMatchObject({ activatedByRun: null, activationOverride: 'Pile appliquée hors console pendant la panne du 20/11' });
    const audit = await h.call('auditor', 'GET', `/api/v1/audit?entity=hosting-request&limit=50`);
    expect(audit.body.items.find((e: { action: string }) => e.action === 'hosting-request.activate').after).toMatchObject({ override: true });
    const page = await get(h, await signIn(h, 'dsi@mef.bj'), `/demandes/${r.id}`);
    expect(plain(page.html)).toContain('Déclarée active par un administrateur, sans exécution de la console');
  });

  it('decommission by an operator releases nothing', async () => {
    const r = await h.requestIn('mef', 'retrait', ['submit', 'approve', 'start-provisioning']);
    await h.call('admin', 'POST', `/api/v1/requests/${r.id}/activate`, { comment: 'appliquée hors console' });
    await h.call('mef', 'POST', `/api/v1/requests/${r.id}/request-decommission`);
    const res = await h.call('operator', 'POST', `/api/v1/requests/${r.id}/decommission`);
    expect(res.body.state).toBe('decommissioning');
    expect(placementsOf(r.id)).toBe(1);
    // Every later step belongs to an applied run: no action is offered to anyone.
    for (const who of ['operator', 'admin', 'mef']) expect((await h.call(who, 'GET', `/api/v1/requests/${r.id}`)).body.allowedActions).toEqual([]);
  });
});

describe('provider readiness', () => {
  const dockerStacks = (): Map<string, TerraformJson> =>
    new Map([['platform', { terraform: { required_providers: { docker: { source: 'kreuzwerker/docker', version: '3.6.2' } } }, resource: { terraform_data: { x: { input: 1 } } } }]]);

  it('finds the docker provider in a filesystem mirror laid out as terraform writes it', async () => {
    const mirror = join(h.dir, 'mirror');
    const { terraformPlatform } = await import('../../infra/terraform.js');
    const base = join(mirror, 'registry.terraform.io', 'kreuzwerker', 'docker');
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, `terraform-provider-docker_3.6.2_${terraformPlatform()}.zip`), 'zip');
    const m = await makeHarness({ infra: { synthesize: dockerStacks, pluginMirror: mirror } });
    try {
      const res = await m.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(res.status).toBe(200);
      expect(res.body.checks.find((c: { id: string }) => c.id === 'mirror')).toMatchObject({ state: 'ok', code: 'filesystem-mirror' });
      expect(res.body.checks.find((c: { id: string }) => c.id === 'provider:kreuzwerker/docker')).toMatchObject({ state: 'ok', values: { version: '3.6.2', where: 'mirror' } });
      expect(res.body.ready).toBe(!!binary);
    } finally {
      m.close();
    }
  });

  it.skipIf(!binary)('says in French what is missing, and a real terraform init fails on the empty mirror', { timeout: 60_000 }, async () => {
    const mirror = join(h.dir, 'empty-mirror');
    mkdirSync(mirror, { recursive: true });
    const m = await makeHarness({ infra: { synthesize: dockerStacks, pluginMirror: mirror } });
    try {
      const res = await m.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(res.body.ready).toBe(false);
      expect(res.body.checks.find((c: { id: string }) => c.id === 'provider:kreuzwerker/docker')).toMatchObject({ state: 'failed', code: 'provider-missing' });
      const page = await get(m, await signIn(m, 'op1@test.bj'), '/executions');
      expect(plain(page.html)).toContain('Fournisseur kreuzwerker/docker 3.6.2 absent du miroir');
      const plan = await m.call('operator', 'POST', '/api/v1/runs');
      const run = plan.body.runs[0];
      expect(run.planFileSha256).toBeNull();
      expect(run.planError).toMatch(/^failed at init/);
      expect(run.logTail).toMatch(/kreuzwerker\/docker/);
      expect(readFileSync(join(m.dir, 'terraform', 'cli.tfrc'), 'utf8')).toContain(`filesystem_mirror {\n    path = ${JSON.stringify(mirror)}`);
    } finally {
      m.close();
    }
  });
});

describe('runs history', () => {
  it('is paginated with its total and filtered by stack, state, operator and date', async () => {
    const insert = h.db.$client.prepare(
      "INSERT INTO apply_runs (id, stack, status, operator, spec_sha256, stack_sha256, stacks, plan, created_at) VALUES (?, ?, ?, ?, 's', 's', '{}', '{}', ?)",
    );
    for (let i = 0; i < 30; i++) insert.run(`run-${String(i).padStart(2, '0')}`, i % 2 ? 'ministry-mef' : 'platform', i % 3 ? 'failed' : 'superseded', i % 5 ? 'op1@test.bj' : 'op2@test.bj', `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T10:00:00.000Z`);
    const all = await h.call('auditor', 'GET', '/api/v1/runs?limit=10');
    expect(all.body).toMatchObject({ total: 30, limit: 10, offset: 0 });
    expect(all.body.items).toHaveLength(10);
    expect((await h.call('auditor', 'GET', '/api/v1/runs?stack=ministry-mef')).body.total).toBe(15);
    expect((await h.call('auditor', 'GET', '/api/v1/runs?status=superseded')).body.total).toBe(10);
    expect((await h.call('auditor', 'GET', '/api/v1/runs?operator=OP2@test.bj')).body.total).toBe(6);
    expect((await h.call('auditor', 'GET', '/api/v1/runs?from=2026-11-05&to=2026-11-06')).body.total).toBe(4);
    const bad = await h.call('auditor', 'GET', '/api/v1/runs?from=hier');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/from');
    const auditor = await signIn(h, 'audit@test.bj');
    expect((await get(h, auditor, '/executions?stack=ministry-mef')).html).toContain('data-total="15"');
    const first = await get(h, auditor, '/executions');
    expect(plain(first.html)).toContain('data-total="30"');
    expect(plain(first.html)).toContain('href="/executions?offset=25" rel="next"');
  });
});

describe('scheduled drift checks', () => {
  it('run as the console itself at DCOPS_DRIFT_INTERVAL_MINUTES, and never when it is 0', async () => {
    const { parseConfig } = await import('../../console/env.js');
    expect(parseConfig({}).driftIntervalMs).toBe(60 * 60_000);
    expect(parseConfig({ DCOPS_DRIFT_INTERVAL_MINUTES: '0' }).driftIntervalMs).toBe(0);
    expect(() => parseConfig({ DCOPS_DRIFT_INTERVAL_MINUTES: 'souvent' })).toThrow(/DCOPS_DRIFT_INTERVAL_MINUTES/);
    expect(parseConfig({ DCOPS_PLAN_MAX_AGE_HOURS: '6' }).planMaxAgeMs).toBe(6 * 3_600_000);
    expect(() => parseConfig({ DCOPS_TF_PLUGIN_MIRROR: 'relative/dir' })).toThrow(/DCOPS_TF_PLUGIN_MIRROR/);

    const { startDriftSchedule } = await import('../../console/services/runs/drift-schedule.js');
    const { createLogger } = await import('../../console/logger.js');
    const off = startDriftSchedule({ db: h.db, clock: h.clock, logger: createLogger('silent'), deps: { dataDir: h.dir, synthesize: dataStacks }, intervalMs: 0 });
    await off.stop();
    expect((h.db.$client.prepare('SELECT count(*) AS n FROM stack_drift').get() as { n: number }).n).toBe(0);
    const on = startDriftSchedule({ db: h.db, clock: h.clock, logger: createLogger('silent'), deps: { dataDir: h.dir, synthesize: dataStacks, terraform: { env: { PATH: '/nonexistent' } } }, intervalMs: 60_000, firstDelayMs: 0 });
    for (let i = 0; i < 100 && (h.db.$client.prepare('SELECT count(*) AS n FROM stack_drift').get() as { n: number }).n === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await on.stop();
    const rows = h.db.$client.prepare('SELECT stack, status FROM stack_drift ORDER BY stack').all();
    expect(rows).toEqual([
      { stack: 'ministry-mef', status: 'never-applied' },
      { stack: 'ministry-mnd', status: 'never-applied' },
      { stack: 'platform', status: 'never-applied' },
    ]);
    const audit = h.db.$client.prepare("SELECT actor FROM audit_log WHERE action = 'drift.check'").all();
    expect(audit).toEqual([{ actor: 'system' }]);
  });
});
