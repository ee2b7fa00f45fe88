import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant("Espace de processus propre au conteneur.");

export const containerNoHostPid = defineRule({
  id: 'container-no-host-pid',
  title: "Pas de partage de l'espace de processus de l'hôte",
  titleEn: 'Host process namespace is not shared',
  severity: 'high',
  rationale:
    "Partager l'espace de processus de l'hôte laisse le conteneur voir, tracer ou signaler les processus du serveur, dont ceux des autres hébergés, et en lire l'environnement (variables, secrets passés en argument).",
  controls: {
    'cis-docker-1.6.0': ['5.16'],
    'iso27001-2022': ['A.8.3', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['pid_mode']);
    if (mode === 'host') return nonCompliant("Le conteneur partage l'espace de processus de l'hôte (pid_mode = host).");
    if (mode !== undefined && isReference(mode)) return nonCompliant("La valeur de « pid_mode » n'est pas connue avant application.");
    return PASS;
  },
});
