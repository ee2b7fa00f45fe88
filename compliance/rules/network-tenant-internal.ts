import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { networkInternal } from './core/inventory.js';

const NOT_TENANT = notApplicable("Ce n'est pas un réseau de ministère.");

export const networkTenantInternal = defineRule({
  id: 'network-tenant-internal',
  title: 'Réseau de ministère interne (sans sortie directe)',
  titleEn: 'Ministry tenant network is internal',
  severity: 'critical',
  rationale:
    "Un réseau de ministère marqué internal n'a pas de passerelle vers l'extérieur : les services qui y tournent ne peuvent " +
    "ni être joints ni joindre Internet sans passer par l'entrée contrôlée de la plateforme. C'est le socle du cloisonnement entre hébergés.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'RESX-04', 'RESX-08'],
  },
  appliesTo: ['docker_network'],
  evaluate({ resource, inventory }) {
    const network = inventory.network(resource);
    if (network === undefined || network.kind !== 'tenant') return NOT_TENANT;
    const internal = networkInternal(network);
    if (internal === true) return compliant(`Réseau « ${network.name ?? resource.name} » interne.`);
    if (internal === null) return nonCompliant("La valeur de « internal » n'est pas connue avant application ; elle doit valoir true.");
    return nonCompliant(`Le réseau de ministère « ${network.name ?? resource.name} » n'est pas interne (internal doit valoir true).`);
  },
});
