/**
 * The system security plan of the hosting platform: the platform and one component per
 * ministry stack, the information it holds by classification, and one implemented requirement
 * per control whose status the console records (applicability, implementation, owner).
 */
import { dcopsUuid } from '../uuid.js';
import { asinParty, DATACENTER_PROFILE, oneLine, oscalControlId, PATHS, prop, stateMetadata } from './common.js';
import type { OscalState } from './state.js';

export const SYSTEM_ID = dcopsUuid('system:datacenter-national');
export const PLATFORM_COMPONENT = dcopsUuid('component:platform');
export const stackComponent = (ministryCode: string) => dcopsUuid(`component:stack:ministry-${ministryCode.toLowerCase()}`);

const classifications = ['public', 'internal', 'restricted', 'secret'] as const;
const impactOf: Record<(typeof classifications)[number], string> = { public: 'fips-199-low', internal: 'fips-199-moderate', restricted: 'fips-199-high', secret: 'fips-199-high' };
const classificationFr: Record<(typeof classifications)[number], string> = { public: 'publiques', internal: 'internes', restricted: 'à diffusion restreinte', secret: 'secrètes' };

const implementationState: Record<string, string | null> = { implemented: 'implemented', partially_implemented: 'partial', planned: 'planned', not_started: null };

export function buildSsp(s: OscalState) {
  const asin = asinParty();
  const present = classifications.filter((c) => s.environments.some((e) => e.request.classification === c));
  const highest = present.at(-1) ?? 'internal';
  const statuses = new Map(s.statuses.map((r) => [`${r.status.frameworkId}\u0000${r.status.controlId}`, r]));
  const byMinistry = new Map<string, OscalState['environments']>();
  for (const e of s.environments) byMinistry.set(e.ministry.code, [...(byMinistry.get(e.ministry.code) ?? []), e]);
  return {
    'system-security-plan': {
      uuid: dcopsUuid('ssp:datacenter-national'),
      metadata: stateMetadata('Plan de sécurité du système — plateforme d’hébergement du datacenter national du Bénin', s.head, {
        roles: [
          { id: 'system-owner', title: 'Propriétaire du système' },
          { id: 'prepared-by', title: 'Préparé par' },
        ],
        parties: [asin],
        'responsible-parties': [
          { 'role-id': 'system-owner', 'party-uuids': [asin.uuid] },
          { 'role-id': 'prepared-by', 'party-uuids': [asin.uuid] },
        ],
      }),
      'import-profile': { href: PATHS.profile(DATACENTER_PROFILE) },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: SYSTEM_ID }],
        'system-name': 'Plateforme d’hébergement du datacenter national',
        'system-name-short': 'dcops',
        description:
          'Hébergement mutualisé des systèmes d’information des ministères et agences du Bénin au datacenter national d’Abomey-Calavi : une pile « platform » (point d’entrée sur une DMZ, console, supervision) et une pile isolée par ministère, décrites en code et appliquées par la console.',
        'security-sensitivity-level': highest,
        'system-information': {
          'information-types': (present.length > 0 ? present : (['internal'] as const)).map((c) => ({
            uuid: dcopsUuid(`information-type:${c}`),
            title: `Données ${classificationFr[c]} des ministères`,
            description: `Données classées « ${c} » des environnements hébergés (${s.environments.filter((e) => e.request.classification === c).length} environnement(s)).`,
            'confidentiality-impact': { base: impactOf[c] },
            'integrity-impact': { base: impactOf[c] },
            'availability-impact': { base: impactOf[c] },
          })),
        },
        'security-impact-level': { 'security-objective-confidentiality': impactOf[highest], 'security-objective-integrity': impactOf[highest], 'security-objective-availability': 'fips-199-high' },
        status: { state: 'operational' },
        'authorization-boundary': { description: 'Le site d’Abomey-Calavi (salles, alimentation, refroidissement, arrivées télécom), les hôtes Docker de la plateforme et les conteneurs des piles « platform » et « ministry-<code> ».' },
      },
      'system-implementation': {
        users: (['operator', 'auditor', 'admin', 'requester'] as const).map((role) => ({ uuid: dcopsUuid(`system-user:${role}`), title: role, 'role-ids': [role] })),
        components: [
          {
            uuid: PLATFORM_COMPONENT,
            type: 'this-system',
            title: 'Plateforme d’hébergement (pile « platform »)',
            description: 'Point d’entrée publié sur la DMZ, console dcops, Prometheus et Grafana, sur les hôtes Docker des deux voies d’alimentation.',
            props: [...prop('stack', 'platform')],
            status: { state: 'operational' },
          },
          ...[...byMinistry.entries()].map(([code, envs]) => ({
            uuid: stackComponent(code),
            type: 'service',
            title: `Pile ministry-${code.toLowerCase()} — ${oneLine(envs[0]!.ministry.name)}`,
            description: `Environnements hébergés : ${envs.map((e) => `${e.request.environmentName} (${e.request.classification})`).join(', ')}.`,
            props: [...prop('stack', `ministry-${code.toLowerCase()}`), ...envs.flatMap((e) => prop('environment', `${e.request.environmentName}:${e.request.classification}:${e.request.state}`))],
            status: { state: envs.some((e) => e.request.state === 'active') ? 'operational' : 'under-development' },
          })),
        ],
      },
      'control-implementation': {
        description: 'État de chaque mesure des référentiels tel que l’exploitation l’enregistre dans la console (applicabilité, mise en œuvre, responsable, dernière revue) ; une mesure jamais évaluée est applicable et non commencée.',
        'implemented-requirements': s.frameworks.flatMap((f) =>
          f.controls.map((c) => {
            const recorded = statuses.get(`${f.id}\u0000${c.id}`);
            const st = recorded?.status;
            const state = st ? (st.applicable ? implementationState[st.implementation] : 'not-applicable') : null;
            return {
              uuid: dcopsUuid(`implemented-requirement:${f.id}:${c.id}`),
              'control-id': oscalControlId(f.id, c.id),
              props: [
                ...prop('framework', f.id),
                ...prop('control-id', c.id),
                ...prop('implementation', st ? (st.applicable ? st.implementation : 'not_applicable') : 'not_started'),
                ...prop('owner', st?.owner),
                ...prop('last-reviewed-at', st?.lastReviewedAt),
                ...prop('reviewed-by', recorded?.reviewedBy),
              ],
              'by-components': [
                {
                  'component-uuid': PLATFORM_COMPONENT,
                  uuid: dcopsUuid(`by-component:${f.id}:${c.id}:platform`),
                  // A control never assessed is applicable and not started: it claims nothing.
                  description: st?.justification || (st ? (st.applicable ? 'Mesure applicable à la plateforme.' : 'Mesure exclue.') : 'Mesure applicable, non encore évaluée.'),
                  ...(state ? { 'implementation-status': { state } } : {}),
                },
              ],
            };
          }),
        ),
      },
    },
  };
}
