/**
 * The ingress's certificate: read from the site's directory (never the spec or the JSON), mounted
 * read-only into the ingress, pointed at by Traefik's generated dynamic configuration, and judged
 * by the readiness check with real certificates made by OpenSSL.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { INGRESS_TLS_PATH, ingressRoutesOf, ingressTlsReadiness, renderIngressTls, synthTenancy, synthTenancyToJson } from '../../infra/synth.js';
import { makeCertificate, opensslAvailable, requireOpenssl } from '../helpers/certificates.js';
import { beninSpec } from './fixtures.js';
import { resourcesOf } from './tf-json.js';

requireOpenssl('the ingress certificate checks');

const spec = beninSpec();
const stacks = synthTenancyToJson(spec, { options: { ingressTlsHostPath: '/srv/dcops/ingress-tls', ingressTlsDir: '/etc/dcops/ingress-tls' } });
const hosts = ingressRoutesOf(stacks).map((r) => r.host);
const domain = spec.platform.domain;
const binds = (body: Record<string, unknown>) => (body['mounts'] as { type: string; source?: string; target: string; read_only?: boolean }[]).filter((m) => m.type === 'bind');

describe('ingress certificate in the stacks', () => {
  const out = mkdtempSync(join(tmpdir(), 'dcops-ingress-tls-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('mounts the site’s directory read-only into the ingress, and into the console where readiness reads it', () => {
    const containers = resourcesOf(stacks.get('platform'), 'docker_container');
    expect(binds(containers['ingress']!)).toContainEqual({ type: 'bind', source: '/srv/dcops/ingress-tls', target: INGRESS_TLS_PATH, read_only: true });
    expect(binds(containers['console']!)).toContainEqual({ type: 'bind', source: '/srv/dcops/ingress-tls', target: '/etc/dcops/ingress-tls', read_only: true });
    for (const doc of stacks.values()) expect(JSON.stringify(doc)).not.toMatch(/BEGIN (CERTIFICATE|PRIVATE KEY|EC PRIVATE KEY)/);
  });

  it('writes Traefik’s dynamic configuration pointing at the mounted files, next to the routes', () => {
    synthTenancy(spec, { outdir: out });
    const written = readFileSync(join(out, 'ingress', 'tls.yml'), 'utf8');
    expect(written).toBe(renderIngressTls());
    const pair = { certFile: `${INGRESS_TLS_PATH}/cert.pem`, keyFile: `${INGRESS_TLS_PATH}/key.pem` };
    expect(parse(written)).toEqual({
      tls: { certificates: [pair], stores: { default: { defaultCertificate: pair } }, options: { default: { minVersion: 'VersionTLS12', sniStrict: false } } },
    });
    // Every route asks for TLS, so it is served with that certificate.
    const routers = (parse(readFileSync(join(out, 'ingress', 'routes.yml'), 'utf8')) as { http: { routers: Record<string, { tls?: unknown }> } }).http.routers;
    for (const r of Object.values(routers)) expect(r.tls).toEqual({});
  });
});

describe.skipIf(!opensslAvailable)('ingress certificate readiness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dcops-ingress-cert-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = new Date();
  const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
  const good = join(dir, 'good');
  if (opensslAvailable) makeCertificate(good, [`*.${domain}`, domain]);

  it('accepts a current certificate whose key matches and which covers every routed name', () => {
    const r = ingressTlsReadiness(good, later(1 / 24), hosts);
    expect(r).toMatchObject({ state: 'ok', code: 'ingress-tls-found', values: { subject: `CN=*.${domain}` } });
    expect(new Date(r.values['validTo']!).getTime()).toBeGreaterThan(later(1).getTime());
  });

  it('names the missing files', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(ingressTlsReadiness(empty, now, hosts)).toEqual({ state: 'failed', code: 'ingress-tls-missing', values: { files: `${empty}/cert.pem, ${empty}/key.pem`, dir: empty } });
    writeFileSync(join(empty, 'cert.pem'), readFileSync(join(good, 'cert.pem')));
    expect(ingressTlsReadiness(empty, now, hosts)).toMatchObject({ code: 'ingress-tls-missing', values: { files: `${empty}/key.pem` } });
  });

  it('reports an expired certificate, and one not valid yet, at the time it is asked', () => {
    expect(ingressTlsReadiness(good, later(3), hosts)).toMatchObject({ state: 'failed', code: 'ingress-tls-expired' });
    expect(ingressTlsReadiness(good, later(-1), hosts)).toMatchObject({ state: 'failed', code: 'ingress-tls-not-yet-valid' });
  });

  it('reports an unreadable file, a certificate or key that does not parse, a foreign key and an uncovered name', () => {
    const at = later(1 / 24);
    const copy = (name: string, files: Partial<Record<'cert.pem' | 'key.pem', string>>) => {
      const d = join(dir, name);
      mkdirSync(d);
      for (const f of ['cert.pem', 'key.pem'] as const) writeFileSync(join(d, f), files[f] ?? readFileSync(join(good, f), 'utf8'));
      return d;
    };
    const unreadable = join(dir, 'unreadable');
    mkdirSync(join(unreadable, 'key.pem'), { recursive: true });
    writeFileSync(join(unreadable, 'cert.pem'), readFileSync(join(good, 'cert.pem')));
    expect(ingressTlsReadiness(unreadable, at, hosts)).toMatchObject({ state: 'failed', code: 'ingress-tls-unreadable', values: { files: `${unreadable}/key.pem` } });
    expect(ingressTlsReadiness(copy('garbled', { 'cert.pem': '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n' }), at, hosts)).toMatchObject({ code: 'ingress-tls-invalid' });
    expect(ingressTlsReadiness(copy('garbled-key', { 'key.pem': 'not a key' }), at, hosts)).toMatchObject({ code: 'ingress-tls-key-invalid' });
    const other = join(dir, 'other');
    makeCertificate(other, [`*.${domain}`]);
    expect(ingressTlsReadiness(copy('foreign-key', { 'key.pem': readFileSync(join(other, 'key.pem'), 'utf8') }), at, hosts)).toMatchObject({ code: 'ingress-tls-key-mismatch' });
    const narrow = join(dir, 'narrow');
    makeCertificate(narrow, [`console.${domain}`]);
    const r = ingressTlsReadiness(narrow, at, hosts);
    expect(r).toMatchObject({ state: 'failed', code: 'ingress-tls-host-uncovered' });
    expect(r.values['hosts']).toContain(`grafana.${domain}`);
    expect(r.values['hosts']).not.toContain(`console.${domain}`);
  });
});
