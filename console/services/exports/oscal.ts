/**
 * The console's state as a linked OSCAL 1.1.2 package, the format auditors' tools exchange:
 *
 *   catalogs/<framework>.json ← profiles/datacenter-national.json ← system-security-plan.json
 *     ← assessment-plan.json ← assessment-results.json; plan-of-action-and-milestones.json
 *     imports the plan and follows the results' findings.
 *
 * Each document imports the one before by a relative href, so the links resolve the same under
 * /api/v1/exports/oscal/ and in the unpacked evidence package. UUIDs are name-based: the same
 * object keeps its UUID from one export to the next, and two exports of the same state on the
 * same day are byte-identical (dates come from the data; only evidence freshness depends on
 * the day of the export).
 */
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { NotFound } from '../../errors.js';
import { requireRole } from '../access.js';
import type { FrameworkData } from '../catalogs/framework-data.js';
import { buildAp } from './oscal/ap.js';
import { buildAr, type PackageFile } from './oscal/ar.js';
import { catalogDocument, datacenterProfile, profileDocument, pssieProfiles } from './oscal/catalog.js';
import { DATACENTER_PROFILE, PATHS } from './oscal/common.js';
import { buildPoam } from './oscal/poam.js';
import { buildSsp } from './oscal/ssp.js';
import { readOscalState, type OscalState } from './oscal/state.js';
import { readSnapshot, requireExporter } from './state.js';

export { DCOPS_NS, OSCAL_VERSION, objectiveId, oscalControlId } from './oscal/common.js';

export const OSCAL_DOCUMENTS = ['system-security-plan', 'assessment-plan', 'assessment-results', 'plan-of-action-and-milestones'] as const;
export type OscalDocumentName = (typeof OSCAL_DOCUMENTS)[number];

export interface OscalDocument {
  /** Path relative to the OSCAL folder of the package (and to /api/v1/exports/oscal/). */
  path: string;
  body: string;
}

function serialise(doc: unknown): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

function profilesOf(frameworks: FrameworkData[]) {
  const pssie = frameworks.find((f) => f.id === 'pssie-bj-2021');
  return pssie ? pssieProfiles(pssie).map((p) => ({ spec: p, framework: pssie })) : [];
}

/**
 * Every document of the package, and the evidence files they point to. `available(sha)` says
 * whether a file can be included; a reference to one that cannot is left out of the documents.
 */
export function buildOscalPackage(s: OscalState, available: (sha256: string) => boolean = () => true): { documents: OscalDocument[]; files: PackageFile[] } {
  const ar = buildAr(s, available);
  const ap = buildAp(s, ar.firstEvidence);
  const ssp = buildSsp(s);
  const poam = buildPoam(s, ar);
  const lastModified = ssp['system-security-plan'].metadata['last-modified'];
  const documents: OscalDocument[] = [
    { path: PATHS.ssp, body: serialise(ssp) },
    { path: PATHS.ap, body: serialise(ap) },
    { path: PATHS.ar, body: serialise(ar.doc) },
    { path: PATHS.poam, body: serialise(poam) },
    { path: PATHS.profile(DATACENTER_PROFILE), body: serialise(datacenterProfile(s.frameworks, lastModified)) },
    ...profilesOf(s.frameworks).map(({ spec, framework }) => ({ path: PATHS.profile(spec.id), body: serialise(profileDocument(spec, framework)) })),
    ...s.frameworks.map((f) => ({ path: PATHS.catalog(f.id), body: serialise(catalogDocument(f)) })),
  ];
  const files = [...new Map(ar.files.map((f) => [f.path, f])).values()];
  return { documents, files };
}

export function readOscalPackage(db: Db, now: Date, available?: (sha256: string) => boolean) {
  return readSnapshot(db, () => buildOscalPackage(readOscalState(db, now), available));
}

/** One of the four documents of the assessment chain. */
export function exportOscalDocument({ ctx, input }: { ctx: ServiceContext; input: { name: OscalDocumentName } }): string {
  requireExporter(ctx);
  const path = `${input.name}.json`;
  return readOscalPackage(ctx.db, ctx.clock.now()).documents.find((d) => d.path === path)!.body;
}

/** A catalogue (`catalogs/<id>.json`) or profile (`profiles/<id>.json`) of the package. */
export function exportOscalReference({ ctx, input }: { ctx: ServiceContext; input: { kind: 'catalogs' | 'profiles'; id: string } }): string {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const s = readSnapshot(ctx.db, () => readOscalState(ctx.db, ctx.clock.now()));
  if (input.kind === 'catalogs') {
    const f = s.frameworks.find((x) => x.id === input.id);
    if (!f) throw new NotFound('catalog', input.id);
    return serialise(catalogDocument(f));
  }
  if (input.id === DATACENTER_PROFILE) return serialise(datacenterProfile(s.frameworks, buildSsp(s)['system-security-plan'].metadata['last-modified']));
  const p = profilesOf(s.frameworks).find((x) => x.spec.id === input.id);
  if (!p) throw new NotFound('profile', input.id);
  return serialise(profileDocument(p.spec, p.framework));
}

export function oscalFileName(name: string, now: Date): string {
  return `${name}-${now.toISOString().slice(0, 10)}.json`;
}
