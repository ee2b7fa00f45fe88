import { hostPaths } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isUnder } from './core/values.js';

const PASS = compliant("Aucun socket du moteur de conteneurs n'est monté.");

/** Where container engines put their control sockets on the hosts we run. */
const ENGINE_SOCKETS = [
  '/run/containerd/containerd.sock',
  '/run/docker.sock',
  '/run/podman/podman.sock',
  '/var/run/containerd/containerd.sock',
  '/var/run/docker.sock',
];

export const containerNoDockerSocket = defineRule({
  id: 'container-no-docker-socket',
  title: 'Socket du moteur Docker non monté',
  titleEn: 'Docker socket is not mounted',
  severity: 'critical',
  rationale:
    "Qui parle au socket Docker commande le moteur : il peut lancer un conteneur privilégié, lire tous les volumes et " +
    "donc prendre l'hôte et les environnements de tous les ministères. Aucun conteneur hébergé n'a à le voir, directement ou via un répertoire parent.",
  controls: {
    'cis-docker-1.6.0': ['5.32'],
    'iso27001-2022': ['A.8.2', 'A.8.18'],
    'pssie-bj-2021': ['EXP-02'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const problems: string[] = [];
    for (const { raw, path } of hostPaths(resource.attrs)) {
      if (path === null) {
        problems.push(`${raw} (chemin non déterminable)`);
        continue;
      }
      // The socket itself, a socket at an unusual place, or any directory that contains one.
      if (path.endsWith('.sock') && /(?:docker|containerd|podman)[^/]*\.sock$/.test(path)) problems.push(path);
      else if (ENGINE_SOCKETS.some((socket) => isUnder(socket, path))) problems.push(path);
    }
    if (problems.length > 0) return nonCompliant(`Socket du moteur de conteneurs accessible : ${[...new Set(problems)].sort().join(', ')}.`);
    return PASS;
  },
});
