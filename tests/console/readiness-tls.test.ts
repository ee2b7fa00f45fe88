/** The apply readiness check reports the Docker hosts' TLS material the providers will read. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TerraformJson } from '../../infra/synth.js';
import { makeHarness } from '../helpers/harness.js';

describe('Docker TLS material in the apply readiness', () => {
  const tls = mkdtempSync(join(tmpdir(), 'dcops-tls-'));
  afterAll(() => rmSync(tls, { recursive: true, force: true }));
  const stacks = (): Map<string, TerraformJson> =>
    new Map([['platform', { provider: { docker: [{ alias: 'h1', host: 'tcp://10.0.0.1:2376', cert_path: join(tls, 'h1') }] }, resource: { terraform_data: { x: { input: 1 } } } }]]);

  it('names each missing file, then reports the material present once it is in place', async () => {
    const h = await makeHarness({ infra: { synthesize: stacks } });
    try {
      const before = await h.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(before.body.ready).toBe(false);
      const check = before.body.checks.find((c: { id: string }) => c.id === 'docker-tls');
      expect(check).toMatchObject({ state: 'failed', code: 'docker-tls-missing' });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) expect(check.values.files).toContain(join(tls, 'h1', f));

      mkdirSync(join(tls, 'h1'));
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(tls, 'h1', f), 'x');
      const after = await h.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(after.body.checks.find((c: { id: string }) => c.id === 'docker-tls')).toMatchObject({ state: 'ok', code: 'docker-tls-found' });
    } finally {
      h.close();
    }
  });
});
