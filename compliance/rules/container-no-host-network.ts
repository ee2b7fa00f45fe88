import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant("Le conteneur a son propre espace réseau.");

export const containerNoHostNetwork = defineRule({
  id: 'container-no-host-network',
  title: "Pas de partage de l'espace réseau de l'hôte",
  titleEn: "Host network namespace is not shared",
  severity: 'high',
  rationale:
    "En mode réseau « host », le conteneur voit toutes les interfaces de l'hôte, y compris l'administration, " +
    "et échappe au cloisonnement par réseaux Docker sur lequel repose l'isolement entre ministères.",
  controls: {
    'cis-docker-1.6.0': ['5.10'],
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['network_mode']);
    if (mode === 'host') return nonCompliant("Le conteneur partage l'espace réseau de l'hôte (network_mode = host).");
    if (mode !== undefined && isReference(mode)) return nonCompliant("Le mode réseau n'est pas connu avant application.");
    return PASS;
  },
});
