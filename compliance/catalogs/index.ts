/**
 * Certification catalogs: ISO/IEC 27001:2022 Annex A, PSSIE Bénin, the project's
 * ANSI/TIA-942 Rating 3 checklist and CIS Docker Benchmark runtime checks, with the
 * crosswalk between them. Data lives in TypeScript modules next to this file and is
 * validated once, on first read.
 */
import { CROSSWALK_VERSION } from './crosswalks.js';
import { loadCatalogs, refKey } from './loader.js';
import {
  FRAMEWORK_IDS,
  controlRefStringSchema,
  frameworkIdSchema,
  type Control,
  type ControlGroup,
  type ControlOf,
  type ControlRef,
  type CrosswalkLink,
  type CrosswalkRelation,
  type Framework,
  type FrameworkId,
} from './schema.js';

export {
  FRAMEWORK_IDS,
  ISO_THEMES,
  PSSIE_FAMILIES,
  TIA_SUBSYSTEMS,
  CIS_SECTIONS,
  controlSchema,
  controlRefSchema,
  frameworkIdSchema,
  frameworkSchema,
  crosswalkRelationSchema,
} from './schema.js';
export type {
  CisAssessment,
  CisCheck,
  Control,
  ControlGroup,
  ControlOf,
  ControlRef,
  CrosswalkLink,
  CrosswalkRelation,
  Framework,
  FrameworkId,
  IsoControl,
  PssieLevel,
  PssieRule,
  TiaItem,
  TiaRating,
  TiaSubsystem,
} from './schema.js';
export { CatalogDataError } from './loader.js';
export {
  TIA_CHECKLIST_TARGET,
  achievedRatingSchema,
  assessTiaRating,
  facilityRating,
  type AchievedRating,
  type SubsystemAssessment,
  type TiaAssessment,
} from './tia-rating.js';
export { CROSSWALK_VERSION };

export class UnknownFrameworkError extends Error {
  override readonly name = 'UnknownFrameworkError';
  constructor(readonly frameworkId: string) {
    super(`unknown framework "${frameworkId}"`);
  }
}

export class UnknownControlError extends Error {
  override readonly name = 'UnknownControlError';
  constructor(readonly ref: ControlRef) {
    super(`unknown control "${refKey(ref)}"`);
  }
}

export function isFrameworkId(value: string): value is FrameworkId {
  return frameworkIdSchema.safeParse(value).success;
}

// Callers may pass ids that came from a URL or a file; refuse them here rather than answer
// with an empty list that reads as "this framework has no controls".
function assertFrameworkId(frameworkId: string): asserts frameworkId is FrameworkId {
  if (!isFrameworkId(frameworkId)) throw new UnknownFrameworkError(frameworkId);
}

export function listFrameworks(): readonly Framework[] {
  return loadCatalogs().frameworks;
}

export function getFramework(frameworkId: FrameworkId): Framework {
  assertFrameworkId(frameworkId);
  const framework = loadCatalogs().frameworksById.get(frameworkId);
  if (!framework) throw new UnknownFrameworkError(frameworkId);
  return framework;
}

/** Version of the project's data for one framework, to stamp on evidence and exports. */
export function catalogVersion(frameworkId: FrameworkId): string {
  return getFramework(frameworkId).catalogVersion;
}

export function listGroups(frameworkId: FrameworkId): readonly ControlGroup[] {
  return getFramework(frameworkId).groups;
}

/** Controls of one framework in the reading order of the standard. */
export function listControls<F extends FrameworkId>(frameworkId: F): readonly ControlOf<F>[] {
  assertFrameworkId(frameworkId);
  // The index groups controls by their own frameworkId, so every element is a ControlOf<F>.
  return (loadCatalogs().controlsByFramework.get(frameworkId) ?? []) as readonly ControlOf<F>[];
}

export function getControl<F extends FrameworkId>(frameworkId: F, id: string): ControlOf<F> | undefined {
  assertFrameworkId(frameworkId);
  // Same guarantee as listControls: the key carries the framework id.
  return loadCatalogs().controlsByKey.get(refKey({ frameworkId, id })) as ControlOf<F> | undefined;
}

export function requireControl<F extends FrameworkId>(frameworkId: F, id: string): ControlOf<F> {
  const control = getControl(frameworkId, id);
  if (!control) throw new UnknownControlError({ frameworkId, id });
  return control;
}

