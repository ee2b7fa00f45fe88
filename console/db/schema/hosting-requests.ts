import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DraftRequestInput } from '../../api/schemas.js';
import { hosts } from './hosts.js';
import { ministries } from './ministries.js';
import { users } from './users.js';

export const requestStates = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
  'provisioning',
  'active',
  'decommission_requested',
  'decommissioning',
  'decommissioned',
] as const;
export type RequestState = (typeof requestStates)[number];

export const hostingRequests = sqliteTable(
  'hosting_requests',
  {
    id: text('id').primaryKey(),
    /** Human reference shown to people, e.g. DEM-2026-00042. */
    reference: text('reference').notNull().unique(),
    ministryId: text('ministry_id')
      .notNull()
      .references(() => ministries.id),
    environmentName: text('environment_name').notNull(),
    purpose: text('purpose').notNull(),
    classification: text('classification', { enum: ['public', 'internal', 'restricted', 'secret'] }).notNull(),
    exposure: text('exposure', { enum: ['internal', 'government', 'public'] }).notNull(),
    availability: text('availability', { enum: ['standard', 'high'] }).notNull(),
    backupPolicy: text('backup_policy', { enum: ['none', 'daily', 'hourly', 'continuous'] }).notNull(),
    backupRetentionDays: integer('backup_retention_days').notNull(),
    state: text('state', { enum: requestStates }).notNull(),
    /** Optimistic concurrency: bumped by every change. */
    version: integer('version').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    submittedBy: text('submitted_by').references(() => users.id),
    decidedBy: text('decided_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    submittedAt: text('submitted_at'),
    decidedAt: text('decided_at'),
    activatedAt: text('activated_at'),
    decommissionedAt: text('decommissioned_at'),
    /** The applied run whose state holds every resource of the environment. */
    activatedByRunId: text('activated_by_run_id'),
    /** The applied run after which none of its resources remained. */
    decommissionedByRunId: text('decommissioned_by_run_id'),
    /** An administrator's reason for declaring it active without an applied run of the console. */
    activationOverride: text('activation_override'),
    /**
     * A draft saved before it was complete: its fields as typed (the draft input, JSON), the one
     * source of truth while set. The columns above then hold what was given, '' for a missing
     * name or purpose and neutral values otherwise; no service row exists until it is complete.
     * Null once the request is complete; submission is refused while it is set.
     */
    draft: text('draft', { mode: 'json' }).$type<DraftRequestInput>(),
  },
  (t) => [
    index('hosting_requests_ministry_state_idx').on(t.ministryId, t.state),
    index('hosting_requests_state_idx').on(t.state),
    index('hosting_requests_created_idx').on(t.createdAt, t.id),
  ],
);

export const requestServices = sqliteTable(
  'request_services',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => hostingRequests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    image: text('image').notNull(),
    vcpu: real('vcpu').notNull(),
    memoryMb: integer('memory_mb').notNull(),
    storageGb: integer('storage_gb').notNull(),
    /** JSON array of internal ports. */
    ports: text('ports', { mode: 'json' }).$type<number[]>().notNull(),
    /** JSON healthcheck (exec test, interval, timeout, retries, start period). */
    healthcheck: text('healthcheck', { mode: 'json' })
      .$type<{ test: string[]; intervalSeconds: number; timeoutSeconds: number; retries: number; startPeriodSeconds: number }>()
      .notNull(),
    replicas: integer('replicas').notNull(),
    /** Service template (infra/service-kinds); records made before kinds were web applications. */
    kind: text('kind', { enum: ['web', 'api', 'worker', 'postgresql', 'redis'] }).notNull().default('web'),
    /** JSON `{ port, hostname }` when the service is reached through the ingress, else null. */
    expose: text('expose', { mode: 'json' }).$type<{ port: number; hostname: string }>(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.position] })],
);

/** Where each replica of an approved request runs; written at approval, freed at decommission. */
export const placements = sqliteTable(
  'placements',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => hostingRequests.id, { onDelete: 'cascade' }),
    serviceName: text('service_name').notNull(),
    replica: integer('replica').notNull(),
    hostId: text('host_id')
      .notNull()
      .references(() => hosts.id),
    vcpu: real('vcpu').notNull(),
    memoryMb: integer('memory_mb').notNull(),
    storageGb: integer('storage_gb').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.serviceName, t.replica] }), index('placements_host_idx').on(t.hostId)],
);

/** The timeline people read on a request: each transition with who, when and why. */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => hostingRequests.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actorId: text('actor_id').references(() => users.id),
    /** Kept as text so system steps (an applied run) appear too. */
    actor: text('actor').notNull(),
    fromState: text('from_state', { enum: requestStates }),
    toState: text('to_state', { enum: requestStates }).notNull(),
    comment: text('comment'),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.id)],
);
