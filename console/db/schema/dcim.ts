import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { componentKinds, readingMetrics } from '../../../facility/index.js';

/**
 * The facility model, one row per component (site, room, rack, power chain, cooling, hosts and
 * their power supplies). `inputs` is the ordered list of components it draws power from.
 */
export const dcimComponents = sqliteTable(
  'dcim_components',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: componentKinds }).notNull(),
    name: text('name').notNull(),
    parentId: text('parent_id'),
    inputs: text('inputs', { mode: 'json' }).$type<string[]>().notNull(),
    inputMode: text('input_mode', { enum: ['shared', 'standby'] }),
    ratingW: real('rating_w'),
    drawW: real('draw_w'),
    modules: integer('modules'),
    redundantModules: integer('redundant_modules'),
    heightU: integer('height_u'),
    positionU: integer('position_u'),
    areaM2: real('area_m2'),
    hostName: text('host_name').unique(),
    /** Order of entry, so exports and pages read as the operators wrote the model. */
    position: integer('position').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('dcim_components_kind_idx').on(t.kind), index('dcim_components_parent_idx').on(t.parentId)],
);

/** Measurements sent by the facility's meters and sensors (power per feed and rack, inlet temperature, energy). */
export const dcimReadings = sqliteTable(
  'dcim_readings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    componentId: text('component_id').notNull(),
    metric: text('metric', { enum: readingMetrics }).notNull(),
    value: real('value').notNull(),
    /** When the meter took it. */
    measuredAt: text('measured_at').notNull(),
    receivedAt: text('received_at').notNull(),
    receivedBy: text('received_by').notNull(),
  },
  (t) => [index('dcim_readings_latest_idx').on(t.componentId, t.metric, t.measuredAt)],
);

/** Each N-1 sweep: when, why, and what it found (the full report as JSON). */
export const dcimSweeps = sqliteTable('dcim_sweeps', {
  id: text('id').primaryKey(),
  at: text('at').notNull(),
  trigger: text('trigger').notNull(),
  components: integer('components').notNull(),
  singlePoints: integer('single_points').notNull(),
  clean: integer('clean', { mode: 'boolean' }).notNull(),
  report: text('report', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});
