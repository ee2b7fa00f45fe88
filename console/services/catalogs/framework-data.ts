/**
 * A framework as plain data, whatever its origin: a built-in catalogue of `compliance/` or one
 * loaded from an OSCAL file. The OSCAL catalogue export writes this shape and the import reads
 * it back, so a catalogue exported by dcops imports back to the same data.
 */
import { z } from 'zod';
import { catalogVersion, listControls, listFrameworks, type Control } from '../../../compliance/index.js';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../context.js';
import type { Db } from '../../db/open.js';
import { importedCatalogs } from '../../db/schema/index.js';

const text = z.string().trim().min(1);

export const frameworkDataSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9.-]{1,39}$/, 'lower-case letters, digits, dots and dashes, 2 to 40'),
  nameFr: text,
  nameEn: text,
  version: text,
  catalogVersion: text,
  publisher: text,
  descriptionFr: text,
  lastModified: z.string().datetime({ offset: true }),
  groups: z.array(z.strictObject({ id: text, nameFr: text, nameEn: text.optional() })).min(1),
  controls: z
    .array(
      z.strictObject({
        id: text,
        group: text,
        titleFr: text,
        titleEn: text.optional(),
        descriptionFr: text.optional(),
        guidanceFr: text.optional(),
        /** PSSIE level, TIA rating (`rating-3`), CIS assessment… as the catalogue says. */
        level: text.optional(),
      }),
    )
    .min(1),
});
export type FrameworkData = z.infer<typeof frameworkDataSchema>;

/** Dates of the editions the built-in catalogues follow (OSCAL wants a last-modified instant). */
const EDITION_DATES: Record<string, string> = {
  'iso27001-2022': '2022-10-25T00:00:00.000Z',
  'pssie-bj-2021': '2021-10-01T00:00:00.000Z',
  'tia942-r3': '2024-01-01T00:00:00.000Z',
  'cis-docker-1.6.0': '2023-07-01T00:00:00.000Z',
};

function levelOf(c: Control): string | undefined {
  if ('level' in c) return c.level;
  if ('rating' in c) return `rating-${c.rating}`;
  if ('assessment' in c) return c.assessment;
  return undefined;
}

export function builtInFrameworks(): FrameworkData[] {
  return listFrameworks().map((f) => ({
    id: f.id,
    nameFr: f.nameFr,
    nameEn: f.nameEn,
    version: f.version,
    catalogVersion: catalogVersion(f.id),
    publisher: f.publisher,
    descriptionFr: f.descriptionFr,
    lastModified: EDITION_DATES[f.id] ?? '1970-01-01T00:00:00.000Z',
    groups: f.groups.map((g) => ({ id: g.id, nameFr: g.nameFr, ...(g.nameEn ? { nameEn: g.nameEn } : {}) })),
    controls: listControls(f.id).map((c) => {
      const level = levelOf(c);
      return {
        id: c.id,
        group: c.group,
        titleFr: c.titleFr,
        ...('titleEn' in c && c.titleEn ? { titleEn: c.titleEn } : {}),
        ...(c.descriptionFr ? { descriptionFr: c.descriptionFr } : {}),
        ...(c.guidanceFr ? { guidanceFr: c.guidanceFr } : {}),
        ...(level ? { level } : {}),
      };
    }),
  }));
}

let builtIns: readonly FrameworkData[] | undefined;

/** The built-in frameworks, built once: they are code, not data that changes. */
function builtInList(): readonly FrameworkData[] {
  return (builtIns ??= builtInFrameworks());
}

/** Every framework the console knows: built-in ones first, then those imported, by id. */
export function allFrameworks(db: Db | Tx): FrameworkData[] {
  const imported = db
    .select()
    .from(importedCatalogs)
    .all()
    .map((r) => frameworkDataSchema.parse(r.data))
    .sort((a, b) => a.id.localeCompare(b.id));
  return [...builtInList(), ...imported];
}

/** One framework, built-in or imported; undefined when the console knows none by that id. */
export function frameworkById(db: Db | Tx, id: string): FrameworkData | undefined {
  const builtIn = builtInList().find((f) => f.id === id);
  if (builtIn) return builtIn;
  const row = db.select().from(importedCatalogs).where(eq(importedCatalogs.frameworkId, id)).get();
  return row ? frameworkDataSchema.parse(row.data) : undefined;
}
