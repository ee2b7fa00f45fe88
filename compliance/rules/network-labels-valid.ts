import {
  CLASSIFICATIONS,
  LABEL,
  MINISTRY_CODE,
  NETWORK_KINDS,
  PLATFORM_EDGE_NETWORK,
  PLATFORM_STACK,
  SLUG,
  edgeNetworkName,
  isOneOf,
  ministryStackName,
  tenantNetworkName,
} from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readString } from './core/values.js';

export const networkLabelsValid = defineRule({
  id: 'network-labels-valid',
  title: 'Réseau étiqueté et nommé selon la convention',
  titleEn: 'Network is labelled and named by convention',
  severity: 'medium',
  rationale:
    "Les contrôles d'isolement lisent la nature d'un réseau, son ministère et sa classification sur ses étiquettes et son nom. " +
    "Un réseau mal étiqueté échappe à ces contrôles et brouille l'inventaire ; nom, étiquettes et pile doivent dire la même chose.",
  controls: {
    'iso27001-2022': ['A.5.9', 'A.5.13', 'A.8.22'],
    'pssie-bj-2021': ['ACT-01', 'RESX-01'],
  },
  appliesTo: ['docker_network'],
  evaluate({ resource }) {
    const labels = resource.labels;
    const name = readString(resource.attrs['name']);
    const kind = labels.get(LABEL.networkKind);
    const problems: string[] = [];
    if (!isOneOf(NETWORK_KINDS, kind)) {
      problems.push(kind === undefined ? `étiquette ${LABEL.networkKind} absente` : `${LABEL.networkKind} = « ${kind} » invalide`);
    } else if (kind === 'edge' && labels.get(LABEL.ministry) === undefined) {
      // The platform's own edge: no ministry, one fixed name, in the platform stack.
      if (name !== PLATFORM_EDGE_NETWORK) problems.push(`réseau de bordure sans ${LABEL.ministry} nommé « ${name ?? '?'} » au lieu de « ${PLATFORM_EDGE_NETWORK} »`);
      if (resource.stack !== PLATFORM_STACK) problems.push(`pile « ${resource.stack} » au lieu de « ${PLATFORM_STACK} »`);
    } else if (kind === 'tenant' || kind === 'edge') {
      const ministry = labels.get(LABEL.ministry);
      if (ministry === undefined || !MINISTRY_CODE.test(ministry)) {
        problems.push(ministry === undefined ? `étiquette ${LABEL.ministry} absente` : `${LABEL.ministry} = « ${ministry} » invalide`);
      } else if (kind === 'edge') {
        const environment = labels.get(LABEL.environment);
        const classification = labels.get(LABEL.classification);
        if (environment === undefined || !SLUG.test(environment)) {
          problems.push(environment === undefined ? `étiquette ${LABEL.environment} absente` : `${LABEL.environment} = « ${environment} » invalide`);
        } else if (name !== edgeNetworkName(ministry, environment)) {
          problems.push(`nom « ${name ?? '?'} » au lieu de « ${edgeNetworkName(ministry, environment)} »`);
        }
        // One environment, hence one classification: the rule on members checks they agree.
        if (!isOneOf(CLASSIFICATIONS, classification)) {
          problems.push(classification === undefined ? `étiquette ${LABEL.classification} absente` : `${LABEL.classification} = « ${classification} » invalide`);
        }
        if (resource.stack !== PLATFORM_STACK) problems.push(`pile « ${resource.stack} » au lieu de « ${PLATFORM_STACK} »`);
      } else {
        const classification = labels.get(LABEL.classification);
        if (!isOneOf(CLASSIFICATIONS, classification)) {
          problems.push(classification === undefined ? `étiquette ${LABEL.classification} absente` : `${LABEL.classification} = « ${classification} » invalide`);
        } else if (name !== tenantNetworkName(ministry, classification)) {
          problems.push(`nom « ${name ?? '?'} » au lieu de « ${tenantNetworkName(ministry, classification)} »`);
        }
        if (resource.stack !== ministryStackName(ministry)) problems.push(`pile « ${resource.stack} » au lieu de « ${ministryStackName(ministry)} »`);
      }
    } else if (resource.stack !== PLATFORM_STACK) {
      problems.push(`réseau ${kind} hors de la pile « ${PLATFORM_STACK} »`);
    }
    for (const key of resource.labels.duplicates()) problems.push(`étiquette ${key} donnée deux fois`);
    if (problems.length > 0) return nonCompliant(`Réseau « ${name ?? resource.name} » : ${problems.join(' ; ')}.`);
    return compliant(`Réseau « ${name ?? resource.name} » (${kind}) étiqueté selon la convention.`);
  },
});
