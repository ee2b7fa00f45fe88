import { SLUG } from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

export const providerOneAliasPerHost = defineRule({
  id: 'provider-one-alias-per-host',
  title: 'Un alias de fournisseur par hôte, le même dans toutes les piles',
  titleEn: 'One provider alias per host, consistent across stacks',
  severity: 'medium',
  rationale:
    "L'alias du fournisseur Docker est le nom de l'hôte dans le code. Deux alias pour un même hôte, ou un alias qui désigne des " +
    "hôtes différents selon la pile, rendent faux le plan de placement et l'inventaire : on ne sait plus quels services partagent une machine.",
  controls: {
    'iso27001-2022': ['A.5.9', 'A.8.9'],
    'pssie-bj-2021': ['ACT-01'],
  },
  appliesTo: ['provider.docker'],
  evaluate({ resource, inventory }) {
    const alias = readString(resource.attrs['alias']);
    const host = readString(resource.attrs['host']);
    const problems: string[] = [];
    if (alias === undefined || alias === '') problems.push('bloc fournisseur sans alias');
    else if (!SLUG.test(alias)) problems.push(`alias « ${alias} » hors convention (nom d'hôte en minuscules)`);
    if (resource.name.includes('#')) problems.push(`alias déclaré plusieurs fois dans la pile « ${resource.stack} »`);
    if (host === undefined || host === '') problems.push('adresse du moteur (host) absente');
    else if (isReference(host)) problems.push("adresse du moteur non déterminable avant application");
    if (alias !== undefined && alias !== '') {
      const hosts = inventory.hostsOfAlias(alias);
      if (hosts.size > 1) problems.push(`l'alias désigne plusieurs hôtes selon les piles : ${[...hosts].sort().join(', ')}`);
    }
    if (host !== undefined && host !== '' && !isReference(host)) {
      const aliases = inventory.aliasesOfHost(host);
      if (aliases.size > 1) problems.push(`l'hôte ${host} a plusieurs alias : ${[...aliases].sort().join(', ')}`);
    }
    if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
    return compliant(`Alias « ${alias} » → ${host}, unique.`);
  },
});
