import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { closeDb, migrationDb, rawWriter } from "./client";
import { databasePath } from "@/lib/env";

/**
 * Applies new migrations. drizzle-kit changes a CHECK in SQLite by rebuilding the table (create a
 * copy, drop the original, rename), and dropping a table that others reference fails while
 * foreign keys are enforced. SQLite's documented procedure for such changes
 * (https://www.sqlite.org/lang_altertable.html#otheralter) is to switch enforcement off for the
 * change and check every reference afterwards; the pragma has no effect inside the migrator's
 * transaction, so it is set here, around it.
 */
export function runMigrations(): void {
  const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));
  const sqlite = rawWriter();
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(migrationDb(), { migrationsFolder });
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`migration left ${broken.length} broken foreign key reference(s): ${JSON.stringify(broken.slice(0, 5))}`);
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrations();
  console.log(`migrated ${databasePath}`);
  closeDb();
}
