import { compliant, defineRule, nonCompliant } from './core/model.js';
import { blocks, readString } from './core/values.js';

const SHARED: ReadonlySet<string> = new Set(['shared', 'rshared']);
const PASS = compliant('Aucun montage en propagation partagée.');

export const containerMountPropagationPrivate = defineRule({
  id: 'container-mount-propagation-private',
  title: 'Aucun montage en propagation « shared »',
  titleEn: 'Mount propagation mode is not shared',
  severity: 'high',
  rationale:
    "Un montage en propagation partagée renvoie vers l'hôte les montages faits dans le conteneur, et inversement : le conteneur " +
    "peut alors modifier l'arborescence de l'hôte et des autres hébergés.",
  controls: {
    'cis-docker-1.6.0': ['5.20'],
    'iso27001-2022': ['A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const shared: string[] = [];
    for (const mount of blocks(resource.attrs['mounts'])) {
      for (const options of blocks(mount['bind_options'])) {
        const mode = readString(options['propagation']);
        if (mode !== undefined && (SHARED.has(mode) || mode.includes('${'))) shared.push(`${readString(mount['target']) ?? '?'} (${mode})`);
      }
    }
    if (shared.length > 0) return nonCompliant(`Montage(s) en propagation partagée ou inconnue : ${shared.join(', ')}.`);
    return PASS;
  },
});
