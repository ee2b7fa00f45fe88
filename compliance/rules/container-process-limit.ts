import { LABEL } from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readString } from './core/values.js';

/** Above this, a fork bomb still starves the host's process table. */
export const MAX_PIDS_LIMIT = 32_768;
const SLICE = /^dcops(?:-[a-z0-9]+)+\.slice$/;

export const containerProcessLimit = defineRule({
  id: 'container-process-limit',
  title: 'Nombre de processus limité',
  titleEn: 'The number of processes is limited (PIDs cgroup limit)',
  severity: 'high',
  rationale:
    "Sans limite de processus, une bombe fork dans un conteneur épuise la table des processus du noyau partagé et arrête tous " +
    "les hébergés de l'hôte. Le fournisseur Docker n'a pas de pids_limit : la limite est le TasksMax de la tranche systemd " +
    "(cgroup_parent) propre au conteneur, que l'hôte règle ; l'étiquette dcops.pids-limit en porte la valeur, vérifiée ici " +
    "et dans les fichiers de tranches générés.",
  controls: {
    'cis-docker-1.6.0': ['5.29'],
    'iso27001-2022': ['A.8.6', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const raw = resource.labels.get(LABEL.pidsLimit);
    const parent = readString(resource.attrs['cgroup_parent']);
    if (raw === undefined) return nonCompliant(`Aucune limite de processus (étiquette ${LABEL.pidsLimit} absente).`);
    if (!/^[1-9]\d{0,5}$/.test(raw) || Number(raw) > MAX_PIDS_LIMIT) return nonCompliant(`${LABEL.pidsLimit} = « ${raw} » : attendu un entier entre 1 et ${MAX_PIDS_LIMIT}.`);
    if (parent === undefined || !SLICE.test(parent)) {
      return nonCompliant(`Limite de ${raw} processus déclarée sans tranche dcops où l'appliquer (cgroup_parent = « ${parent ?? 'absent'} »).`);
    }
    return compliant(`Au plus ${raw} processus, appliqués par la tranche ${parent}.`);
  },
});
