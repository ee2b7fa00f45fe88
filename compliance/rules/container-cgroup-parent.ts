import { PLATFORM_STACK } from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const SLICE = /^dcops-([a-z0-9]+)-[a-z0-9]+\.slice$/;

export const containerCgroupParent = defineRule({
  id: 'container-cgroup-parent',
  title: 'Groupe de contrôle parent confirmé (tranche du périmètre)',
  titleEn: 'Cgroup usage is confirmed: the container runs in its own scope’s slice',
  severity: 'medium',
  rationale:
    "Le cgroup parent décide quelles limites de l'hôte s'appliquent au conteneur. Sans parent explicite, il tombe dans la tranche " +
    "par défaut de Docker, partagée par tous ; dans la tranche d'un autre ministère, il consomme son budget. Chaque conteneur " +
    "tourne dans une tranche dcops de son propre périmètre (ministère ou plateforme).",
  controls: {
    'cis-docker-1.6.0': ['5.25'],
    'iso27001-2022': ['A.8.6', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const parent = readString(resource.attrs['cgroup_parent']);
    if (parent === undefined || parent === '') return nonCompliant('Aucun cgroup parent : le conteneur tombe dans la tranche par défaut, partagée.');
    if (isReference(parent)) return nonCompliant("Le cgroup parent n'est pas connu avant application.");
    const m = SLICE.exec(parent);
    if (m === null) return nonCompliant(`Cgroup parent « ${parent} » hors des tranches dcops.`);
    const expected = resource.stack === PLATFORM_STACK ? 'platform' : resource.owner.toLowerCase();
    if (m[1] !== expected) return nonCompliant(`Cgroup parent « ${parent} » dans la tranche de « ${m[1]} » au lieu de « ${expected} ».`);
    return compliant(`Tranche ${parent}, dans celle de son périmètre.`);
  },
});
