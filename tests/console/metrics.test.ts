import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function scrape(harness: Harness, headers: Record<string, string> = {}) {
  const res = await harness.app.request('/metrics', { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

function promtool(): string | null {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return 'promtool';
  } catch {
    return null;
  }
}

describe('/metrics', () => {
  it('exports HTTP and domain metrics with bounded labels', async () => {
    await h.requestIn('mef', 'sigfip', ['submit', 'approve', 'start-provisioning', 'activate']);
    await h.call('operator', 'GET', `/api/v1/requests/${'x'.repeat(36)}`);
    const { status, type, text } = await scrape(h);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(text).toMatch(/dcops_http_requests_total\{route="\/api\/v1\/requests\/:id",method="GET",status="404"\} 1/);
    expect(text).not.toContain('x'.repeat(36));
    expect(text).toMatch(/dcops_hosting_requests\{ministry="MEF",state="active"\} 1/);
    expect(text).toMatch(/dcops_ministry_allocation\{ministry="MEF",resource="vcpu"\} 1/);
    expect(text).toMatch(/dcops_host_capacity\{host="h1",power_feed="A",resource="vcpu"\} 16/);
    expect(text).toMatch(/dcops_hosting_request_decision_lead_time_seconds_count\{ministry="MEF"\} 1/);
    expect(text).toMatch(/dcops_hosting_request_provisioning_lead_time_seconds_count\{ministry="MEF"\} 1/);
    expect(text).toMatch(/dcops_controls\{framework="iso27001-2022",status="not_started"\} 93/);
    expect(text).toMatch(/dcops_domain_snapshot_success 1/);
  });

  it('needs the bearer token when one is configured', async () => {
    const locked = await makeHarness({ env: { DCOPS_METRICS_TOKEN: 'a-long-metrics-token' } });
    try {
      expect((await scrape(locked)).status).toBe(401);
      expect((await scrape(locked, { authorization: 'Bearer wrong-token-value!' })).status).toBe(401);
      expect((await scrape(locked, { authorization: 'Bearer a-long-metrics-token' })).status).toBe(200);
    } finally {
      locked.close();
    }
  });

  it('labels a route by the handler that answered, and has lead-time series from zero for every ministry', async () => {
    await h.call('operator', 'GET', '/api/v1/runs/drift');
    await h.requestIn('mef', 'decide', ['submit', 'approve']);
    const { text } = await scrape(h);
    expect(text).toMatch(/dcops_http_requests_total\{route="\/api\/v1\/runs\/drift",method="GET",status="200"\} 1/);
    expect(text).not.toMatch(/route="\/api\/v1\/runs\/:id",method="GET",status="200"/);
    expect(text).toMatch(/dcops_hosting_request_decision_lead_time_seconds_count\{ministry="MEF"\} 1/);
    expect(text).toMatch(/dcops_hosting_request_decision_lead_time_seconds_count\{ministry="MND"\} 0/);
    expect(text).toMatch(/dcops_hosting_request_provisioning_lead_time_seconds_count\{ministry="MND"\} 0/);
  });

  it('keeps lead times across a restart: they are read from the database', async () => {
    await h.requestIn('mef', 'before-restart', ['submit', 'approve', 'start-provisioning', 'activate']);
    // A second app on the same database, as after a restart: nothing observed in its process.
    const { createApp } = await import('../../console/app.js');
    const { Registry } = await import('prom-client');
    const { loginLimiters } = await import('../../console/auth/rate-limit.js');
    const { createLogger } = await import('../../console/logger.js');
    const restarted = createApp({ db: h.db, clock: h.clock, config: h.config, logger: createLogger('silent'), registry: new Registry(), limiters: loginLimiters(h.clock) });
    const text = await (await restarted.request('/metrics')).text();
    expect(text).toMatch(/dcops_hosting_request_decision_lead_time_seconds_count\{ministry="MEF"\} 1/);
    expect(text).toMatch(/dcops_hosting_request_provisioning_lead_time_seconds_count\{ministry="MEF"\} 1/);
  });

  it('passes promtool check metrics on the whole scrape, Node.js metrics included', async () => {
    const tool = promtool();
    if (!tool) {
      if (process.env.CI === 'true') throw new Error('promtool is missing in CI');
      console.warn('⚠️  SKIPPING promtool check metrics: promtool not installed');
      return;
    }
    await h.requestIn('mef', 'whole', ['submit']);
    const file = join(mkdtempSync(join(tmpdir(), 'dcops-metrics-')), 'metrics.txt');
    writeFileSync(file, (await scrape(h)).text);
    const out = execFileSync('sh', ['-c', `${tool} check metrics < ${file} 2>&1; echo "rc=$?"`]).toString();
    expect(out.trim()).toBe('rc=0');
  });

  it('passes promtool check metrics (the console’s own metrics)', async () => {
    const tool = promtool();
    if (!tool) {
      if (process.env.CI === 'true') throw new Error('promtool is missing in CI');
      console.warn('⚠️  SKIPPING promtool check metrics: promtool not installed');
      return;
    }
    await h.requestIn('mef', 'lint', ['submit', 'approve']);
    const own = (await scrape(h)).text
      .split('\n')
      .filter((l) => /^(# (HELP|TYPE) )?dcops_/.test(l))
      .join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'dcops-metrics-')), 'metrics.txt');
    writeFileSync(file, own + '\n');
    const out = execFileSync('sh', ['-c', `${tool} check metrics < ${file} 2>&1; echo "rc=$?"`]).toString();
    expect(out.trim().split('\n').at(-1)).toBe('rc=0');
  });
});

describe('dcops_risks', () => {
  it('counts the register by level, inherent and residual, as the register derives them (residual reached only once the controls are implemented)', async () => {
    const empty = (await scrape(h)).text;
    for (const stage of ['inherent', 'residual']) for (const level of ['low', 'medium', 'high', 'critical']) expect(empty).toContain(`dcops_risks{level="${level}",stage="${stage}"} 0\n`);

    const asset = await h.call('operator', 'POST', '/api/v1/assets', { kind: 'cooling', code: 'FAC-COOLING-S1', name: 'Refroidissement salle 1', ownerEmail: 'op2@test.bj' });
    const r = await h.call('operator', 'POST', '/api/v1/risks', { title: 'Panne de climatisation', assetId: asset.body.id, threat: 'Panne', vulnerability: 'N+1', consequence: 'Arrêt', likelihood: 4, impact: 4, ownerEmail: 'op2@test.bj' });
    await h.call('operator', 'POST', '/api/v1/risks', { title: 'Coupure brève', assetId: asset.body.id, threat: 'Panne', vulnerability: 'Aucune', consequence: 'Gêne', likelihood: 1, impact: 2, ownerEmail: 'op2@test.bj' });
    const treated = await h.call('operator', 'POST', `/api/v1/risks/${r.body.id}/treat`, { version: 1, treatment: 'reduce', plan: 'Maintenance', residualLikelihood: 2, residualImpact: 2, controls: [{ frameworkId: 'tia942-r3', controlId: 'TIA-MEC-01' }] });
    expect(treated.status).toBe(200);

    const { text } = await scrape(h);
    expect(text).toContain('# TYPE dcops_risks gauge');
    expect(text).toContain('dcops_risks{level="critical",stage="inherent"} 1\n');
    expect(text).toContain('dcops_risks{level="low",stage="inherent"} 1\n');
    // TIA-MEC-01 is not implemented: the residual stays at the inherent level, as on the pages.
    expect(text).toContain('dcops_risks{level="critical",stage="residual"} 1\n');
    expect(text).toContain('dcops_risks{level="medium",stage="residual"} 0\n');
    const metrics = (await h.call('auditor', 'GET', '/api/v1/risks/metrics')).body;
    expect(metrics.residual.critical).toBe(1);
  });
});
