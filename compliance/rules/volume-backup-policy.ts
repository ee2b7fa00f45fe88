import { BACKUP_POLICIES, CLASSIFICATION_RANK, LABEL, SENSITIVE_CLASSIFICATIONS, isOneOf } from './core/conventions.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const MAX_RETENTION_DAYS = 3650;
const PASS = compliant('Sauvegarde déclarée, rétention valide, adaptée à la classification des données.');
const NO_BACKUP_PASS = compliant('Absence de sauvegarde déclarée explicitement ; aucune donnée restreinte ou secrète connue sur ce volume.');

export const volumeBackupPolicy = defineRule({
  id: 'volume-backup-policy',
  title: 'Politique de sauvegarde valide, obligatoire pour les données restreintes ou secrètes',
  titleEn: 'Volume has a valid backup policy, never none for restricted or secret data',
  severity: 'high',
  rationale:
    "Chaque volume doit dire explicitement s'il est sauvegardé, à quelle fréquence et combien de temps. Les données restreintes " +
    "ou secrètes sont celles dont la perte coûte le plus à l'État : pour elles, « pas de sauvegarde » n'est pas un choix possible.",
  controls: {
    'iso27001-2022': ['A.8.13'],
    'pssie-bj-2021': ['EXP-08'],
  },
  appliesTo: ['docker_volume'],
  evaluate({ resource, inventory }) {
    const policy = resource.labels.get(LABEL.backupPolicy);
    const retentionText = resource.labels.get(LABEL.backupRetentionDays);
    const problems: string[] = [];
    if (!isOneOf(BACKUP_POLICIES, policy)) {
      problems.push(policy === undefined ? 'politique de sauvegarde absente' : `politique « ${policy} » inconnue (attendu : ${BACKUP_POLICIES.join(' | ')})`);
    }
    const retention = retentionText !== undefined && /^\d{1,4}$/.test(retentionText) ? Number(retentionText) : null;
    if (retention === null || retention > MAX_RETENTION_DAYS) {
      problems.push(retentionText === undefined ? 'durée de rétention absente' : `durée de rétention « ${retentionText} » invalide (0 à ${MAX_RETENTION_DAYS} jours)`);
    } else if (policy !== undefined && policy !== 'none' && retention < 1) {
      problems.push(`sauvegarde « ${policy} » avec une rétention de 0 jour`);
    }

    // The volume has no classification of its own: it takes the most sensitive one of the
    // containers that mount it, or of its environment when nothing mounts it yet.
    let classification: string | null = null;
    for (const consumer of inventory.volumeConsumers(resource)) {
      const c = consumer.labels.get(LABEL.classification);
      if (c !== undefined && CLASSIFICATION_RANK[c] !== undefined && (classification === null || CLASSIFICATION_RANK[c]! > CLASSIFICATION_RANK[classification]!)) classification = c;
    }
    const requestId = resource.labels.get(LABEL.requestId);
    if (requestId !== undefined) {
      const c = inventory.environmentClassification(resource.stack, requestId);
      if (c !== null && (classification === null || CLASSIFICATION_RANK[c]! > CLASSIFICATION_RANK[classification]!)) classification = c;
    }
    if (policy === 'none' && classification !== null && SENSITIVE_CLASSIFICATIONS.has(classification)) {
      problems.push(`données ${classification} sans sauvegarde`);
    }

    if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
    return policy === 'none' ? NO_BACKUP_PASS : PASS;
  },
});
