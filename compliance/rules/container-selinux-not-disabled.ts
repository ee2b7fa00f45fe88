import { securityOpts } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const DISABLE = /^\s*label[:=]\s*disable\s*$/i;
const PASS = compliant('Séparation SELinux non désactivée (hôtes confinés par AppArmor).');

export const containerSelinuxNotDisabled = defineRule({
  id: 'container-selinux-not-disabled',
  title: 'Séparation SELinux jamais désactivée',
  titleEn: 'SELinux separation is never disabled',
  severity: 'medium',
  rationale:
    "Les hôtes du site sont confinés par AppArmor ; SELinux ne s'y applique pas, mais une option « label=disable » désactiverait " +
    "la séparation sur un hôte qui l'aurait. Aucune définition ne doit la porter, pour que le confinement ne dépende pas de l'hôte choisi.",
  controls: {
    'cis-docker-1.6.0': ['5.3'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    if (securityOpts(resource.attrs).some((o) => DISABLE.test(o))) return nonCompliant('La séparation SELinux est désactivée (label=disable).');
    return PASS;
  },
});
