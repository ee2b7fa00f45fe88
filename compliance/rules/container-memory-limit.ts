import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readNumber } from './core/values.js';

const PASS = compliant('Mémoire limitée.');

export const containerMemoryLimit = defineRule({
  id: 'container-memory-limit',
  title: 'Mémoire du conteneur limitée',
  titleEn: 'Container memory is limited',
  severity: 'medium',
  rationale:
    "Sans plafond mémoire, un conteneur défaillant ou attaqué peut épuiser la mémoire de l'hôte et faire tomber " +
    "les services des autres ministères hébergés sur la même machine ; le plafond fait aussi respecter les quotas accordés.",
  controls: {
    'cis-docker-1.6.0': ['5.11'],
    'iso27001-2022': ['A.8.6'],
    'pssie-bj-2021': ['EXP-05'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const memory = readNumber(resource.attrs['memory']);
    if (memory === undefined) return nonCompliant('Aucune limite mémoire (attribut « memory » absent).');
    if (memory === null) return nonCompliant("La limite mémoire n'est pas connue avant application.");
    if (memory <= 0) return nonCompliant(`Limite mémoire invalide : ${memory} Mo.`);
    return PASS;
  },
});
