import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readBool } from './core/values.js';

const PASS = compliant("Le conteneur n'est pas privilégié.");

export const containerNotPrivileged = defineRule({
  id: 'container-not-privileged',
  title: 'Conteneur non privilégié',
  titleEn: 'Container is not privileged',
  severity: 'critical',
  rationale:
    "Un conteneur privilégié reçoit toutes les capacités du noyau et l'accès aux périphériques de l'hôte : " +
    "une faille dans l'application devient une prise de contrôle du serveur et de tous les hébergés qu'il porte.",
  controls: {
    'cis-docker-1.6.0': ['5.5'],
    'iso27001-2022': ['A.8.2', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const privileged = readBool(resource.attrs['privileged']);
    if (privileged === true) return nonCompliant('Le conteneur est lancé en mode privilégié (privileged = true).');
    if (privileged === null) return nonCompliant("La valeur de « privileged » n'est pas connue avant application ; elle doit valoir false.");
    return PASS;
  },
});
