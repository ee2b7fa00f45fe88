import { compliant, defineRule, nonCompliant } from './core/model.js';
import { blocks, readStrings } from './core/values.js';

/**
 * Capabilities that, once added back, open a path to the host kernel, its devices or files,
 * or to other containers' traffic (NET_RAW allows spoofing on a shared network).
 * Capabilities confined to the container's own files and ports (NET_BIND_SERVICE, CHOWN,
 * SETUID, DAC_OVERRIDE…) may be added back when an image needs them.
 */
const DANGEROUS = new Set([
  'ALL',
  'AUDIT_CONTROL',
  'BPF',
  'DAC_READ_SEARCH',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'MKNOD',
  'NET_ADMIN',
  'NET_RAW',
  'PERFMON',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_TIME',
]);

const PASS = compliant('Toutes les capacités sont retirées.');

function normalize(capability: string): string {
  const upper = capability.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export const containerCapabilitiesDropped = defineRule({
  id: 'container-capabilities-dropped',
  title: 'Capacités noyau retirées (drop ALL), aucune capacité dangereuse ajoutée',
  titleEn: 'Kernel capabilities dropped (ALL), no dangerous capability added',
  severity: 'high',
  rationale:
    "Docker accorde par défaut une quinzaine de capacités dont une application web n'a pas besoin. Tout retirer puis " +
    "n'ajouter que le strict nécessaire réduit ce qu'un attaquant peut faire du conteneur, et rend chaque exception visible dans le code.",
  controls: {
    'cis-docker-1.6.0': ['5.4'],
    'iso27001-2022': ['A.8.2', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    let dropsAll = false;
    const added: string[] = [];
    for (const block of blocks(resource.attrs['capabilities'])) {
      for (const cap of readStrings(block['drop'])) if (normalize(cap) === 'ALL') dropsAll = true;
      for (const cap of readStrings(block['add'])) added.push(normalize(cap));
    }
    const dangerous = [...new Set(added.filter((c) => DANGEROUS.has(c)))].sort();
    const problems: string[] = [];
    if (!dropsAll) problems.push('capabilities.drop ne contient pas ALL');
    if (dangerous.length > 0) problems.push(`capacités dangereuses ajoutées : ${dangerous.join(', ')}`);
    if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
    return added.length === 0 ? PASS : compliant( `Toutes les capacités sont retirées, ajout limité à : ${[...new Set(added)].sort().join(', ')}.`);
  },
});
