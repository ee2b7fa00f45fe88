/** Names of evidence files inside exports (the evidence package and the OSCAL back-matter agree on them). */

const MAX_NAME = 100;

/**
 * `<sha256>-<name>`, the name reduced to ASCII letters, digits, dot, dash and underscore: the
 * hash keeps paths unique and verifiable, the name keeps them readable, and nothing in it can
 * act as a path or trip an archive tool on any system.
 */
export function evidenceFileName(sha256: string, fileName: string | null): string {
  const ascii = (fileName ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(-MAX_NAME)
    .replace(/^[._-]+/, '');
  return `${sha256}-${ascii || 'fichier'}`;
}
