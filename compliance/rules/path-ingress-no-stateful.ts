import { LABEL, SERVICE_ROLE, STATEFUL_KINDS, isIngress } from './core/conventions.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { containerName, formatPath, reachability } from './core/reachability.js';

const NOT_SERVICE = notApplicable("Conteneur de la plateforme ou entrée : l'exposition des services ne s'y applique pas.");
const NOT_REACHED = notApplicable("Hors de portée directe de l'entrée.");

export const pathIngressNoStateful = defineRule({
  id: 'path-ingress-no-stateful',
  title: "Aucune base, aucun cache joignable depuis l'entrée",
  titleEn: 'No stateful service is reachable from the ingress',
  severity: 'critical',
  rationale:
    "Une base de données ou un cache sur un réseau de l'entrée se trouve à un saut d'Internet : une route de trop, et ses données " +
    "sont exposées. Ces services ne se joignent que depuis leur environnement ; un service de nature inconnue est traité comme tel.",
  controls: {
    'cis-docker-1.6.0': ['5.9'],
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'RESX-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    if (isIngress(resource) || resource.labels.get(LABEL.role) !== SERVICE_ROLE) return NOT_SERVICE;
    const reach = reachability(inventory).ingressNeighbour(resource);
    if (reach === undefined) return NOT_REACHED;
    const path = formatPath(['ingress', reach.via, containerName(resource)]);
    const kind = resource.labels.get(LABEL.kind);
    if (kind === undefined) return nonCompliant(`Service de nature inconnue (${LABEL.kind} absente) joignable depuis l'entrée : ${path}.`);
    if (STATEFUL_KINDS.has(kind)) return nonCompliant(`Service ${kind} joignable depuis l'entrée : ${path}.`);
    return compliant(`Service ${kind}, sans données propres, joignable depuis l'entrée : ${path}.`);
  },
});
