import { LABEL, PLATFORM_STACK, isIngress } from './core/conventions.js';
import { declaredEndpoint } from './core/reachability.js';
import type { Attachment } from './core/inventory.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';

const NO_EDGE = notApplicable('Aucun réseau de bordure.');
const INGRESS_ON_EDGE = compliant("Entrée de la plateforme : raccordement aux réseaux de bordure prévu.");

const EXPOSED: ReadonlySet<string> = new Set(['government', 'public']);

const EXPOSED_PASS = compliant("Service exposé (point d'accès déclaré, environnement gouvernemental ou public) raccordé à la bordure de son environnement.");
const PLATFORM_PASS = compliant("Point d'accès web déclaré de la plateforme, sur la bordure de la plateforme.");

function onEdge(attachment: Attachment): boolean {
  return attachment.network?.kind === 'edge';
}

export const containerEdgeExposedOnly = defineRule({
  id: 'container-edge-exposed-only',
  title: "Réseau de bordure réservé à l'entrée et aux services exposés",
  titleEn: 'Edge networks hold only the ingress and exposed services',
  severity: 'high',
  rationale:
    "Le réseau de bordure est le seul chemin entre l'entrée et un environnement. Un service qui s'y raccorde sans avoir demandé son " +
    "exposition (nom d'hôte et port), ou dans un environnement interne, ou sur la bordure d'un autre environnement, devient joignable " +
    "depuis l'entrée sans que cela ait été demandé ni approuvé ; le raccordement suit l'exposition déclarée, service par service.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    if (!resource.networks.some(onEdge)) return NO_EDGE;
    if (isIngress(resource)) return INGRESS_ON_EDGE;
    const edges = resource.networks.filter(onEdge);
    const names = edges.map((a) => a.name ?? a.ref).join(', ');
    const endpoint = declaredEndpoint(resource);
    if (resource.stack === PLATFORM_STACK) {
      if (endpoint !== null && edges.every((a) => a.network?.ministry === null)) return PLATFORM_PASS;
      return nonCompliant(`Conteneur de la plateforme sans point d'accès déclaré, ou sur la bordure d'un ministère : ${names}.`);
    }
    const exposure = resource.labels.get(LABEL.exposure);
    if (exposure === undefined || !EXPOSED.has(exposure)) {
      return nonCompliant(`Service d'un environnement non exposé (dcops.exposure = « ${exposure ?? 'absente'} ») raccordé au réseau de bordure ${names}.`);
    }
    if (endpoint === null) return nonCompliant(`Service sans exposition déclarée (${LABEL.exposeHostname}, ${LABEL.exposePort}) raccordé au réseau de bordure ${names}.`);
    const environment = resource.labels.get(LABEL.environment);
    const foreign = edges.filter((a) => a.network?.environment !== environment || a.network?.ministry !== resource.owner);
    if (foreign.length > 0) {
      return nonCompliant(`Service de l'environnement « ${environment ?? '?'} » raccordé à la bordure d'un autre environnement : ${foreign.map((a) => a.name ?? a.ref).join(', ')}.`);
    }
    return EXPOSED_PASS;
  },
});
