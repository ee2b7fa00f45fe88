import { isIngress } from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { formatPath, reachability } from './core/reachability.js';

const PASS = compliant("Aucun chemin depuis la DMZ qui ne passe par l'entrée.");
const INGRESS = compliant("Entrée : le seul conteneur de la DMZ.");

export const pathDmzIngressOnly = defineRule({
  id: 'path-dmz-ingress-only',
  title: "Depuis la DMZ, tout chemin passe par l'entrée",
  titleEn: 'Every path from the DMZ goes through the ingress',
  severity: 'critical',
  rationale:
    "La DMZ est le seul réseau ouvert vers l'extérieur. Un autre conteneur qui s'y raccorde, ou qui partage un réseau avec un tel " +
    "conteneur, devient joignable sans passer par le mandataire et ses routes déclarées : les données restreintes ou secrètes " +
    "seraient alors à portée d'Internet. Le constat nomme le chemin.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-01', 'RESX-08'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    if (isIngress(resource)) return INGRESS;
    const path = reachability(inventory).dmzPath(resource);
    if (path === null) return PASS;
    return nonCompliant(`Joignable depuis la DMZ sans passer par l'entrée : ${formatPath(path)}.`);
  },
});