/** Parses `framework:id` (e.g. `iso27001-2022:A.8.9`) and checks the control exists. */
export function parseControlRef(value: string): ControlRef {
  const parsed = controlRefStringSchema.safeParse(value);
  if (!parsed.success) throw new RangeError(`invalid control reference "${value}"`);
  requireControl(parsed.data.frameworkId, parsed.data.id);
  return parsed.data;
}

export function formatControlRef(ref: ControlRef): string {
  return refKey(ref);
}

export function listCrosswalkLinks(): readonly CrosswalkLink[] {
  return loadCatalogs().links;
}

export interface CrosswalkMatch {
  readonly control: Control;
  /** Weakest relation along the path; a chain is only as reusable as its loosest link. */
  readonly relation: CrosswalkRelation;
  /** Rationale of the link, or of each link along the path joined by " → ". */
  readonly rationaleFr: string;
  /** Controls passed through to reach this one; empty for a direct link. */
  readonly via: readonly ControlRef[];
}

export interface CrosswalkOptions {
  /**
   * Also follow links through intermediate controls (e.g. CIS → ISO → PSSIE), up to
   * `maxHops` links. Off by default: an indirect match is a lead for the reviewer, not a
   * mapping anyone wrote down.
   */
  readonly transitive?: boolean;
  /** Longest path followed when `transitive` is set; 2 unless told. */
  readonly maxHops?: number;
  /** Keep only matches in these frameworks. */
  readonly frameworks?: readonly FrameworkId[];
}

const relationStrength: Readonly<Record<CrosswalkRelation, number>> = { equivalent: 3, partial: 2, related: 1 };
const weaker = (x: CrosswalkRelation, y: CrosswalkRelation): CrosswalkRelation =>
  relationStrength[x] <= relationStrength[y] ? x : y;

/**
 * Controls of the other frameworks linked to the given one, ordered by framework, then by
 * distance, then in catalog order. Throws `UnknownControlError` for an id that does not
 * exist, since an empty answer would hide a typo in a rule pack.
 */
export function crosswalk(
  frameworkId: FrameworkId,
  id: string,
  options: CrosswalkOptions = {},
): readonly CrosswalkMatch[] {
  const start = requireControl(frameworkId, id);
  const catalogs = loadCatalogs();
  const maxHops = options.transitive ? Math.max(1, options.maxHops ?? 2) : 1;

  interface Reached {
    readonly ref: ControlRef;
    readonly relation: CrosswalkRelation;
    readonly rationales: readonly string[];
    readonly via: readonly ControlRef[];
  }
  // Breadth-first, so each control is reported on its shortest path.
  const seen = new Set<string>([refKey(start)]);
  const reached: Reached[] = [];
  let frontier: Reached[] = [{ ref: start, relation: 'equivalent', rationales: [], via: [] }];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop += 1) {
    const next: Reached[] = [];
    for (const node of frontier) {
      for (const neighbour of catalogs.neighbours.get(refKey(node.ref)) ?? []) {
        const key = refKey(neighbour.ref);
        if (seen.has(key)) continue;
        seen.add(key);
        const entry: Reached = {
          ref: neighbour.ref,
          relation: hop === 1 ? neighbour.link.relation : weaker(node.relation, neighbour.link.relation),
          rationales: [...node.rationales, neighbour.link.rationaleFr],
          via: hop === 1 ? [] : [...node.via, node.ref],
        };
        next.push(entry);
        reached.push(entry);
      }
    }
    frontier = next;
  }

  const wanted = options.frameworks ? new Set(options.frameworks) : undefined;
  const frameworkRank = (f: FrameworkId): number => FRAMEWORK_IDS.indexOf(f);
  return reached
    .filter((r) => r.ref.frameworkId !== frameworkId && (!wanted || wanted.has(r.ref.frameworkId)))
    .sort(
      (x, y) =>
        frameworkRank(x.ref.frameworkId) - frameworkRank(y.ref.frameworkId) ||
        x.via.length - y.via.length ||
        (catalogs.order.get(refKey(x.ref)) ?? 0) - (catalogs.order.get(refKey(y.ref)) ?? 0),
    )
    .flatMap((r) => {
      const control = catalogs.controlsByKey.get(refKey(r.ref));
      return control ? [{ control, relation: r.relation, rationaleFr: r.rationales.join(' → '), via: r.via }] : [];
    });
}
