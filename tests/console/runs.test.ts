/**
 * Runs end to end with a real terraform binary: stacks made only of Terraform's built-in
 * `terraform_data` resources need no provider download, so init → plan → show -json → apply →
 * recorded run really happens here.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TenancySpec } from '../../infra/spec.js';
import type { TerraformJson } from '../../infra/synth.js';
import { desiredState, infraDepsOf } from '../../console/services/runs/desired-state.js';
import { dataStacks } from '../helpers/data-stacks.js';
import { makeHarness, type Harness } from '../helpers/harness.js';

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

// The orchestration itself (plan, approval, apply, drift, lifecycle): tests/console/runs-lifecycle.test.ts.

describe('policy gate', () => {
  it('records on the plan the verdict of its stack: failing rules, blocking or not', async () => {
    const bad = await makeHarness({
      infra: {
        synthesize: () =>
          new Map<string, TerraformJson>([
            ['ministry-mef', { resource: { docker_container: { web: { name: 'web', image: 'nginx:latest', privileged: true } } } }],
          ]),
        terraform: { env: { PATH: '/nonexistent' } },
      },
    });
    try {
      const res = await bad.call('operator', 'POST', '/api/v1/runs');
      expect(res.status).toBe(201);
      const run = res.body.runs[0];
      expect(run.policy.blocking).toBe(true);
      expect(run.policy.findings.find((f: { ruleId: string }) => f.ruleId === 'container-not-privileged')).toMatchObject({ blocking: true, suppressedBy: null, address: 'docker_container.web' });
      // No terraform here: no plan file, so nothing can be approved.
      expect(run.planFileSha256).toBeNull();
      expect(run.planError).toMatch(/no terraform/);
      const approve = await bad.call('operator2', 'POST', `/api/v1/runs/${run.id}/approve`);
      expect(approve.status).toBe(409);
      expect(approve.body.type).toMatch(/plan-file-missing$/);
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
