import { z } from 'zod';
import { loadCatalogs } from './loader.js';
import { TIA_SUBSYSTEMS, type TiaItem, type TiaSubsystem } from './schema.js';

/**
 * Rating reached by a subsystem or the facility: 1 to 4 as in ANSI/TIA-942, and 0 when even
 * the Rating 1 items are not all met.
 */
export const achievedRatingSchema = z.literal([0, 1, 2, 3, 4]);
export type AchievedRating = z.infer<typeof achievedRatingSchema>;

/**
 * The checklist targets Rating 3 and stops there: a Rating 4 claim needs criteria (fault
 * tolerance, compartmentalisation) it does not list, so it never concludes above 3.
 */
export const TIA_CHECKLIST_TARGET = 3 as const;

/**
 * The facility is rated by its weakest subsystem: a Rating 3 power plant behind a single
 * telecom entrance is a Rating 2 site at best.
 */
export function facilityRating(subsystems: Readonly<Record<TiaSubsystem, AchievedRating>>): AchievedRating {
  return TIA_SUBSYSTEMS.reduce<AchievedRating>(
    (lowest, subsystem) => (subsystems[subsystem] < lowest ? subsystems[subsystem] : lowest),
    4,
  );
}

export interface SubsystemAssessment {
  readonly subsystem: TiaSubsystem;
  readonly rating: AchievedRating;
  /** Items not met that are required up to the checklist target, lowest rating first. */
  readonly missing: readonly TiaItem[];
}

export interface TiaAssessment {
  readonly subsystems: Readonly<Record<TiaSubsystem, SubsystemAssessment>>;
  readonly facility: AchievedRating;
  /** Subsystems holding the facility rating down (empty when every subsystem is at target). */
  readonly limitedBy: readonly TiaSubsystem[];
}

/**
 * Rates each subsystem from the checklist items found satisfied: a subsystem reaches rating
 * R when every item that applies at R or below is met. Unknown ids are refused rather than
 * ignored, since a mistyped id would otherwise silently lower a rating.
 */
export function assessTiaRating(satisfiedItemIds: Iterable<string>): TiaAssessment {
  const items = loadCatalogs().controlsByFramework.get('tia942-r3') ?? [];
  const known = new Set(items.map((item) => item.id));
  const satisfied = new Set<string>();
  for (const id of satisfiedItemIds) {
    if (!known.has(id)) throw new RangeError(`unknown TIA-942 checklist item "${id}"`);
    satisfied.add(id);
  }

  const assess = (subsystem: TiaSubsystem): SubsystemAssessment => {
    const own = items.filter((item): item is TiaItem => item.frameworkId === 'tia942-r3' && item.group === subsystem);
    const missing = own
      .filter((item) => item.rating <= TIA_CHECKLIST_TARGET && !satisfied.has(item.id))
      .sort((x, y) => x.rating - y.rating);
    // `missing` only holds items rated 1 to the target, so one below the first gap is 0 to 2.
    const firstGap = missing[0]?.rating;
    const rating: AchievedRating = firstGap === undefined ? TIA_CHECKLIST_TARGET : ((firstGap - 1) as AchievedRating);
    return { subsystem, rating, missing };
  };

  const subsystems = {
    TEL: assess('TEL'),
    ARC: assess('ARC'),
    ELE: assess('ELE'),
    MEC: assess('MEC'),
  } satisfies Record<TiaSubsystem, SubsystemAssessment>;
  const facility = facilityRating({
    TEL: subsystems.TEL.rating,
    ARC: subsystems.ARC.rating,
    ELE: subsystems.ELE.rating,
    MEC: subsystems.MEC.rating,
  });
  const limitedBy =
    facility >= TIA_CHECKLIST_TARGET ? [] : TIA_SUBSYSTEMS.filter((s) => subsystems[s].rating === facility);
  return { subsystems, facility, limitedBy };
}
