import { compliant, defineRule, nonCompliant } from './core/model.js';

const DIGEST = /@sha256:[a-f0-9]{64}$/;
const PASS = compliant('Image épinglée par empreinte sha256.');

export const containerImagePinned = defineRule({
  id: 'container-image-pinned',
  title: 'Image épinglée par empreinte (sha256)',
  titleEn: 'Image is pinned by digest',
  severity: 'high',
  rationale:
    "Une étiquette d'image (latest, 1.2…) peut être republiée avec un autre contenu : ce qui tourne ne serait plus ce qui a été " +
    "validé, et la même configuration donnerait deux déploiements différents. L'empreinte sha256 fige le contenu exact, " +
    "permet de savoir quelles vulnérabilités concernent chaque service et fait passer tout changement d'image par une revue.",
  controls: {
    'iso27001-2022': ['A.8.8', 'A.8.19', 'A.8.32'],
    'pssie-bj-2021': ['EXP-11'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource, inventory }) {
    const image = inventory.resolveImage(resource);
    const via = image.via === null ? '' : ` (via ${image.via})`;
    if (image.reference === null) return nonCompliant(`Image non déterminable avant application${via}.`);
    if (DIGEST.test(image.reference)) return image.via === null ? PASS : compliant(`Image épinglée par empreinte sha256${via}.`);
    return nonCompliant(`Image « ${image.reference} »${via} non épinglée par empreinte sha256.`);
  },
});
