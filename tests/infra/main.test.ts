import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, SpecFileError } from '../../infra/main.js';
import { TenancySpecError } from '../../infra/spec-checks.js';
import { smallSpec } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'dcops-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('infra/main.ts', () => {
  it('fails with a clear message when the spec file is missing', () => {
    const missing = join(dir, 'nope.json');
    expect(() => main({ DCOPS_SPEC_FILE: missing, CDKTF_OUTDIR: join(dir, 'out0') })).toThrow(SpecFileError);
    expect(() => main({ DCOPS_SPEC_FILE: missing })).toThrow(/tenancy spec not found at .*nope\.json.*DCOPS_SPEC_FILE/);
  });

  it('refuses a file that is not JSON, or not a valid spec', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(() => main({ DCOPS_SPEC_FILE: bad })).toThrow(/not valid JSON/);
    writeFileSync(bad, JSON.stringify({ version: 2 }));
    expect(() => main({ DCOPS_SPEC_FILE: bad })).toThrow(TenancySpecError);
  });

  it('synthesizes the spec file into CDKTF_OUTDIR with the ingress address from the environment', () => {
    const file = join(dir, 'spec.json');
    writeFileSync(file, JSON.stringify(smallSpec()));
    const out = join(dir, 'out');
    const r = main({ DCOPS_SPEC_FILE: file, CDKTF_OUTDIR: out, DCOPS_INGRESS_BIND_IP: '10.20.0.5', DCOPS_INGRESS_TLS_DIR: '/etc/site/ingress-tls' });
    expect(r.stacks.map((s) => s.name)).toEqual(['platform', 'ministry-mef', 'ministry-ms']);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(existsSync(join(out, 'stacks', 'platform', 'cdk.tf.json'))).toBe(true);
    const platform = JSON.stringify(JSON.parse(readFileSync(join(out, 'stacks', 'platform', 'cdk.tf.json'), 'utf8')));
    expect(platform).toContain('"ip":"10.20.0.5"');
    expect(platform).toContain('"target":"/etc/site/ingress-tls"');
    expect(readFileSync(join(out, 'ingress', 'tls.yml'), 'utf8')).toContain('certFile: /etc/dcops/ingress-tls/cert.pem');
  });
});

