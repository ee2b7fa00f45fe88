import { CLASSIFICATION_RANK, LABEL, isIngress } from './core/conventions.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { containerName, declaredEndpoint, formatPath, reachability } from './core/reachability.js';

const NOT_REACHED = notApplicable("Hors de portée directe de l'entrée.");
const INGRESS = notApplicable("C'est l'entrée elle-même.");

export const pathIngressDeclaredEndpoints = defineRule({
  id: 'path-ingress-declared-endpoints',
  title: "L'entrée n'atteint que des points d'accès déclarés, permis par leur classification",
  titleEn: 'The ingress reaches only declared endpoints their classification allows',
  severity: 'critical',
  rationale:
    "Tout conteneur qui partage un réseau avec l'entrée est joignable depuis Internet dès qu'une route, une erreur de configuration " +
    "ou une faille du mandataire le permet. Seul un service qui a demandé son exposition (nom d'hôte et port déclarés) peut s'y trouver, " +
    "et une donnée restreinte ou secrète jamais au niveau public. Le constat nomme le chemin.",
  controls: {
    'cis-docker-1.6.0': ['5.9'],
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-04', 'RESX-08'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    if (isIngress(resource)) return INGRESS;
    const reach = reachability(inventory).ingressNeighbour(resource);
    if (reach === undefined) return NOT_REACHED;
    const path = formatPath(['ingress', reach.via, containerName(resource)]);
    const endpoint = declaredEndpoint(resource);
    if (endpoint === null) return nonCompliant(`Joignable depuis l'entrée sans exposition déclarée : ${path}.`);
    const classification = resource.labels.get(LABEL.classification);
    const exposure = resource.labels.get(LABEL.exposure);
    if (classification !== undefined && (CLASSIFICATION_RANK[classification] ?? 3) >= 2 && exposure !== 'government') {
      return nonCompliant(`Donnée ${classification} joignable depuis l'entrée avec l'exposition « ${exposure ?? 'absente'} » (seule « government » est permise) : ${path}.`);
    }
    return compliant(`Point d'accès déclaré ${endpoint.hostname}:${endpoint.port} : ${path}.`);
  },
});
