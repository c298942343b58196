import { defineConfig } from "drizzle-kit";

/** PostgreSQL: `npm run db:generate:pg`. SQLite keeps drizzle.config.ts and db/migrations/. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations/postgres",
});
