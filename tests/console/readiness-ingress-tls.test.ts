/**
 * The apply readiness check judges the ingress's certificate where the console reads it, at the
 * console's time: missing, then present and current, then expired — through the API and the
 * « Plans et exécutions » page, in French and in English.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthTenancyToJson } from '../../infra/synth.js';
import { makeHarness } from '../helpers/harness.js';
import { get, signIn } from '../helpers/web.js';
import { smallSpec } from '../infra/fixtures.js';
import { makeCertificate, opensslAvailable, requireOpenssl } from '../helpers/certificates.js';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
requireOpenssl('the ingress readiness checks');

describe.skipIf(!opensslAvailable)('ingress certificate in the apply readiness', () => {
  const tls = mkdtempSync(join(tmpdir(), 'dcops-ingress-readiness-'));
  afterAll(() => rmSync(tls, { recursive: true, force: true }));
  const spec = smallSpec();
  const stacks = synthTenancyToJson(spec);

  it('reports the files missing, then the certificate found, then expired', async () => {
    const h = await makeHarness({ infra: { synthesize: () => stacks, options: { ingressTlsDir: tls } } });
    try {
      const check = async () => (await h.call('operator', 'GET', '/api/v1/runs/readiness')).body.checks.find((c: { id: string }) => c.id === 'ingress-tls');
      const now = new Date();
      h.clock.set(now);
      expect(await check()).toMatchObject({ state: 'failed', code: 'ingress-tls-missing', values: { files: `${tls}/cert.pem, ${tls}/key.pem` } });
      // Signed in again after each move of the clock: sessions expire on the console's time too.
      let op = await signIn(h, 'op1@test.bj');
      expect(plain((await get(h, op, '/executions')).html)).toContain(`Certificat ou clé de l’entrée manquant : ${tls}/cert.pem, ${tls}/key.pem`);
      expect(plain((await get(h, op, '/executions', { 'accept-language': 'en' })).html)).toContain(`Ingress certificate or key missing: ${tls}/cert.pem, ${tls}/key.pem`);

      makeCertificate(tls, [`*.${spec.platform.domain}`], 2);
      h.clock.set(new Date(now.getTime() + 3_600_000));
      const found = await check();
      expect(found).toMatchObject({ state: 'ok', code: 'ingress-tls-found' });
      op = await signIn(h, 'op1@test.bj');
      expect(plain((await get(h, op, '/executions')).html)).toContain(`Certificat de l’entrée valide jusqu’au ${found.values.validTo}`);

      h.clock.set(new Date(now.getTime() + 3 * 86_400_000));
      const res = await h.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(res.body.ready).toBe(false);
      const expired = res.body.checks.find((c: { id: string }) => c.id === 'ingress-tls');
      expect(expired).toMatchObject({ state: 'failed', code: 'ingress-tls-expired', values: { validTo: found.values.validTo } });
      op = await signIn(h, 'op1@test.bj');
      expect(plain((await get(h, op, '/executions')).html)).toContain(`Le certificat de l’entrée ${tls}/cert.pem a expiré le ${found.values.validTo}`);
      expect(plain((await get(h, op, '/executions', { 'accept-language': 'en' })).html)).toContain(`The ingress certificate ${tls}/cert.pem expired on ${found.values.validTo}`);
    } finally {
      h.close();
    }
  });

  it('asks nothing of a tenancy without an ingress', async () => {
    const h = await makeHarness({ infra: { synthesize: () => new Map([['platform', { resource: { terraform_data: { x: { input: 1 } } } }]]), options: { ingressTlsDir: tls } } });
    try {
      const res = await h.call('operator', 'GET', '/api/v1/runs/readiness');
      expect(res.body.checks.map((c: { id: string }) => c.id)).not.toContain('ingress-tls');
    } finally {
      h.close();
    }
  });
});
