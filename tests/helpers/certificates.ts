/** Real certificates for tests, made by OpenSSL (Debian package openssl; .ci/run installs it). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const opensslAvailable = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

/** Skips loudly here, fails in CI, when OpenSSL is missing. */
export function requireOpenssl(what: string): void {
  if (opensslAvailable) return;
  const message = `openssl is missing: ${what} cannot make their certificates (.ci/run installs it)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n⚠️  SKIPPING ${message}\n`);
}

/** A self-signed P-256 certificate for `names` and its key in `dir` (`cert.pem`, `key.pem`), valid `days` from now. */
export function makeCertificate(dir: string, names: string[], days = 2): void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', String(days), '-subj', `/CN=${names[0]}`, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
}
