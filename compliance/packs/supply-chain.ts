import { containerImagePinned, providerOneAliasPerHost, providerTlsRequired, resourceProviderAliased } from '../rules/index.js';
import { definePack } from './pack.js';

export const supplyChainPack = definePack(
  {
    id: 'supply-chain',
    title: 'Ce qui est déployé, et où',
    titleEn: 'What is deployed, and where',
    description:
      "Les images sont figées par empreinte et chaque ressource désigne explicitement l'hôte qui le porte, par un alias unique " +
      "et cohérent entre les piles : le déploiement appliqué est exactement celui qui a été revu et approuvé.",
  },
  [containerImagePinned, resourceProviderAliased, providerOneAliasPerHost, providerTlsRequired],
);
