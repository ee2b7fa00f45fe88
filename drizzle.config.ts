import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './console/db/schema/index.ts',
  out: './console/db/migrations',
});
