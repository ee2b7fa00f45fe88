/**
 * Frameworks as OSCAL catalogues, and the profiles built on them: the PSSIE « Critique » and
 * « Normal » baselines, and the datacenter's own profile (every catalogue it is assessed
 * against), which the system security plan imports.
 */
import type { FrameworkData } from '../../catalogs/framework-data.js';
import { dcopsUuid } from '../uuid.js';
import { DATACENTER_PROFILE, OSCAL_VERSION, PATHS, oscalControlId, prop, some, type Prop } from './common.js';

const label = (value: string): Prop => ({ name: 'label', value });

export function catalogDocument(f: FrameworkData) {
  const publisher = dcopsUuid(`party:publisher:${f.id}`);
  const controlsOf = (group: string) => f.controls.filter((c) => c.group === group);
  return {
    catalog: {
      uuid: dcopsUuid(`catalog:${f.id}`),
      metadata: {
        title: f.nameFr,
        'last-modified': f.lastModified,
        version: f.version,
        'oscal-version': OSCAL_VERSION,
        props: [...prop('framework-id', f.id), ...prop('name-en', f.nameEn), ...prop('catalog-version', f.catalogVersion)],
        roles: [{ id: 'creator', title: 'Éditeur' }],
        parties: [{ uuid: publisher, type: 'organization' as const, name: f.publisher }],
        'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': [publisher] }],
        remarks: f.descriptionFr,
      },
      groups: f.groups.map((g) => ({
        id: `g-${oscalControlId(f.id, g.id)}`,
        class: 'family',
        title: g.nameFr,
        props: [label(g.id), ...prop('name-en', g.nameEn)],
        ...some(
          'controls',
          controlsOf(g.id).map((c) => {
            const id = oscalControlId(f.id, c.id);
            return {
              id,
              title: c.titleFr,
              props: [label(c.id), ...prop('title-en', c.titleEn), ...prop('level', c.level)],
              ...some('parts', [
                ...(c.descriptionFr ? [{ id: `${id}_smt`, name: 'statement', prose: c.descriptionFr }] : []),
                ...(c.guidanceFr ? [{ id: `${id}_gdn`, name: 'guidance', prose: c.guidanceFr }] : []),
              ]),
            };
          }),
        ),
      })),
    },
  };
}

export interface ProfileSpec {
  id: string;
  title: string;
  frameworkId: string;
  /** Control ids (catalogue's own) selected; all when absent. */
  controls?: string[];
}

/** The PSSIE's two baselines: rules marked critical, and rules marked normal. */
export function pssieProfiles(pssie: FrameworkData): ProfileSpec[] {
  return [
    { id: 'pssie-bj-2021-critique', title: 'PSSIE Bénin — profil « Critique »', frameworkId: pssie.id, controls: pssie.controls.filter((c) => c.level === 'critical').map((c) => c.id) },
    { id: 'pssie-bj-2021-normal', title: 'PSSIE Bénin — profil « Normal »', frameworkId: pssie.id, controls: pssie.controls.filter((c) => c.level === 'normal').map((c) => c.id) },
  ];
}

export function profileDocument(spec: ProfileSpec, framework: FrameworkData) {
  return {
    profile: {
      uuid: dcopsUuid(`profile:${spec.id}`),
      metadata: { title: spec.title, 'last-modified': framework.lastModified, version: framework.version, 'oscal-version': OSCAL_VERSION, props: [...prop('profile-id', spec.id), ...prop('framework-id', framework.id)] },
      imports: [
        spec.controls
          ? { href: `../${PATHS.catalog(framework.id)}`, 'include-controls': [{ 'with-ids': spec.controls.map((c) => oscalControlId(framework.id, c)) }] }
          : { href: `../${PATHS.catalog(framework.id)}`, 'include-all': {} },
      ],
      merge: { 'as-is': true },
    },
  };
}

/** What the datacenter is assessed against: every catalogue the console knows, whole. */
export function datacenterProfile(frameworks: FrameworkData[], lastModified: string) {
  return {
    profile: {
      uuid: dcopsUuid(`profile:${DATACENTER_PROFILE}`),
      metadata: {
        title: 'Référentiel d’évaluation du datacenter national du Bénin',
        'last-modified': lastModified,
        version: frameworks.map((f) => `${f.id}@${f.catalogVersion}`).join(' '),
        'oscal-version': OSCAL_VERSION,
        props: [...prop('profile-id', DATACENTER_PROFILE)],
      },
      imports: frameworks.map((f) => ({ href: `../${PATHS.catalog(f.id)}`, 'include-all': {} })),
      merge: { 'as-is': true },
    },
  };
}
