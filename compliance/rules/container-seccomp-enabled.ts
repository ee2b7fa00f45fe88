import { securityOpts } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const PASS = compliant('Profil seccomp par défaut ou personnalisé actif.');

const UNCONFINED = /^\s*seccomp[:=]unconfined\s*$/i;

export const containerSeccompEnabled = defineRule({
  id: 'container-seccomp-enabled',
  title: 'Profil seccomp actif',
  titleEn: 'Seccomp profile is not disabled',
  severity: 'high',
  rationale:
    "Le profil seccomp par défaut de Docker bloque une quarantaine d'appels système rarement utiles et souvent exploités pour " +
    "sortir d'un conteneur. Le désactiver (unconfined) expose tout le noyau partagé par les hébergés de l'hôte.",
  controls: {
    'cis-docker-1.6.0': ['5.22'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    if (securityOpts(resource.attrs).some((o) => UNCONFINED.test(o))) return nonCompliant('Le filtrage seccomp est désactivé (seccomp=unconfined).');
    return PASS;
  },
});
