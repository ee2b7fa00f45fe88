import { z } from 'zod';

/**
 * Shapes of the certification catalogs. Every type used by the rest of the project is
 * inferred from these schemas, so the data modules, the loader and the callers cannot drift
 * apart. Objects are `.readonly()`: parsing freezes them, which keeps the shared cache safe
 * from a caller that would edit a control in place.
 */

export const FRAMEWORK_IDS = ['iso27001-2022', 'pssie-bj-2021', 'tia942-r3', 'cis-docker-1.6.0'] as const;
export const frameworkIdSchema = z.enum(FRAMEWORK_IDS);
export type FrameworkId = z.infer<typeof frameworkIdSchema>;

const nonEmpty = z.string().trim().min(1);

/** A group inside a framework: ISO theme, PSSIE family, TIA subsystem, CIS section. */
export const controlGroupSchema = z
  .object({
    id: nonEmpty,
    nameFr: nonEmpty,
    nameEn: nonEmpty.optional(),
  })
  .readonly();
export type ControlGroup = z.infer<typeof controlGroupSchema>;

export const frameworkSchema = z
  .object({
    id: frameworkIdSchema,
    nameFr: nonEmpty,
    nameEn: nonEmpty,
    /** Edition of the published standard or policy the catalog follows. */
    version: nonEmpty,
    /**
     * Version of the project's own data for this framework. Evidence and Statements of
     * Applicability record it, so a later change of wording or mapping stays traceable.
     */
    catalogVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'catalog version must be MAJOR.MINOR.PATCH'),
    publisher: nonEmpty,
    descriptionFr: nonEmpty,
    groups: z.array(controlGroupSchema).min(1).readonly(),
  })
  .readonly();
export type Framework = z.infer<typeof frameworkSchema>;

// Fields every control carries, whatever its framework.
const controlBase = {
  id: nonEmpty,
  group: nonEmpty,
  titleFr: nonEmpty,
  descriptionFr: nonEmpty.optional(),
  guidanceFr: nonEmpty.optional(),
};

export const ISO_THEMES = ['A.5', 'A.6', 'A.7', 'A.8'] as const;
export const isoControlSchema = z
  .object({
    ...controlBase,
    frameworkId: z.literal('iso27001-2022'),
    id: z.string().regex(/^A\.[5-8]\.\d{1,2}$/, 'ISO Annex A id looks like A.5.1'),
    group: z.enum(ISO_THEMES),
    titleEn: nonEmpty,
  })
  .readonly();
export type IsoControl = z.infer<typeof isoControlSchema>;

export const PSSIE_FAMILIES = [
  'ORG', 'RH', 'ACT', 'CAL', 'PHY', 'RESX', 'PDT', 'ITIN', 'EXP',
  'ADM', 'ESV', 'SAW', 'CRY', 'FRN', 'SCC', 'INC', 'CONT', 'CONF',
] as const;
export const pssieLevelSchema = z.enum(['critical', 'normal']);
export type PssieLevel = z.infer<typeof pssieLevelSchema>;
export const pssieRuleSchema = z
  .object({
    ...controlBase,
    frameworkId: z.literal('pssie-bj-2021'),
    id: z.string().regex(/^[A-Z]{2,4}-\d{2}$/, 'PSSIE id looks like ORG-01'),
    group: z.enum(PSSIE_FAMILIES),
    // The PSSIE is published in French only; an English title is a convenience if present.
    titleEn: nonEmpty.optional(),
    level: pssieLevelSchema,
  })
  .readonly();
export type PssieRule = z.infer<typeof pssieRuleSchema>;

