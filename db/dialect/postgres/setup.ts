/**
 * PROTOTYPE of `npm run db:setup` for PostgreSQL, until the switch (issue 13) makes db/setup.ts take
 * either engine: migrates the database at DATABASE_URL (postgres://…), seeds it with exactly the rows
 * db/seed.ts makes (seeded into a temporary SQLite file, then copied: db/dialect/copy.ts) and indexes
 * the stories for search. Safe to run again: copied rows that exist already are skipped.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ctm npx tsx --conditions=react-server db/dialect/postgres/setup.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const url = process.env.DATABASE_URL ?? "";
if (!/^postgres(ql)?:\/\//.test(url)) {
  console.error("Set DATABASE_URL to the PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/ctm");
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "ctm-pg-setup-"));
try {
  // The seed runs on SQLite today (synchronous better-sqlite3): give it a temporary file.
  process.env.DATABASE_URL = `file:${join(dir, "seed.db")}`;
  const { runMigrations } = await import("@/db/migrate");
  const { seed } = await import("@/db/seed");
  const { migrationDb, closeDb } = await import("@/db/client");
  const { storyDocs } = await import("@/db/search-index");
  const { readArticles } = await import("@/lib/content/read");
  const { migratePostgres } = await import("./migrate");
  const { postgresDialect } = await import("./client");
  const { copySqliteToPostgres } = await import("../copy");
  const { indexStoriesWith } = await import("../search-index");
  await migratePostgres(url);
  runMigrations();
  seed();
  const pg = postgresDialect(url);
  try {
    const copied = await copySqliteToPostgres(migrationDb(), pg);
    const stories = await indexStoriesWith(pg, storyDocs(readArticles()));
    console.log(`PostgreSQL ready: migrated, ${copied.rows.tradeFigures} seed figures checked in ${copied.ms.toFixed(0)} ms, ${stories} stories indexed for search`);
  } finally {
    await pg.close();
    closeDb();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
