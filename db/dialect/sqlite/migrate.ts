/**
 * Applies db/migrations/sqlite/ (drizzle-kit's journal) to the SQLite file. drizzle-kit changes a
 * CHECK in SQLite by rebuilding the table (create a copy, drop the original, rename), and dropping a
 * table that others reference fails while foreign keys are enforced. SQLite's documented procedure
 * for such changes (https://www.sqlite.org/lang_altertable.html#otheralter) is to switch enforcement
 * off for the change and check every reference afterwards; the pragma has no effect inside the
 * migrator's transaction, so it is set here, around it.
 *
 * Which migrations have run is recorded in __drizzle_migrations by each one's hash and creation
 * time, never by its folder: a database migrated from the folder's old place (db/migrations/)
 * carries on from here (test/migrations-folder.test.ts).
 */
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { migrationDb, rawWriter } from "./client";

export const SQLITE_MIGRATIONS = fileURLToPath(new URL("../../migrations/sqlite", import.meta.url));

export function migrateSqlite(path: string, migrationsFolder = SQLITE_MIGRATIONS): void {
  const sqlite = rawWriter(path);
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(migrationDb(path), { migrationsFolder });
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0)
      throw new Error(`migration left ${broken.length} broken foreign key reference(s): ${JSON.stringify(broken.slice(0, 5))}`);
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}
