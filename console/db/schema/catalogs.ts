import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Catalogues loaded from OSCAL files (`dcops catalog import`), so a ministry or regulator can
 * add a framework without code. The parsed framework is kept whole (JSON) for the export; its
 * controls are rows of `catalog_controls` like those of the built-in frameworks.
 */
export const importedCatalogs = sqliteTable('imported_catalogs', {
  frameworkId: text('framework_id').primaryKey(),
  /** The framework as the console reads it: metadata, groups, controls, profiles. */
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** sha256 of the catalogue file (and of the profile, when one was given). */
  catalogSha256: text('catalog_sha256').notNull(),
  profileSha256: text('profile_sha256'),
  importedAt: text('imported_at').notNull(),
  importedBy: text('imported_by').notNull(),
});
