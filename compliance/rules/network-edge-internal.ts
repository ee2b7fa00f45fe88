import { PLATFORM_STACK } from './core/conventions.js';
import { networkInternal } from './core/inventory.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';

const NOT_EDGE = notApplicable("Ce n'est pas un réseau de bordure.");

export const networkEdgeInternal = defineRule({
  id: 'network-edge-internal',
  title: "Réseau de bordure interne et porté par la plateforme",
  titleEn: 'Edge network is internal and owned by the platform stack',
  severity: 'high',
  rationale:
    "Le réseau de bordure d'un ministère relie l'entrée de la plateforme à ses seuls services exposés. Interne, il n'offre aucune " +
    "autre route vers l'extérieur ; déclaré dans la pile plateforme, il reste sous la main de l'exploitant et non du ministère.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'RESX-08'],
  },
  appliesTo: ['docker_network'],
  evaluate({ resource, inventory }) {
    const network = inventory.network(resource);
    if (network === undefined || network.kind !== 'edge') return NOT_EDGE;
    const problems: string[] = [];
    if (networkInternal(network) !== true) problems.push("il n'est pas interne (internal doit valoir true)");
    if (resource.stack !== PLATFORM_STACK) problems.push(`il est déclaré dans la pile « ${resource.stack} » au lieu de « ${PLATFORM_STACK} »`);
    const name = network.name ?? resource.name;
    if (problems.length > 0) return nonCompliant(`Réseau de bordure « ${name} » : ${problems.join(' ; ')}.`);
    return compliant(`Réseau de bordure « ${name} » interne, porté par la plateforme.`);
  },
});
