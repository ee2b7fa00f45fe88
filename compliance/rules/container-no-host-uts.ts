import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant("Espace de noms UTS propre au conteneur.");

export const containerNoHostUts = defineRule({
  id: 'container-no-host-uts',
  title: "Pas de partage de l'espace de noms UTS de l'hôte",
  titleEn: "The host's UTS namespace is not shared",
  severity: 'medium',
  rationale:
    "Partager l'espace UTS de l'hôte laisse le conteneur changer le nom de l'hôte et le nom de domaine vus par tous ses services " +
    "et ses journaux. Le fournisseur Docker utilisé ne l'expose pas ; une définition venue d'ailleurs pourrait le porter.",
  controls: {
    'cis-docker-1.6.0': ['5.21'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['uts_mode']);
    if (mode === 'host') return nonCompliant("Le conteneur partage l'espace UTS de l'hôte (uts_mode = host).");
    if (mode !== undefined && isReference(mode)) return nonCompliant("La valeur de « uts_mode » n'est pas connue avant application.");
    return PASS;
  },
});
