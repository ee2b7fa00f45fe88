import { compliant, defineRule, nonCompliant } from './core/model.js';
import { blocks, readStrings } from './core/values.js';

const PASS = compliant('Contrôle de santé déclaré.');

export const containerHealthcheck = defineRule({
  id: 'container-healthcheck',
  title: "Contrôle de santé à l'exécution",
  titleEn: 'Container health is checked at runtime',
  severity: 'low',
  rationale:
    "Un conteneur démarré n'est pas forcément un service qui répond. Le contrôle de santé permet à la plateforme et à la " +
    "supervision de distinguer un service dégradé d'un service sain, et de déclencher l'alerte avant les usagers.",
  controls: {
    'cis-docker-1.6.0': ['5.27'],
    'iso27001-2022': ['A.8.16'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const check = blocks(resource.attrs['healthcheck'])[0];
    if (check === undefined) return nonCompliant('Aucun contrôle de santé déclaré (healthcheck absent).');
    const test = readStrings(check['test']);
    if (test.length === 0) return nonCompliant('Contrôle de santé sans commande (test vide).');
    if (test[0]?.toUpperCase() === 'NONE') return nonCompliant("Le contrôle de santé de l'image est désactivé (test = NONE).");
    return PASS;
  },
});
