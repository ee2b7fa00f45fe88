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
