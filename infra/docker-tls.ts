/**
 * Readiness of the Docker hosts' TLS material: every provider that reaches its engine over TCP
 * names a directory (`cert_path`) holding `ca.pem`, `cert.pem` and `key.pem`. The apply
 * readiness check calls this with the filesystem as the console sees it and reports what is
 * missing, before Terraform fails on it half-way through a run.
 */
export const TLS_FILES = ['ca.pem', 'cert.pem', 'key.pem'] as const;

/** Missing files, as `<alias>: <path>`, sorted; empty when every TCP engine has its material. */
export function missingDockerTlsMaterial(doc: { [key: string]: unknown }, exists: (path: string) => boolean): string[] {
  const provider = doc['provider'];
  const blocks = provider !== null && typeof provider === 'object' ? (provider as { docker?: unknown }).docker : undefined;
  const missing: string[] = [];
  for (const b of Array.isArray(blocks) ? blocks : blocks ? [blocks] : []) {
    const p = b as { alias?: unknown; host?: unknown; cert_path?: unknown };
    if (typeof p.host !== 'string' || !p.host.startsWith('tcp://')) continue;
    const alias = typeof p.alias === 'string' ? p.alias : '(default)';
    if (typeof p.cert_path !== 'string' || p.cert_path === '') {
      missing.push(`${alias}: no cert_path`);
      continue;
    }
    for (const f of TLS_FILES) if (!exists(`${p.cert_path}/${f}`)) missing.push(`${alias}: ${p.cert_path}/${f}`);
  }
  return missing.sort();
}
