import { compliant, defineRule, nonCompliant } from './core/model.js';
import { blocks, readString } from './core/values.js';

const PASS = compliant("Aucun périphérique de l'hôte n'est exposé.");

export const containerNoHostDevices = defineRule({
  id: 'container-no-host-devices',
  title: "Aucun périphérique de l'hôte exposé",
  titleEn: 'No host device is exposed to the container',
  severity: 'high',
  rationale:
    "Un périphérique de l'hôte (disque, carte réseau, console) passé au conteneur se lit et s'écrit sans passer par les " +
    "contrôles du moteur. Les services hébergés n'en ont pas besoin ; un besoin réel passe par une exception motivée.",
  controls: {
    'cis-docker-1.6.0': ['5.18'],
    'iso27001-2022': ['A.8.3', 'A.8.9'],
    'pssie-bj-2021': ['EXP-04'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const devices = blocks(resource.attrs['devices']).map((d) => readString(d['host_path']) ?? '?');
    if (devices.length > 0) return nonCompliant(`Périphériques de l'hôte exposés : ${devices.sort().join(', ')}.`);
    return PASS;
  },
});