export const TIA_SUBSYSTEMS = ['TEL', 'ARC', 'ELE', 'MEC'] as const;
export const tiaSubsystemSchema = z.enum(TIA_SUBSYSTEMS);
export type TiaSubsystem = z.infer<typeof tiaSubsystemSchema>;
export const tiaRatingSchema = z.literal([1, 2, 3, 4]);
export type TiaRating = z.infer<typeof tiaRatingSchema>;
export const tiaItemSchema = z
  .object({
    ...controlBase,
    frameworkId: z.literal('tia942-r3'),
    id: z.string().regex(/^TIA-(TEL|ARC|ELE|MEC)-\d{2}$/, 'TIA item id looks like TIA-ELE-01'),
    group: tiaSubsystemSchema,
    titleEn: nonEmpty,
    // What the auditor looks at on site is the point of this checklist, so it is mandatory.
    descriptionFr: nonEmpty,
    /** Lowest rating at which the item is required; higher ratings keep it. */
    rating: tiaRatingSchema,
  })
  .readonly();
export type TiaItem = z.infer<typeof tiaItemSchema>;

export const CIS_SECTIONS = ['4', '5'] as const;
export const cisAssessmentSchema = z.enum(['automated', 'manual']);
export type CisAssessment = z.infer<typeof cisAssessmentSchema>;
export const cisCheckSchema = z
  .object({
    ...controlBase,
    frameworkId: z.literal('cis-docker-1.6.0'),
    id: z.string().regex(/^\d+\.\d+$/, 'CIS id looks like 5.4'),
    group: z.enum(CIS_SECTIONS),
    titleEn: nonEmpty,
    /** Whether the benchmark marks the check as automatable or as a manual review. */
    assessment: cisAssessmentSchema,
    /**
     * Why no policy rule can check it on the synthesized Terraform JSON (the Docker provider
     * cannot express it, or it concerns what people run later): it stays a manual review.
     * Absent: a rule covers it (a test holds the two together).
     */
    notAutomatableFr: nonEmpty.optional(),
  })
  .readonly();
export type CisCheck = z.infer<typeof cisCheckSchema>;

export const controlSchema = z.discriminatedUnion('frameworkId', [
  isoControlSchema,
  pssieRuleSchema,
  tiaItemSchema,
  cisCheckSchema,
]);
export type Control = z.infer<typeof controlSchema>;
/** The precise control type of one framework: `ControlOf<'tia942-r3'>` is `TiaItem`. */
export type ControlOf<F extends FrameworkId> = Extract<Control, { readonly frameworkId: F }>;

/**
 * What a data module writes: a control without its framework id, which the loader adds.
 * Kept as schema input so the data files are checked by the compiler before zod sees them.
 */
export type ControlData<F extends FrameworkId> = Omit<Extract<z.input<typeof controlSchema>, { readonly frameworkId: F }>, 'frameworkId'>;

/** `framework:id` as written in crosswalk data and in URLs, e.g. `iso27001-2022:A.8.9`. */
export const controlRefSchema = z
  .object({
    frameworkId: frameworkIdSchema,
    id: nonEmpty,
  })
  .readonly();
export type ControlRef = z.infer<typeof controlRefSchema>;

export const controlRefStringSchema = z
  .string()
  .regex(/^[a-z0-9.-]+:[A-Za-z0-9.-]+$/, 'control reference looks like iso27001-2022:A.8.9')
  .transform((value, ctx) => {
    const cut = value.indexOf(':');
    const parsed = controlRefSchema.safeParse({ frameworkId: value.slice(0, cut), id: value.slice(cut + 1) });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `unknown framework in control reference "${value}"` });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * How much of one control the other covers. `equivalent`: same intent, evidence for one
 * serves the other. `partial`: one covers part of the other. `related`: different
 * requirements that support each other, useful for navigation, not as evidence on its own.
 */
export const crosswalkRelationSchema = z.enum(['equivalent', 'partial', 'related']);
export type CrosswalkRelation = z.infer<typeof crosswalkRelationSchema>;

export const crosswalkLinkSchema = z
  .object({
    a: controlRefStringSchema,
    b: controlRefStringSchema,
    relation: crosswalkRelationSchema,
    rationaleFr: nonEmpty,
  })
  .refine((link) => link.a.frameworkId !== link.b.frameworkId, {
    message: 'a crosswalk link joins two different frameworks',
  })
  .readonly();
export type CrosswalkLink = z.infer<typeof crosswalkLinkSchema>;
export type CrosswalkLinkData = z.input<typeof crosswalkLinkSchema>;
