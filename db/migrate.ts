import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { closeDb, writeDb } from "./client";
import { databasePath } from "@/lib/env";

export function runMigrations(): void {
  const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
  migrate(writeDb(), { migrationsFolder });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrations();
  console.log(`migrated ${databasePath}`);
  closeDb();
}
