import { LABEL, isIngress } from './core/conventions.js';
import type { Attachment } from './core/inventory.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';

const NO_EDGE = notApplicable('Aucun réseau de bordure.');
const INGRESS_ON_EDGE = compliant("Entrée de la plateforme : raccordement aux réseaux de bordure prévu.");

const EXPOSED: ReadonlySet<string> = new Set(['government', 'public']);

const EXPOSED_PASS = compliant('Service à exposition déclarée (gouvernementale ou publique) raccordé à sa bordure.');

function onEdge(attachment: Attachment): boolean {
  return attachment.network?.kind === 'edge';
}

export const containerEdgeExposedOnly = defineRule({
  id: 'container-edge-exposed-only',
  title: "Réseau de bordure réservé à l'entrée et aux services exposés",
  titleEn: 'Edge networks hold only the ingress and exposed services',
  severity: 'high',
  rationale:
    "Le réseau de bordure est le seul chemin entre l'entrée et un ministère. Un service déclaré interne qui s'y raccorde devient " +
    "joignable depuis l'entrée sans que son exposition ait été demandée ni approuvée ; l'exposition déclarée doit suivre le raccordement.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    if (!resource.networks.some(onEdge)) return NO_EDGE;
    if (isIngress(resource)) return INGRESS_ON_EDGE;
    const exposure = resource.labels.get(LABEL.exposure);
    if (exposure !== undefined && EXPOSED.has(exposure)) return EXPOSED_PASS;
    const names = resource.networks
      .filter(onEdge)
      .map((a) => a.name ?? a.ref)
      .join(', ');
    return nonCompliant(`Service non exposé (dcops.exposure = « ${exposure ?? 'absente'} ») raccordé au réseau de bordure ${names}.`);
  },
});
