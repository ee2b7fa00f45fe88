import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readBool } from './core/values.js';

const PASS = compliant('Racine en lecture seule ; les chemins inscriptibles passent par tmpfs ou des volumes déclarés.');

export const containerReadOnlyRootfs = defineRule({
  id: 'container-read-only-rootfs',
  title: 'Système de fichiers racine en lecture seule',
  titleEn: 'Root filesystem mounted read-only',
  severity: 'medium',
  rationale:
    "Une racine en lecture seule empêche un intrus d'installer des outils ou de modifier les binaires du conteneur, " +
    "et garantit que ce qui tourne est bien l'image validée. Les chemins qui doivent rester inscriptibles passent par tmpfs ou un volume déclaré.",
  controls: {
    'cis-docker-1.6.0': ['5.13'],
    'iso27001-2022': ['A.8.9', 'A.8.19'],
    'pssie-bj-2021': ['EXP-04', 'EXP-06'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const readOnly = readBool(resource.attrs['read_only']);
    if (readOnly === true) return PASS;
    if (readOnly === null) return nonCompliant("La valeur de « read_only » n'est pas connue avant application ; elle doit valoir true.");
    return nonCompliant('La racine du conteneur est inscriptible : fixer read_only = true et déclarer les chemins inscriptibles en tmpfs.');
  },
});
