import {
  BACKUP_POLICIES,
  CLASSIFICATIONS,
  EXPOSURES,
  LABEL,
  MINISTRY_CODE,
  PLATFORM_ROLES,
  PLATFORM_STACK,
  SERVICE_ROLE,
  SLUG,
  ministryOfStack,
} from './core/conventions.js';
import { checkLabels, describeLabelProblems, matches, oneOf, type LabelCheck } from './core/label-checks.js';
import { compliant, defineRule, nonCompliant } from './core/model.js';

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const REPLICA = /^(?:0|[1-9]\d{0,2})$/;

// Built once: the rule runs on every container of the datacenter.
const PLATFORM_ROLE = [{ key: LABEL.role, check: oneOf([...PLATFORM_ROLES]) }] as const satisfies readonly LabelCheck[];
const MINISTRY_ROLE = [{ key: LABEL.role, check: oneOf([SERVICE_ROLE]) }] as const satisfies readonly LabelCheck[];
const ANY_ROLE = [{ key: LABEL.role, check: oneOf([...PLATFORM_ROLES, SERVICE_ROLE]) }] as const satisfies readonly LabelCheck[];
const SERVICE_LABELS: readonly LabelCheck[] = [
  { key: LABEL.requestId, check: matches(REQUEST_ID, 'identifiant de demande') },
  { key: LABEL.environment, check: matches(SLUG, 'nom DNS') },
  { key: LABEL.classification, check: oneOf(CLASSIFICATIONS) },
  { key: LABEL.exposure, check: oneOf(EXPOSURES) },
  { key: LABEL.backupPolicy, check: oneOf(BACKUP_POLICIES) },
  { key: LABEL.service, check: matches(SLUG, 'nom DNS') },
  { key: LABEL.replica, check: matches(REPLICA, 'entier ≥ 0') },
];

const PLATFORM_PASS = compliant('Étiquettes complètes (pile, rôle).');
const SERVICE_PASS = compliant(`Étiquettes complètes (pile, rôle, ministère et ${SERVICE_LABELS.length} étiquettes de service).`);

export const containerLabelsComplete = defineRule({
  id: 'container-labels-complete',
  title: 'Conteneur étiqueté (pile, rôle, ministère, demande, classification…)',
  titleEn: 'Container carries all required labels',
  severity: 'medium',
  rationale:
    "Les étiquettes relient chaque conteneur à sa pile, à la demande d'hébergement approuvée, au ministère et à la classification " +
    "de ses données. Sans elles, l'inventaire des actifs est faux, les contrôles d'isolement et d'exposition ne savent plus quoi " +
    "vérifier, et un auditeur ne peut pas remonter d'un conteneur à sa décision d'approbation.",
  controls: {
    'iso27001-2022': ['A.5.9', 'A.5.12', 'A.5.13'],
    'pssie-bj-2021': ['ACT-01', 'ACT-05'],
  },
  appliesTo: ['docker_container'],
  evaluate({ resource }) {
    const labels = resource.labels;
    const stackMinistry = ministryOfStack(resource.stack);
    const role = resource.stack === PLATFORM_STACK ? PLATFORM_ROLE : stackMinistry !== null ? MINISTRY_ROLE : ANY_ROLE;
    const first = checkLabels(labels, role);
    const missing = first.missing;
    const invalid = first.invalid;
    let service = false;

    const stackLabel = labels.get(LABEL.stack);
    if (stackLabel === undefined) missing.unshift(LABEL.stack);
    else if (stackLabel !== resource.stack) invalid.unshift(`${LABEL.stack} = « ${stackLabel} » (attendu : ${resource.stack})`);

    if (labels.get(LABEL.role) === SERVICE_ROLE || stackMinistry !== null) {
      const ministry = labels.get(LABEL.ministry);
      if (ministry === undefined) missing.push(LABEL.ministry);
      else if (stackMinistry !== null ? ministry !== stackMinistry : !MINISTRY_CODE.test(ministry)) {
        invalid.push(`${LABEL.ministry} = « ${ministry} » (attendu : ${stackMinistry ?? 'code ministère en majuscules'})`);
      }
      const rest = checkLabels(labels, SERVICE_LABELS);
      missing.push(...rest.missing);
      invalid.push(...rest.invalid);
      service = true;
    }
    const problems = describeLabelProblems(missing, invalid, resource.labels.duplicates());
    if (problems.length > 0) return nonCompliant(`${problems.join(' ; ')}.`);
    return service ? SERVICE_PASS : PLATFORM_PASS;
  },
});
