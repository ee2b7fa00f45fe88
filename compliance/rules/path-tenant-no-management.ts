import { compliant, defineRule, nonCompliant } from './core/model.js';
import { formatPath, reachability } from './core/reachability.js';

const PASS = compliant("Aucun chemin vers le plan d'administration.");

export const pathTenantNoManagement = defineRule({
  id: 'path-tenant-no-management',
  title: "Aucun chemin d'un hébergé vers le plan d'administration",
  titleEn: 'No path from a tenant to the management plane',
  severity: 'critical',
  rationale:
    "Le réseau d'administration porte la console, la supervision et leurs secrets ; le réseau de contrôle mène aux moteurs Docker " +
    "de tous les hôtes. Un service hébergé qui les atteint, directement ou par un intermédiaire, tient le datacenter entier.",
  controls: {
    'iso27001-2022': ['A.8.20', 'A.8.22'],
    'pssie-bj-2021': ['RESX-02', 'RESX-03'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    const path = reachability(inventory).managementPath(resource);
    if (path === null) return PASS;
    return nonCompliant(`Chemin vers le plan d'administration : ${formatPath(path)}.`);
  },
});
