import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant("Espace de noms utilisateurs propre au conteneur.");

export const containerNoHostUserns = defineRule({
  id: 'container-no-host-userns',
  title: "Pas de partage de l'espace de noms utilisateurs de l'hôte",
  titleEn: 'Host user namespace is not shared',
  severity: 'high',
  rationale:
    "Le mode userns « host » désactive le remappage des identifiants : l'UID 0 du conteneur redevient l'UID 0 de l'hôte, ce qui annule une protection du moteur contre les évasions.",
  controls: {
    'cis-docker-1.6.0': ['5.31'],
    'iso27001-2022': ['A.8.2', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['userns_mode']);
    if (mode === 'host') return nonCompliant("Le conteneur partage l'espace de noms utilisateurs de l'hôte (userns_mode = host).");
    if (mode !== undefined && isReference(mode)) return nonCompliant("La valeur de « userns_mode » n'est pas connue avant application.");
    return PASS;
  },
});
