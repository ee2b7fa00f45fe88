import { LABEL, isIngress } from './core/conventions.js';
import { PLATFORM_OWNER } from './core/inventory.js';
import { compliant, defineRule, nonCompliant, notApplicable } from './core/model.js';
import { containerName } from './core/reachability.js';

const EMPTY = notApplicable('Aucun conteneur raccordé.');

export const networkSingleTenant = defineRule({
  id: 'network-single-tenant',
  title: 'Un réseau, un ministère, une classification',
  titleEn: 'A network holds one ministry and one classification',
  severity: 'critical',
  rationale:
    "Un réseau Docker ne filtre rien entre ses membres : y mêler deux classifications ramène la donnée secrète au niveau de la moins " +
    "protégée, y mêler deux ministères supprime leur cloisonnement. Hormis l'entrée de la plateforme, les membres d'un réseau " +
    "partagent un ministère et une classification, celles que le réseau déclare.",
  controls: {
    'iso27001-2022': ['A.5.12', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'ACT-04'],
  },
  appliesTo: ['docker_network'],
  evaluate({ resource, inventory }) {
    const network = inventory.network(resource);
    if (network === undefined) return EMPTY;
    const members = inventory.networkMembers(network).filter((c) => !isIngress(c));
    if (members.length === 0) return EMPTY;
    const ministries = new Map<string, string>();
    const classifications = new Map<string, string>();
    if (network.ministry !== null) ministries.set(network.ministry, `réseau ${network.name ?? resource.name}`);
    if (network.classification !== null) classifications.set(network.classification, `réseau ${network.name ?? resource.name}`);
    for (const c of members) {
      const owner = c.owner === PLATFORM_OWNER ? 'plateforme' : c.owner;
      if (!ministries.has(owner)) ministries.set(owner, containerName(c));
      const cls = c.labels.get(LABEL.classification);
      if (cls !== undefined && !classifications.has(cls)) classifications.set(cls, containerName(c));
    }
    const problems: string[] = [];
    if (ministries.size > 1) problems.push(`périmètres mêlés : ${[...ministries].map(([m, by]) => `${m} (${by})`).join(', ')}`);
    if (classifications.size > 1) problems.push(`classifications mêlées : ${[...classifications].map(([c, by]) => `${c} (${by})`).join(', ')}`);
    const name = network.name ?? resource.name;
    if (problems.length > 0) return nonCompliant(`Réseau « ${name} » : ${problems.join(' ; ')}.`);
    return compliant(`Réseau « ${name} » : un seul périmètre et une seule classification parmi ${members.length} conteneur(s).`);
  },
});
