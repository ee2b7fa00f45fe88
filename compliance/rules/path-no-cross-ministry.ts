import { compliant, defineRule, nonCompliant } from './core/model.js';
import { describeOwner } from './core/owners.js';
import { formatPath, reachability } from './core/reachability.js';

const PASS = compliant("Aucun chemin vers un autre ministère hors des routes de l'entrée.");

export const pathNoCrossMinistry = defineRule({
  id: 'path-no-cross-ministry',
  title: 'Aucun chemin entre deux ministères',
  titleEn: 'No path between two ministries',
  severity: 'critical',
  rationale:
    "Deux conteneurs de ministères différents reliés par un réseau, directement ou par un conteneur intermédiaire, forment un chemin " +
    "que le cloisonnement interdit : la compromission de l'un ouvre l'autre. Seules les routes déclarées de l'entrée, les mêmes " +
    "que depuis Internet, relient les ministères. Le constat nomme le chemin.",
  controls: {
    'iso27001-2022': ['A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'CAL-01'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    const path = reachability(inventory).foreignMinistryPath(resource);
    if (path === null) return PASS;
    return nonCompliant(`Chemin du ${describeOwner(resource.owner)} vers un autre ministère : ${formatPath(path)}.`);
  },
});
