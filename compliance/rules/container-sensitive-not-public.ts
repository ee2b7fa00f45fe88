import { LABEL, SENSITIVE_CLASSIFICATIONS } from './core/conventions.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';

const NOT_SENSITIVE = notApplicable('Environnement ni restreint ni secret.');

export const containerSensitiveNotPublic = defineRule({
  id: 'container-sensitive-not-public',
  title: 'Environnement restreint ou secret hors du chemin public',
  titleEn: 'Restricted or secret environments stay off the public path',
  severity: 'critical',
  rationale:
    "Les données classées restreint ou secret ne s'ouvrent qu'aux réseaux de l'État. Un service de ce niveau publié au public, " +
    "directement ou via la bordure de l'entrée, exposerait ces données à Internet : l'exposition doit rester interne ou gouvernementale.",
  controls: {
    'iso27001-2022': ['A.5.12', 'A.8.12', 'A.8.22'],
    'pssie-bj-2021': ['ACT-04', 'RESX-08'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const classification = resource.labels.get(LABEL.classification);
    if (classification === undefined || !SENSITIVE_CLASSIFICATIONS.has(classification)) {
      return NOT_SENSITIVE;
    }
    const exposure = resource.labels.get(LABEL.exposure);
    if (exposure === undefined) return nonCompliant(`Environnement ${classification} sans exposition déclarée (dcops.exposure) : chemin public non exclu.`);
    if (exposure === 'public') {
      const edges = resource.networks.filter((a) => a.network?.kind === 'edge').map((a) => a.name ?? a.ref);
      const via = edges.length > 0 ? `, raccordé à la bordure ${edges.join(', ')}` : '';
      return nonCompliant(`Environnement ${classification} exposé au public${via}.`);
    }
    return compliant(`Environnement ${classification} exposé au niveau « ${exposure} » seulement.`);
  },
});
