import { hostPaths } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isUnder } from './core/values.js';

const PASS = compliant("Aucun répertoire sensible de l'hôte n'est monté.");

/**
 * Host directories whose content (configuration, credentials, kernel interfaces, the engine's
 * own state, sockets) lets a container read secrets of, or take over, the host. Anything
 * below them counts too; `/` counts only as itself, or every path would.
 */
const SENSITIVE_DIRS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib/containerd',
  '/var/lib/docker',
  '/var/run',
];

export const containerNoSensitiveHostMounts = defineRule({
  id: 'container-no-sensitive-host-mounts',
  title: "Aucun répertoire sensible de l'hôte monté",
  titleEn: 'No sensitive host directory is mounted',
  severity: 'critical',
  rationale:
    "Monter /etc, /proc, /var/lib/docker ou la racine de l'hôte dans un conteneur lui donne accès aux secrets, à la configuration " +
    "et aux données des autres hébergés, voire la main sur le serveur. Les données applicatives passent par des volumes Docker déclarés.",
  controls: {
    'cis-docker-1.6.0': ['5.6'],
    'iso27001-2022': ['A.8.3', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const problems: string[] = [];
    for (const { raw, path } of hostPaths(resource.attrs)) {
      if (path === null) problems.push(`${raw} (chemin non déterminable)`);
      else if (path === '/' || SENSITIVE_DIRS.some((dir) => isUnder(path, dir))) problems.push(path);
    }
    if (problems.length > 0) return nonCompliant(`Répertoires sensibles de l'hôte montés : ${[...new Set(problems)].sort().join(', ')}.`);
    return PASS;
  },
});
