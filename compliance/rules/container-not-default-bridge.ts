import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const NO_NETWORK = compliant('Conteneur sans réseau (network_mode = none).');
const NAMED_NETWORKS = compliant('Raccordé uniquement à des réseaux nommés.');

export const containerNotDefaultBridge = defineRule({
  id: 'container-not-default-bridge',
  title: 'Pas de raccordement au pont Docker par défaut',
  titleEn: "Container is not on Docker's default bridge",
  severity: 'high',
  rationale:
    "Le pont docker0 relie entre eux tous les conteneurs de l'hôte qui n'ont pas de réseau dédié : deux ministères placés " +
    "sur la même machine s'y verraient. Chaque conteneur doit être raccordé par nom aux seuls réseaux de son environnement.",
  controls: {
    'cis-docker-1.6.0': ['5.30'],
    'iso27001-2022': ['A.8.22'],
    'pssie-bj-2021': ['RESX-02'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['network_mode']);
    if (mode === 'bridge' || mode === 'default') return nonCompliant(`Mode réseau « ${mode} » : le conteneur est sur le pont par défaut.`);
    if (mode !== undefined && isReference(mode)) return nonCompliant("Le mode réseau n'est pas connu avant application.");
    if (resource.networks.some((n) => n.name === 'bridge' || n.name === 'default')) {
      return nonCompliant('Le réseau « bridge » (pont par défaut) figure dans networks_advanced.');
    }
    if (mode === 'none') return NO_NETWORK;
    if (mode === 'host' || mode?.startsWith('container:') === true) return compliant(`Mode réseau « ${mode} » : pas de pont par défaut.`);
    // The provider detaches the container from the default bridge once it joins a named network.
    if (resource.networks.length > 0) return NAMED_NETWORKS;
    if (mode !== undefined && mode !== '') return compliant(`Mode réseau sur le réseau nommé « ${mode} ».`);
    return nonCompliant("Aucun réseau nommé : Docker raccorde le conteneur au pont par défaut.");
  },
});
