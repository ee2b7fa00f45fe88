import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Datacenter hosts: the capacity hosted environments are placed on. */
export const hosts = sqliteTable('hosts', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  dockerHost: text('docker_host').notNull(),
  vcpu: real('vcpu').notNull(),
  memoryMb: integer('memory_mb').notNull(),
  storageGb: integer('storage_gb').notNull(),
  powerFeed: text('power_feed', { enum: ['A', 'B'] }).notNull(),
  zone: text('zone').notNull(),
  /** A drained host keeps what it runs but takes no new placement. */
  schedulable: integer('schedulable', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
