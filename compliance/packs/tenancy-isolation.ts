import {
  containerEdgeExposedOnly,
  containerHostPortsIngressOnly,
  containerMinistryNetworksOnly,
  containerSensitiveNotPublic,
  networkEdgeInternal,
  networkLabelsValid,
  networkTenantInternal,
  networkSingleTenant,
  pathDmzIngressOnly,
  pathIngressDeclaredEndpoints,
  pathIngressNoStateful,
  pathNoCrossMinistry,
  pathTenantNoManagement,
} from '../rules/index.js';
import { definePack } from './pack.js';

export const tenancyIsolationPack = definePack(
  {
    id: 'tenancy-isolation',
    title: 'Cloisonnement entre ministères hébergés',
    titleEn: 'Isolation between hosted ministries',
    description:
      "Chaque ministère reste sur ses réseaux internes, seule l'entrée de la plateforme publie des ports et rejoint les bordures, " +
      "et les environnements restreints ou secrets ne sont jamais sur le chemin public. Les règles de chemin lisent le graphe " +
      "d'atteignabilité (conteneurs, réseaux, ports publiés, routes de l'entrée) et nomment le chemin fautif.",
  },
  [
    networkTenantInternal,
    networkEdgeInternal,
    networkLabelsValid,
    containerMinistryNetworksOnly,
    containerEdgeExposedOnly,
    containerHostPortsIngressOnly,
    containerSensitiveNotPublic,
    networkSingleTenant,
    pathIngressDeclaredEndpoints,
    pathIngressNoStateful,
    pathDmzIngressOnly,
    pathNoCrossMinistry,
    pathTenantNoManagement,
  ],
);
