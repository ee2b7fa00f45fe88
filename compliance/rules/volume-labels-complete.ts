import { LABEL, MINISTRY_CODE, PLATFORM_STACK, SLUG, ministryOfStack } from './core/conventions.js';
import { checkLabels, describeLabelProblems, matches, type LabelCheck } from './core/label-checks.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const BACKUP_LABELS: readonly LabelCheck[] = [{ key: LABEL.backupPolicy }, { key: LABEL.backupRetentionDays }];
const TENANT_LABELS: readonly LabelCheck[] = [
  { key: LABEL.requestId, check: matches(REQUEST_ID, 'identifiant de demande') },
  { key: LABEL.environment, check: matches(SLUG, 'nom DNS') },
  ...BACKUP_LABELS,
];

const PLATFORM_PASS = compliant('Étiquettes de sauvegarde présentes.');
const TENANT_PASS = compliant('Étiquettes complètes (ministère, demande, environnement, sauvegarde).');

export const volumeLabelsComplete = defineRule({
  id: 'volume-labels-complete',
  title: 'Volume étiqueté (ministère, demande, environnement, sauvegarde)',
  titleEn: 'Volume carries all required labels',
  severity: 'medium',
  rationale:
    "Un volume porte les données d'un ministère et survit à ses conteneurs. Ses étiquettes disent à qui il appartient, de quelle " +
    "demande il vient et comment il est sauvegardé : c'est ce que lisent l'outil de sauvegarde, l'inventaire et la procédure de décommissionnement.",
  controls: {
    'iso27001-2022': ['A.5.9', 'A.5.13'],
    'pssie-bj-2021': ['ACT-01', 'ACT-05'],
  },
  appliesTo: ['docker_volume'],
  evaluate({ resource }) {
    // Platform volumes (console database, metrics) belong to no ministry but still need a backup decision.
    if (resource.stack === PLATFORM_STACK) {
      const { missing, invalid } = checkLabels(resource.labels, BACKUP_LABELS);
      const problems = describeLabelProblems(missing, invalid, resource.labels.duplicates());
      if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
      return PLATFORM_PASS;
    }
    const stackMinistry = ministryOfStack(resource.stack);
    const { missing, invalid } = checkLabels(resource.labels, TENANT_LABELS);
    const ministry = resource.labels.get(LABEL.ministry);
    if (ministry === undefined) missing.unshift(LABEL.ministry);
    else if (stackMinistry !== null ? ministry !== stackMinistry : !MINISTRY_CODE.test(ministry)) {
      invalid.unshift(`${LABEL.ministry} = « ${ministry} » (attendu : ${stackMinistry ?? 'code ministère en majuscules'})`);
    }
    const problems = describeLabelProblems(missing, invalid, resource.labels.duplicates());
    if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
    return TENANT_PASS;
  },
});
