/**
 * Runs end to end with a real terraform binary: stacks made only of Terraform's built-in
 * `terraform_data` resources need no provider download, so init → plan → show -json → apply →
 * recorded run really happens here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenancySpec } from '../../infra/spec.js';
import type { TerraformJson } from '../../infra/synth.js';
import { findTerraformBinary } from '../../infra/terraform.js';
import { desiredState, infraDepsOf } from '../../console/services/runs/desired-state.js';
import { makeHarness, type Harness } from '../helpers/harness.js';
import { get, post, signIn } from '../helpers/web.js';

const binary = await findTerraformBinary();
if (!binary) {
  const message = 'no terraform or tofu binary on PATH: the real run orchestration tests cannot run';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n⚠️  SKIPPING runs tests — ${message}\n`);
}

/** One terraform_data resource per environment, carrying what a change would change. */
function dataStacks(spec: TenancySpec): Map<string, TerraformJson> {
  const stacks = new Map<string, TerraformJson>();
  // The same local backend the real stacks declare, so state lands where the console puts it.
  const terraform = { backend: { local: { path: 'terraform.tfstate' } } };
  stacks.set('platform', { terraform, resource: { terraform_data: { ingress: { input: spec.platform.domain } } } });
  for (const m of spec.ministries) {
    const resources: Record<string, unknown> = {};
    for (const e of m.environments) resources[e.name.replace(/-/g, '_')] = { input: { services: e.services.map((s) => `${s.name}:${s.replicas}`), state: e.state === 'provisioning' ? 'active' : e.state } };
    stacks.set(`ministry-${m.code.toLowerCase()}`, Object.keys(resources).length ? { terraform, resource: { terraform_data: resources } } : { terraform });
  }
  return stacks;
}

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ infra: { synthesize: dataStacks } });
});
afterEach(() => h.close());

