import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const ministries = sqliteTable('ministries', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['ministry', 'agency'] }).notNull(),
  quotaVcpu: real('quota_vcpu').notNull(),
  quotaMemoryMb: integer('quota_memory_mb').notNull(),
  quotaStorageGb: integer('quota_storage_gb').notNull(),
  quotaEnvironments: integer('quota_environments').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
