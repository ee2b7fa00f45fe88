import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { hostingRequests } from './hosting-requests.js';
import { users } from './users.js';

/**
 * The information security risk register (ISO/IEC 27005): assets, risk scenarios on them,
 * their treatment and the acceptance of what remains. States that depend on time or on other
 * records (an acceptance still live, a residual score actually reached) are derived at read
 * time from these rows, never stored.
 */

export const assetKinds = ['environment', 'platform-component', 'room', 'power', 'cooling', 'network-link'] as const;
export type AssetKind = (typeof assetKinds)[number];

export const riskAssets = sqliteTable(
  'risk_assets',
  {
    id: text('id').primaryKey(),
    /** Short, stable name shown in the register (e.g. `ENV-MS-DHIS2-PROD`, `FAC-POWER-A`). */
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: assetKinds }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    /** A ministry environment: the hosting request it is (its classification is read from there). */
    requestId: text('request_id').references(() => hostingRequests.id),
    /** A platform component: its name in the platform stack (ingress, console, prometheus, grafana). */
    component: text('component'),
    /** A facility asset: free reference to the facility model (room, feed, unit or link id). */
    facilityRef: text('facility_ref'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [uniqueIndex('risk_assets_request_idx').on(t.requestId), uniqueIndex('risk_assets_component_idx').on(t.component)],
);

/** The likelihood × impact matrix (one row, id `current`): scales, level thresholds, acceptance limit. */
export const riskMatrix = sqliteTable('risk_matrix', {
  id: text('id').primaryKey(),
  /** Labels of the likelihood scale, lowest first, as `{fr, en}` (its length is the scale's size). */
  likelihood: text('likelihood', { mode: 'json' }).$type<{ fr: string; en: string }[]>().notNull(),
  impact: text('impact', { mode: 'json' }).$type<{ fr: string; en: string }[]>().notNull(),
  /** Lowest score (likelihood × impact) of each level above `low`. */
  thresholds: text('thresholds', { mode: 'json' }).$type<{ medium: number; high: number; critical: number }>().notNull(),
  /** Longest an acceptance may run before the owner must look again. */
  maxAcceptanceDays: integer('max_acceptance_days').notNull(),
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
});

export const treatmentOptions = ['reduce', 'accept', 'avoid', 'transfer'] as const;
export type TreatmentOption = (typeof treatmentOptions)[number];

export const risks = sqliteTable(
  'risks',
  {
    id: text('id').primaryKey(),
    /** `R-001`, in the order risks are identified. */
    reference: text('reference').notNull().unique(),
    title: text('title').notNull(),
    assetId: text('asset_id')
      .notNull()
      .references(() => riskAssets.id),
    threat: text('threat').notNull(),
    vulnerability: text('vulnerability').notNull(),
    consequence: text('consequence').notNull(),
    inherentLikelihood: integer('inherent_likelihood').notNull(),
    inherentImpact: integer('inherent_impact').notNull(),
    /** Residual estimate once the treatment is in place; reached only when its controls are. */
    residualLikelihood: integer('residual_likelihood'),
    residualImpact: integer('residual_impact'),
    treatment: text('treatment', { enum: treatmentOptions }),
    /** What is done: the plan for reduce, the insurer or contract for transfer, the activity stopped for avoid. */
    treatmentPlan: text('treatment_plan'),
    treatmentDueDate: text('treatment_due_date'),
    /** Who is accountable for the risk and alone may accept it. */
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    createdById: text('created_by_id')
      .notNull()
      .references(() => users.id),
    acceptedById: text('accepted_by_id').references(() => users.id),
    acceptedAt: text('accepted_at'),
    acceptanceExpiresAt: text('acceptance_expires_at'),
    acceptanceComment: text('acceptance_comment'),
    /** Fingerprint of the asset and linked controls the acceptance was given on (sha256). */
    acceptanceBasis: text('acceptance_basis'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('risks_asset_idx').on(t.assetId)],
);

/** Controls (of any framework) a risk's treatment relies on. */
export const riskControls = sqliteTable(
  'risk_controls',
  {
    riskId: text('risk_id')
      .notNull()
      .references(() => risks.id, { onDelete: 'cascade' }),
    frameworkId: text('framework_id').notNull(),
    controlId: text('control_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.riskId, t.frameworkId, t.controlId] }), index('risk_controls_control_idx').on(t.frameworkId, t.controlId)],
);
