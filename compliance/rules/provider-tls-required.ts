import { compliant, defineRule, nonCompliant } from './core/model.js';
import { readString } from './core/values.js';

const NOT_TCP = compliant("Moteur joint par ssh:// ou unix:// : le transport porte sa propre protection.");

export const providerTlsRequired = defineRule({
  id: 'provider-tls-required',
  title: 'Moteur Docker joint en TCP seulement avec TLS mutuel',
  titleEn: 'A Docker engine reached over TCP is reached with mutual TLS',
  severity: 'critical',
  rationale:
    "L'API Docker donne l'équivalent de root sur l'hôte. Jointe en tcp:// sans certificat client, elle l'offre à quiconque atteint " +
    "le port ; le port 2375 est celui de l'API en clair. Le fournisseur doit présenter une autorité, un certificat et une clé, lus " +
    "depuis le répertoire configuré (cert_path), jamais écrits dans la spécification ni dans l'état.",
  controls: {
    'iso27001-2022': ['A.8.5', 'A.8.20', 'A.8.24'],
    'pssie-bj-2021': ['CRY-01', 'RESX-06'],
  },
  appliesTo: ['provider.docker'],
  evaluate({ resource }) {
    const host = readString(resource.attrs['host']) ?? '';
    if (!host.startsWith('tcp://')) return NOT_TCP;
    if (/:2375(?:\/|$)/.test(host)) return nonCompliant(`Moteur ${host} sur le port 2375, celui de l'API Docker en clair.`);
    const certPath = readString(resource.attrs['cert_path']);
    const material = ['ca_material', 'cert_material', 'key_material'].filter((k) => readString(resource.attrs[k]) !== undefined);
    if (material.length > 0) return nonCompliant(`Moteur ${host} : matériel TLS écrit dans la définition (${material.join(', ')}), donc dans l'état Terraform ; utiliser cert_path.`);
    if (certPath === undefined || certPath === '') return nonCompliant(`Moteur ${host} joint en TCP sans matériel TLS (cert_path absent).`);
    return compliant(`Moteur ${host} joint en TLS mutuel, matériel lu dans ${certPath}.`);
  },
});
