import { compliant, defineRule, nonCompliant } from './core/model.js';
import { isReference, readString } from './core/values.js';

const PASS = compliant("Espace de communication inter-processus (IPC) propre au conteneur.");

export const containerNoHostIpc = defineRule({
  id: 'container-no-host-ipc',
  title: "Pas de partage de l'espace de communication inter-processus (IPC) de l'hôte",
  titleEn: 'Host IPC namespace is not shared',
  severity: 'high',
  rationale:
    "Avec l'espace IPC de l'hôte, le conteneur accède à la mémoire partagée et aux files de messages des processus du serveur : des données d'autres services peuvent y transiter en clair.",
  controls: {
    'cis-docker-1.6.0': ['5.17'],
    'iso27001-2022': ['A.8.3', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const mode = readString(resource.attrs['ipc_mode']);
    if (mode === 'host') return nonCompliant("Le conteneur partage l'espace de communication inter-processus (IPC) de l'hôte (ipc_mode = host).");
    if (mode !== undefined && isReference(mode)) return nonCompliant("La valeur de « ipc_mode » n'est pas connue avant application.");
    return PASS;
  },
});
