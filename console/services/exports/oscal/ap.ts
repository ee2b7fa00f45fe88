/**
 * The assessment plan: scope (the platform and every ministry stack), method (examining
 * evidence, testing the policy rules on the infrastructure code), assessors (the auditors of
 * the console) and schedule (continuous evidence review, a policy check every day), with one
 * objective per control, qualified by its framework.
 */
import { dcopsUuid } from '../uuid.js';
import { asinParty, objectiveId, oscalControlId, PATHS, prop, stateMetadata } from './common.js';
import type { OscalState } from './state.js';

export const EXAMINE_ACTIVITY = dcopsUuid('activity:examine-evidence');
export const TEST_ACTIVITY = dcopsUuid('activity:test-policy-rules');

export const personParty = (u: { id: string; email: string; name: string }) => ({
  uuid: dcopsUuid(`party:user:${u.id}`),
  type: 'person' as const,
  name: u.name,
  'email-addresses': [u.email],
  'member-of-organizations': [asinParty().uuid],
});

export function buildAp(s: OscalState, firstEvidence: string) {
  const asin = asinParty();
  const assessors = s.staff.filter((u) => u.role === 'auditor').map(personParty);
  const lastModified = stateMetadata('', s.head)['last-modified'];
  return {
    'assessment-plan': {
      uuid: dcopsUuid('assessment-plan:datacenter-national'),
      metadata: stateMetadata('Plan d’évaluation de la conformité — datacenter national du Bénin', s.head, {
        roles: [
          { id: 'prepared-by', title: 'Préparé par' },
          { id: 'assessor', title: 'Auditeur' },
        ],
        parties: [asin, ...assessors],
        'responsible-parties': [{ 'role-id': 'prepared-by', 'party-uuids': [asin.uuid] }, ...(assessors.length > 0 ? [{ 'role-id': 'assessor', 'party-uuids': assessors.map((a) => a.uuid) }] : [])],
      }),
      'import-ssp': { href: PATHS.ssp },
      'local-definitions': {
        'objectives-and-methods': s.frameworks.flatMap((f) =>
          f.controls.map((c) => ({
            'control-id': oscalControlId(f.id, c.id),
            props: [...prop('framework', f.id), ...prop('control-id', c.id)],
            parts: [{ id: objectiveId(f.id, c.id), name: 'objective', prose: `${f.nameFr} — ${c.id} : ${c.titleFr}` }],
          })),
        ),
        activities: [
          {
            uuid: EXAMINE_ACTIVITY,
            title: 'Examen des preuves',
            description: 'Chaque version de preuve versée (fichier, lien, note ou preuve produite par la console) est examinée par un auditeur, qui l’accepte ou la rejette ; une preuve vaut jusqu’à son expiration.',
            props: [{ name: 'method', value: 'EXAMINE' }],
          },
          {
            uuid: TEST_ACTIVITY,
            title: 'Vérification automatique des règles de conformité',
            description: 'Les règles de politique sont évaluées sur le code d’infrastructure synthétisé (Terraform JSON) de chaque pile ; un échec de sévérité haute sans exception valide bloque l’application.',
            props: [{ name: 'method', value: 'TEST' }],
          },
        ],
      },
      'terms-and-conditions': {
        parts: [
          { name: 'scope', title: 'Périmètre', prose: `La plateforme d’hébergement et ${new Set(s.environments.map((e) => e.ministry.code)).size} pile(s) ministérielle(s) ; référentiels : ${s.frameworks.map((f) => f.nameFr).join(' ; ')}.` },
          { name: 'method', title: 'Méthode', prose: 'Examen des preuves (EXAMINE) et test automatique des règles sur le code d’infrastructure (TEST) ; constats d’audit rattachés aux mesures.' },
          { name: 'assessors', title: 'Évaluateurs', prose: assessors.length > 0 ? assessors.map((a) => `${a.name} <${a['email-addresses'][0]}>`).join(', ') : 'Aucun auditeur n’est encore inscrit dans la console.' },
          { name: 'schedule', title: 'Calendrier', prose: `Revue continue des preuves depuis le ${firstEvidence.slice(0, 10)} ; vérification des règles chaque jour (${s.runs.n} vérification(s) enregistrée(s) depuis ${s.runs.first ? s.runs.first.slice(0, 10) : '—'}).` },
        ],
      },
      'reviewed-controls': { 'control-selections': [{ description: 'Toutes les mesures des référentiels du profil du datacenter.', 'include-all': {} }] },
      'assessment-subjects': [{ type: 'component', description: 'La plateforme et chaque pile ministérielle décrites dans le plan de sécurité du système.', 'include-all': {} }],
      'assessment-assets': { 'assessment-platforms': [{ uuid: dcopsUuid('assessment-platform:dcops'), title: 'Console dcops', props: [...prop('role', 'collecte des preuves et vérification des règles')] }] },
      tasks: [
        {
          uuid: dcopsUuid('task:evidence-review'),
          type: 'action',
          title: 'Revue continue des preuves',
          timing: { 'within-date-range': { start: firstEvidence, end: lastModified < firstEvidence ? firstEvidence : lastModified } },
          'associated-activities': [{ 'activity-uuid': EXAMINE_ACTIVITY, subjects: [{ type: 'component', 'include-all': {} }] }],
        },
        {
          uuid: dcopsUuid('task:daily-policy-check'),
          type: 'action',
          title: 'Vérification quotidienne des règles de conformité',
          timing: { 'at-frequency': { period: 1, unit: 'days' } },
          'associated-activities': [{ 'activity-uuid': TEST_ACTIVITY, subjects: [{ type: 'component', 'include-all': {} }] }],
        },
      ],
    },
  };
}
