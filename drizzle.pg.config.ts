import { defineConfig } from "drizzle-kit";

/** PostgreSQL: `npm run db:generate:pg`. SQLite: drizzle.config.ts and db/migrations/sqlite/. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations/postgres",
});
