import { securityOpts } from './core/container.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const PROFILE = /^\s*apparmor[:=]\s*(\S+)\s*$/i;

export const containerApparmorProfile = defineRule({
  id: 'container-apparmor-profile',
  title: 'Profil AppArmor nommé et actif',
  titleEn: 'An AppArmor profile is enabled',
  severity: 'medium',
  rationale:
    "Les hôtes du datacenter (Debian) confinent les conteneurs par AppArmor. Nommer le profil dans la définition rend le " +
    "confinement vérifiable avant le déploiement, et refuse « unconfined », qui retirerait la barrière entre le conteneur et le noyau.",
  controls: {
    'cis-docker-1.6.0': ['5.2'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const profiles = securityOpts(resource.attrs)
      .map((o) => PROFILE.exec(o)?.[1])
      .filter((p): p is string => p !== undefined);
    if (profiles.length === 0) return nonCompliant('Aucun profil AppArmor nommé (security_opts apparmor=…).');
    if (profiles.some((p) => p.toLowerCase() === 'unconfined')) return nonCompliant('Le confinement AppArmor est désactivé (apparmor=unconfined).');
    return compliant(`Profil AppArmor « ${profiles.join(', ')} ».`);
  },
});
