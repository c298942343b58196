import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { closeDb, migrationDb } from "./client";
import { databasePath } from "@/lib/env";

export function runMigrations(): void {
  const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
  migrate(migrationDb(), { migrationsFolder });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrations();
  console.log(`migrated ${databasePath}`);
  closeDb();
}
