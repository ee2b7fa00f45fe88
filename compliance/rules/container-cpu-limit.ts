import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readNumber } from './core/values.js';

const LIMITED = compliant('CPU limité (cpus).');
const WEIGHTED = compliant('Poids CPU explicite (cpu_shares).');

/** Docker's default weight: setting it explicitly changes nothing. */
const DEFAULT_CPU_SHARES = 1024;

export const containerCpuLimit = defineRule({
  id: 'container-cpu-limit',
  title: 'Processeur du conteneur encadré',
  titleEn: 'Container CPU is limited or weighted',
  severity: 'medium',
  rationale:
    "Un conteneur sans limite ni pondération CPU peut monopoliser les cœurs de l'hôte au détriment des autres hébergés. " +
    'Une limite (cpus) ou un poids explicite (cpu_shares) rend la capacité allouée effective.',
  controls: {
    'cis-docker-1.6.0': ['5.12'],
    'iso27001-2022': ['A.8.6'],
    'pssie-bj-2021': ['EXP-05'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const cpus = readNumber(resource.attrs['cpus']);
    if (cpus !== undefined && cpus !== null && cpus > 0) return LIMITED;
    const shares = readNumber(resource.attrs['cpu_shares']);
    if (shares !== undefined && shares !== null && shares > 0 && shares !== DEFAULT_CPU_SHARES) {
      return WEIGHTED;
    }
    if (cpus === null || shares === null) return nonCompliant("La limite CPU n'est pas connue avant application.");
    return nonCompliant('Ni limite CPU (cpus) ni poids CPU différent de la valeur par défaut (cpu_shares).');
  },
});