describe('tenancy spec', () => {
  it('is produced from the database, byte-identical for the same state, and hidden from requesters', async () => {
    await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning']);
    await h.requestIn('mnd', 'brouillon', []);
    const a = await h.app.request('/api/v1/tenancy/spec', { headers: { authorization: `Bearer ${h.callers.auditor!.token}` } });
    const b = await h.app.request('/api/v1/tenancy/spec', { headers: { authorization: `Bearer ${h.callers.operator!.token}` } });
    const textA = await a.text();
    expect(textA).toBe(await b.text());
    expect(a.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const spec = JSON.parse(textA) as TenancySpec;
    expect(spec.site.hosts.map((x) => x.name)).toEqual(['h1', 'h2', 'h3', 'h4']);
    const mef = spec.ministries.find((m) => m.code === 'MEF')!;
    expect(mef.environments.map((e) => [e.name, e.state])).toEqual([['sigfip', 'provisioning']]);
    expect(mef.environments[0]!.placements).toHaveLength(1);
    expect(spec.ministries.find((m) => m.code === 'MND')!.environments).toEqual([]);
    expect((await h.call('mef', 'GET', '/api/v1/tenancy/spec')).status).toBe(403);
  });
});

describe.skipIf(!binary)('plan and apply with a real terraform binary', () => {
  it('plans, applies, snapshots, activates provisioning requests, and previews the next change', async () => {
    const r = await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning']);
    const plan = await h.call('operator', 'POST', '/api/v1/runs');
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const mefRun = plan.body.runs.find((x: { stack: string }) => x.stack === 'ministry-mef');
    expect(mefRun.plan.summary).toEqual({ add: 1, change: 0, destroy: 0 });
    expect(mefRun.plan.add).toEqual(['terraform_data.sigfip']);
    expect(plan.body.policy.blocking).toBe(false);

    const applied = await h.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply');
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body.run).toMatchObject({ id: mefRun.id, status: 'applied', operator: 'op1@test.bj', stack: 'ministry-mef' });
    expect(applied.body.run.terraformPlan).toMatchObject({ add: 1, change: 0, destroy: 0 });
    expect(applied.body.run.logTail).toMatch(/Apply complete/);
    expect(applied.body.activatedRequests).toEqual([r.id]);
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('active');
    expect(existsSync(join(h.dir, 'snapshots', `${applied.body.run.stackSha256}.json`))).toBe(true);
    expect(existsSync(join(h.dir, 'state', 'ministry-mef.tfstate'))).toBe(true);

    // Nothing changed since the apply: the next plan leaves the stack alone.
    const again = await h.call('operator', 'POST', '/api/v1/runs');
    expect(again.body.unchanged).toContain('ministry-mef');
    const audit = await h.call('auditor', 'GET', '/api/v1/audit?entity=apply-run&limit=200');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['run.plan', 'run.apply-start', 'run.applied']));
    const run = await h.call('auditor', 'GET', `/api/v1/runs/${mefRun.id}`);
    expect(run.body.status).toBe('applied');
  });

  it('previews a change with the changed attribute paths after an apply', async () => {
    await h.requestIn('mef', 'portail', ['submit', 'approve', 'start-provisioning']);
    await h.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply');
    await h.requestIn('mef', 'autre', ['submit', 'approve']);
    const plan = await h.call('operator', 'POST', '/api/v1/runs');
    const mef = plan.body.runs.find((x: { stack: string }) => x.stack === 'ministry-mef');
    expect(mef.plan.add).toEqual(['terraform_data.autre']);
    expect(mef.plan.change).toEqual([]);
    expect(mef.plan.basedOn).not.toBeNull();
  });

  it('checks drift: pending changes from the desired state, real state through terraform', async () => {
    await h.requestIn('mef', 'derive', ['submit', 'approve', 'start-provisioning']);
    await h.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply');
    let drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    let mef = drift.body.stacks.find((x: { stack: string }) => x.stack === 'ministry-mef');
    expect(mef).toMatchObject({ drifted: false, real: { checked: true, status: 'in-sync' }, pendingChanges: { add: [], change: [], destroy: [] } });
    expect(drift.body.stacks.find((x: { stack: string }) => x.stack === 'platform').real).toMatchObject({ checked: false, reason: 'never applied' });
    await h.requestIn('mef', 'nouvelle', ['submit', 'approve']);
    drift = await h.call('operator', 'POST', '/api/v1/runs/drift');
    mef = drift.body.stacks.find((x: { stack: string }) => x.stack === 'ministry-mef');
    expect(mef.pendingChanges.add).toEqual(['terraform_data.nouvelle']);
    const row = h.db.$client.prepare("SELECT drifted FROM stack_drift WHERE stack = 'ministry-mef'").get() as { drifted: number };
    expect(row.drifted).toBe(0);

    // The last check stays readable, by auditors too; requesters see no infrastructure.
    const last = await h.call('auditor', 'GET', '/api/v1/runs/drift');
    expect(last.status).toBe(200);
    expect(last.body.items.map((x: { stack: string }) => x.stack)).toEqual([...drift.body.stacks.map((x: { stack: string }) => x.stack)].sort());
    expect(last.body.items.find((x: { stack: string }) => x.stack === 'ministry-mef')).toEqual({
      stack: 'ministry-mef',
      checkedAt: drift.body.checkedAt,
      drifted: false,
      pending: { add: 1, change: 0, destroy: 0 },
      real: { checked: true, status: 'in-sync', reason: null },
    });
    expect(last.body.items.find((x: { stack: string }) => x.stack === 'platform').real).toEqual({ checked: false, status: null, reason: 'never applied' });
    expect((await h.call('mef', 'GET', '/api/v1/runs/drift')).status).toBe(403);
  });

  it('refuses a second apply of the same stack while one runs', async () => {
    await h.requestIn('mef', 'verrou', ['submit', 'approve', 'start-provisioning']);
    const [a, b] = await Promise.all([
      h.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply'),
      h.call('operator2', 'POST', '/api/v1/runs/stacks/ministry-mef/apply'),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.detail).toMatch(/already being applied/);
    const runs = await h.call('auditor', 'GET', '/api/v1/runs?stack=ministry-mef');
    expect(runs.body.items.filter((x: { status: string }) => x.status === 'applied')).toHaveLength(1);
  });

  it('records a failed run and applies nothing when no binary is on PATH', async () => {
    const none = await makeHarness({ infra: { synthesize: dataStacks, terraform: { env: { PATH: '/nonexistent' } } } });
    try {
      await none.requestIn('mef', 'sans-binaire', ['submit', 'approve', 'start-provisioning']);
      const res = await none.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply');
      expect(res.body.run.status).toBe('failed');
      expect(res.body.run.failureReason).toMatch(/no terraform/i);
      expect(res.body.activatedRequests).toEqual([]);

      // From the console: the operator lands on the failed run, with its cause.
      const op = await signIn(none, 'op1@test.bj');
      await post(none, op, '/executions/planifier', {});
      const planned = (await none.call('operator', 'GET', '/api/v1/runs?stack=ministry-mef&status=planned')).body.items[0];
      const tried = await post(none, op, `/executions/${planned.id}/appliquer`, {});
      expect(tried.location).toMatch(/^\/executions\/[0-9a-f-]+\?ok=apply-failed$/);
      const page = await get(none, op, tried.location!);
      expect(page.html).toContain('L’application a échoué');
      expect(page.html).toMatch(/no terraform/i);
    } finally {
      none.close();
    }
  });

  it('applies a planned run and checks drift from the runs pages', async () => {
    const r = await h.requestIn('mef', 'portail-web', ['submit', 'approve', 'start-provisioning']);
    const op = await signIn(h, 'op1@test.bj');
    expect((await post(h, op, '/executions/planifier', {})).location).toBe('/executions?ok=planned');
    const planned = (await h.call('operator', 'GET', '/api/v1/runs?stack=ministry-mef')).body.items[0];
    expect(planned.status).toBe('planned');
    expect((await get(h, op, `/executions/${planned.id}`)).html).toContain(`action="/executions/${planned.id}/appliquer"`);

    // Auditors read the plan; applying is not theirs, nor is a post without the session's token.
    const auditor = await signIn(h, 'audit@test.bj');
    expect((await get(h, auditor, `/executions/${planned.id}`)).html).not.toContain('/appliquer"');
    expect((await post(h, auditor, `/executions/${planned.id}/appliquer`, {})).status).toBe(403);
    expect((await post(h, op, `/executions/${planned.id}/appliquer`, {}, { csrf: null })).status).toBe(403);
    expect((await h.call('auditor', 'GET', `/api/v1/runs/${planned.id}`)).body.status).toBe('planned');

    const applied = await post(h, op, `/executions/${planned.id}/appliquer`, {});
    expect(applied.location).toBe(`/executions/${planned.id}?ok=applied`);
    const after = await get(h, op, applied.location!);
    expect(after.html).toContain('La pile est appliquée.');
    expect(after.html).not.toContain('/appliquer"');
    expect((await h.call('mef', 'GET', `/api/v1/requests/${r.id}`)).body.state).toBe('active');
    const again = await post(h, op, `/executions/${planned.id}/appliquer`, {});
    expect(again.status).toBe(409);

    expect((await post(h, op, '/executions/derive', {})).location).toBe('/executions?ok=drift-checked');
    const runs = await get(h, op, '/executions?ok=drift-checked');
    expect(runs.html).toContain('La dérive a été contrôlée.');
    const driftSection = runs.html.slice(runs.html.indexOf('id="drift-title"'));
    const row = /<code>ministry-mef<\/code>[\s\S]*?<\/tr>/.exec(driftSection)![0];
    expect(row).toContain('Conforme');
    expect(row).toContain('<code>in-sync</code>');
    expect((await get(h, auditor, '/executions')).html).not.toContain('action="/executions/derive"');
    expect((await post(h, auditor, '/executions/derive', {})).status).toBe(403);
  });

  it('is for operators only', async () => {
    for (const who of ['auditor', 'admin', 'mef']) {
      expect((await h.call(who, 'POST', '/api/v1/runs/stacks/ministry-mef/apply')).status).toBe(403);
      expect((await h.call(who, 'POST', '/api/v1/runs')).status).toBe(403);
    }
  });
});

