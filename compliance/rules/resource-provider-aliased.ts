import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readString } from './core/values.js';

const PROVIDER_REF = /^docker\.([A-Za-z0-9_-]+)$/;
const PASS = compliant("Rattachée à un hôte nommé par un alias déclaré dans sa pile.");

export const resourceProviderAliased = defineRule({
  id: 'resource-provider-aliased',
  title: 'Ressource rattachée à un hôte nommé (alias de fournisseur déclaré)',
  titleEn: 'Resource targets a declared, aliased provider (named host)',
  severity: 'medium',
  rationale:
    "Chaque conteneur, volume ou réseau doit désigner l'hôte qui le porte par l'alias du fournisseur Docker de cet hôte. Sans alias, " +
    "il part sur le fournisseur par défaut, dont la cible dépend de l'environnement de celui qui applique : l'emplacement réel " +
    "ne serait plus celui approuvé, et un volume pourrait naître loin du conteneur qui l'utilise.",
  controls: {
    'iso27001-2022': ['A.5.9', 'A.8.9'],
    'pssie-bj-2021': ['ACT-01'],
  },
  appliesTo: ['docker_container', 'docker_network', 'docker_volume'],
  evaluate({ resource, inventory }) {
    const provider = readString(resource.attrs['provider']);
    if (provider === undefined) return nonCompliant('Aucun fournisseur désigné : la ressource irait sur le fournisseur par défaut.');
    const match = PROVIDER_REF.exec(provider);
    if (match === null) return nonCompliant(`Fournisseur « ${provider} » : attendu « docker.<alias de l'hôte> ».`);
    const alias = match[1]!;
    const declared = inventory.providers(resource.stack).get(alias);
    if (declared === undefined) return nonCompliant(`L'alias « ${alias} » n'est pas déclaré dans la pile « ${resource.stack} ».`);
    return PASS;
  },
});
