import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readString } from './core/values.js';

export const networkSwarmScope = defineRule({
  id: 'network-swarm-scope',
  title: 'Le mode swarm n’est requis que s’il est nécessaire',
  titleEn: 'Swarm mode is not enabled unless needed',
  severity: 'low',
  rationale:
    "Un réseau overlay exige que les moteurs forment un swarm, ce qui ouvre les ports de gestion du swarm et donne aux managers " +
    "l'autorité sur les nœuds. Chaque réseau overlay est un constat : le site l'accepte par une exception motivée et approuvée " +
    "(réseaux inter-hôtes, swarm utilisé pour le réseau seulement), revue à son échéance.",
  controls: {
    'cis-docker-1.6.0': ['5.1'],
    'iso27001-2022': ['A.8.9', 'A.8.20'],
    'pssie-bj-2021': ['RESX-05'],
  },
  appliesTo: ['docker_network'],
  evaluate({ resource }) {
    const driver = readString(resource.attrs['driver']) ?? 'bridge';
    if (driver === 'overlay') return nonCompliant(`Réseau overlay « ${readString(resource.attrs['name']) ?? resource.name} » : les moteurs doivent être en mode swarm.`);
    return compliant(`Réseau « ${driver} », local à son hôte : aucun swarm requis.`);
  },
});
