import { isIngress } from './core/conventions.js';
import { UNKNOWN_OWNER } from './core/inventory.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { describeOwner } from './core/owners.js';

const PASS = compliant('Raccordé aux seuls réseaux de son périmètre.');
const INGRESS_PASS = compliant('Entrée : réseaux de la plateforme et réseaux de bordure des ministères.');

const NO_NAMED_NETWORK = notApplicable('Aucun réseau nommé.');

export const containerMinistryNetworksOnly = defineRule({
  id: 'container-ministry-networks-only',
  title: 'Conteneur raccordé aux seuls réseaux de son ministère',
  titleEn: "Container joins only its own ministry's networks",
  severity: 'critical',
  rationale:
    "Un conteneur raccordé au réseau d'un autre ministère, ou un service hébergé raccordé aux réseaux d'administration de la " +
    "plateforme, franchit le cloisonnement entre hébergés. Seule l'entrée de la plateforme rejoint les réseaux de bordure des ministères ; " +
    "un réseau inconnu des piles évaluées est refusé, faute de pouvoir dire à qui il appartient.",
  controls: {
    'iso27001-2022': ['A.5.15', 'A.8.3', 'A.8.22'],
    'pssie-bj-2021': ['CAL-01', 'RESX-02'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const attachments = resource.networks.filter((a) => !a.builtin);
    if (attachments.length === 0) return NO_NAMED_NETWORK;
    if (resource.owner === UNKNOWN_OWNER) return nonCompliant("Le ministère propriétaire du conteneur est inconnu (pile et étiquette dcops.ministry).");
    const problems: string[] = [];
    for (const attachment of attachments) {
      const network = attachment.network;
      if (network === null) {
        problems.push(`${attachment.name ?? attachment.ref} (réseau non déclaré dans les piles évaluées)`);
        continue;
      }
      if (network.owner === resource.owner) continue;
      if (network.kind === 'edge' && isIngress(resource)) continue;
      problems.push(`${network.name ?? network.resource.address} (${describeOwner(network.owner)})`);
    }
    if (problems.length > 0) {
      return nonCompliant(`Conteneur du périmètre « ${describeOwner(resource.owner)} » raccordé à : ${problems.join(', ')}.`);
    }
    return isIngress(resource) ? INGRESS_PASS : PASS;
  },
});