describe('policy gate', () => {
  it('blocks an apply when a high-severity finding has no live exception', async () => {
    const bad = await makeHarness({
      infra: {
        synthesize: () =>
          new Map<string, TerraformJson>([
            ['ministry-mef', { resource: { docker_container: { web: { name: 'web', image: 'nginx:latest', privileged: true } } } }],
          ]),
      },
    });
    try {
      const before = (await bad.call('auditor', 'GET', '/api/v1/runs')).body.items.length;
      const res = await bad.call('operator', 'POST', '/api/v1/runs/stacks/ministry-mef/apply');
      expect(res.status).toBe(409);
      expect(res.body.type).toMatch(/policy-blocked$/);
      expect(res.body.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('container-not-privileged');
      expect((await bad.call('auditor', 'GET', '/api/v1/runs')).body.items.length).toBe(before);
      const latest = await bad.call('auditor', 'GET', '/api/v1/policy-runs/latest?status=non_compliant');
      expect(latest.body.trigger).toBe('apply');
      expect(latest.body.blocking).toBe(true);
      expect(latest.body.results.length).toBeGreaterThan(0);
    } finally {
      bad.close();
    }
  });

  it('records a check run through the API', async () => {
    await h.requestIn('mef', 'controle', ['submit', 'approve']);
    const res = await h.call('operator', 'POST', '/api/v1/policy-runs');
    expect(res.status).toBe(201);
    expect(res.body.reportSha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await h.call('auditor', 'GET', '/api/v1/policy-runs');
    expect(list.body.items[0].id).toBe(res.body.runId);
  });
});

describe('automatic evidence from policy runs', () => {
  it('files one item per mapped control, tied to the spec and report hashes; the same result adds no version', async () => {
    await h.requestIn('mef', 'preuve', ['submit', 'approve']);
    const first = await h.call('operator', 'POST', '/api/v1/policy-runs');
    const versions = () =>
      h.db.$client
        .prepare(
          "SELECT e.source_key AS key, count(v.id) AS versions, max(v.version) AS latest, max(v.check_count) AS checks, max(v.content_sha256) AS content FROM evidence e JOIN evidence_versions v ON v.evidence_id = e.id WHERE e.source = 'policy-run' GROUP BY e.id ORDER BY e.source_key",
        )
        .all() as { key: string; versions: number; latest: number; checks: number; content: string }[];
    const second = await h.call('operator', 'POST', '/api/v1/policy-runs');
    expect(second.status).toBe(201);
    const rows = versions();
    expect(rows.length).toBeGreaterThan(10);
    // Same result: no version, each item's current version re-checked once, its file not stored again.
    expect(rows.every((r) => r.versions === 1 && r.latest === 1 && r.checks === 1)).toBe(true);
    const lastChecked = h.db.$client.prepare("SELECT DISTINCT last_checked_by AS by FROM evidence_versions v JOIN evidence e ON e.id = v.evidence_id WHERE e.source = 'policy-run'").all();
    expect(lastChecked).toEqual([{ by: `policy-run:${second.body.runId}` }]);
    // One audit entry for the run's re-checks, not one per item.
    const rechecks = h.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'evidence.automatic.recheck'").get() as { n: number };
    expect(rechecks.n).toBe(1);

    const meta = h.db.$client
      .prepare("SELECT v.metadata, v.file_sha256 FROM evidence_versions v JOIN evidence e ON e.id = v.evidence_id WHERE e.source_key = 'iso27001-2022:A.8.22' ORDER BY v.version DESC LIMIT 1")
      .get() as { metadata: string; file_sha256: string };
    const m = JSON.parse(meta.metadata) as { policyRunId: string; reportSha256: string; specSha256: string };
    expect(first.body.specSha256).toBe(second.body.specSha256);
    // The version says which run produced it; the re-check, which run saw it again.
    expect(m.policyRunId).toBe(first.body.runId);
    expect(m.reportSha256).toBe(first.body.reportSha256);
    expect(m.specSha256).toBe(first.body.specSha256);
  });
});

describe('site settings', () => {
  it('publish the ingress on the address the console is configured with, and nothing else changes', async () => {
    const published = (stacks: Map<string, TerraformJson>) => {
      const containers = (stacks.get('platform')!.resource as Record<string, Record<string, { ports?: { external?: number; ip?: string }[] }>>)['docker_container']!;
      return Object.values(containers).flatMap((c) => (c.ports ?? []).map((p) => `${p.ip}:${p.external}`));
    };
    const site = await makeHarness({ env: { DCOPS_INGRESS_BIND_IP: '10.20.0.5' } });
    try {
      const configured = desiredState(site.db, infraDepsOf(site.config));
      const loopback = desiredState(site.db, { dataDir: site.dir });
      expect(published(configured.stacks).sort()).toEqual(['10.20.0.5:443', '10.20.0.5:80']);
      expect(published(loopback.stacks).sort()).toEqual(['127.0.0.1:443', '127.0.0.1:80']);
      // A site setting, not tenancy data: the spec is the same, only the platform stack differs.
      expect(configured.specSha256).toBe(loopback.specSha256);
      expect(Object.keys(configured.hashes).filter((k) => configured.hashes[k] !== loopback.hashes[k])).toEqual(['platform']);
    } finally {
      site.close();
    }
  });
});
