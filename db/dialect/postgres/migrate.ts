/**
 * Applies db/migrations/postgres/ (drizzle-kit's journal) to the database at `url`. Refuses a
 * database whose collation would sort text differently from SQLite (see COLLATIONS), before
 * creating anything. Safe to run again: applied migrations are recorded in drizzle.__drizzle_migrations.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { fileURLToPath } from "node:url";
import { createPool } from "./client";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations/postgres", import.meta.url));

/**
 * Collations under which text sorts by code point, as SQLite's BINARY collation does: lists,
 * `ORDER BY name`, cursors and `>=` comparisons on ISO strings then agree between the engines.
 */
export const COLLATIONS = ["C", "POSIX", "C.UTF-8", "C.utf8"];

export async function checkDatabase(url: string): Promise<void> {
  const pool = createPool(url, 1);
  try {
    const { rows } = await pool.query<{ collate: string; encoding: string; version: number }>(
      `SELECT datcollate AS collate, pg_encoding_to_char(encoding) AS encoding, current_setting('server_version_num')::int AS version
       FROM pg_database WHERE datname = current_database()`,
    );
    const db = rows[0];
    if (!db) throw new Error("cannot read the current database's settings");
    if (db.version < 150000) throw new Error(`PostgreSQL ${db.version} is too old: the portal needs 15 or later`);
    if (db.encoding !== "UTF8") throw new Error(`the database's encoding is ${db.encoding}; the portal needs UTF8`);
    if (!COLLATIONS.includes(db.collate)) {
      throw new Error(
        `the database's collation is ${db.collate}, which sorts text differently from SQLite. Create it with ` +
          `CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
      );
    }
  } finally {
    await pool.end();
  }
}

export async function migratePostgres(url: string): Promise<void> {
  await checkDatabase(url);
  const pool = createPool(url, 1);
  try {
    // PostgreSQL says NOTICE for every IF NOT EXISTS that found something; not worth printing.
    pool.on("connect", (client) => client.on("notice", () => {}));
    await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await pool.end();
  }
}
