import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readNumber, readString } from './core/values.js';

const MAX_RETRIES = 5;
const PASS = compliant(`Redémarrage sur échec, ${MAX_RETRIES} tentatives au plus.`);

export const containerRestartOnFailure = defineRule({
  id: 'container-restart-on-failure',
  title: 'Redémarrage sur échec, au plus 5 tentatives',
  titleEn: "Restart policy 'on-failure' with at most 5 retries",
  severity: 'low',
  rationale:
    "Un redémarrage borné relance un service tombé sans entretenir une boucle infinie qui masquerait la panne " +
    "et consommerait l'hôte ; au-delà de cinq échecs, l'incident doit remonter à l'exploitation.",
  controls: {
    'cis-docker-1.6.0': ['5.15'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const restart = readString(resource.attrs['restart']) ?? 'no';
    if (restart !== 'on-failure') return nonCompliant(`Politique de redémarrage « ${restart} » : attendu « on-failure ».`);
    const retries = readNumber(resource.attrs['max_retry_count']);
    // Docker reads 0 (or an absent count) as "retry forever".
    if (retries === undefined || retries === 0) return nonCompliant('Redémarrage sur échec sans limite de tentatives (max_retry_count absent ou 0).');
    if (retries === null) return nonCompliant("Le nombre maximal de tentatives n'est pas connu avant application.");
    if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
      return nonCompliant(`max_retry_count = ${retries} : attendu un entier entre 1 et ${MAX_RETRIES}.`);
    }
    return PASS;
  },
});
