import {
  containerEdgeExposedOnly,
  containerHostPortsIngressOnly,
  containerMinistryNetworksOnly,
  containerSensitiveNotPublic,
  networkEdgeInternal,
  networkLabelsValid,
  networkTenantInternal,
} from '../rules/index.js';
import { definePack } from './pack.js';

export const tenancyIsolationPack = definePack(
  {
    id: 'tenancy-isolation',
    title: 'Cloisonnement entre ministères hébergés',
    titleEn: 'Isolation between hosted ministries',
    description:
      "Chaque ministère reste sur ses réseaux internes, seule l'entrée de la plateforme publie des ports et rejoint les bordures, " +
      "et les environnements restreints ou secrets ne sont jamais sur le chemin public.",
  },
  [
    networkTenantInternal,
    networkEdgeInternal,
    networkLabelsValid,
    containerMinistryNetworksOnly,
    containerEdgeExposedOnly,
    containerHostPortsIngressOnly,
    containerSensitiveNotPublic,
  ],
);
