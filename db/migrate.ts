/**
 * `npm run db:migrate`: applies the migrations of the engine DATABASE_URL names, SQLite's from
 * db/migrations/sqlite/ (db/dialect/sqlite/migrate.ts), PostgreSQL's from db/migrations/postgres/
 * (db/dialect/postgres/migrate.ts, which also refuses a database that would sort text differently).
 * Safe to run again: each engine records the migrations it applied.
 */
import { fileURLToPath } from "node:url";
import { closeDb } from "./client";
import { migratePostgres } from "./dialect/postgres/migrate";
import { migrateSqlite } from "./dialect/sqlite/migrate";
import { databaseEngine, databasePath, env } from "@/lib/env";

export async function runMigrations(): Promise<void> {
  if (databaseEngine === "postgres") await migratePostgres(env.DATABASE_URL);
  else migrateSqlite(databasePath);
}

/** Where DATABASE_URL points, for messages: the file, or the server and database without any password. */
export function databaseLabel(): string {
  if (databaseEngine === "sqlite") return databasePath;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runMigrations();
  console.log(`migrated ${databaseLabel()}`);
  await closeDb();
}
