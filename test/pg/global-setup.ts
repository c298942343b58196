/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole unit-test run (scripts/pg-cluster.ts),
 * stopped when the run ends, and by its watchdog if the run is killed. It prepares, once:
 * - a SQLite file, migrated, seeded and with the stories indexed (what `npm run db:setup` makes);
 * - a PostgreSQL template database, migrated, holding exactly that file's rows (db/dialect/copy.ts)
 *   and the stories.
 * Each test file then clones the template (CREATE DATABASE … TEMPLATE, a file copy: tens of
 * milliseconds) and copies the SQLite file, so files run in parallel without sharing data.
 * PG_TEST_PORT chooses the port (default: a free one).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pg: { adminUrl: string; templateUrl: string; template: string; sqliteSeed: string };
  }
}

export const TEMPLATE = "ctm_template";

export default async function setup(project: TestProject) {
  const started = performance.now();
  const { startCluster } = await import("../../scripts/pg-cluster");
  const cluster = await startCluster({
    port: process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined,
    database: "ctm_admin",
    log: (line) => console.log(`[pg] ${line}`),
  });
  const dir = mkdtempSync(join(tmpdir(), "ctm-pg-seed-"));
  try {
    // lib/env.ts reads DATABASE_URL when first imported: set it before importing anything from db/.
    const before = process.env.DATABASE_URL;
    const built = join(dir, "building.db");
    process.env.DATABASE_URL = `file:${built}`;
    const { runMigrations } = await import("@/db/migrate");
    const { seed } = await import("@/db/seed");
    const { indexStories, storyDocs } = await import("@/db/search-index");
    const { readArticles } = await import("@/lib/content/read");
    const client = await import("@/db/client");
    runMigrations();
    seed();
    indexStories();
    client.closeDb();
    if (before === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = before;
    const sqliteSeed = join(dir, "seed.db");
    copyFileSync(built, sqliteSeed);

    const templateUrl = cluster.createDatabase(TEMPLATE);
    const { migratePostgres } = await import("@/db/dialect/postgres/migrate");
    const { postgresDialect } = await import("@/db/dialect/postgres/client");
    const { copySqliteToPostgres } = await import("@/db/dialect/copy");
    const { indexStoriesWith } = await import("@/db/dialect/search-index");
    const Database = (await import("better-sqlite3")).default;
    const { drizzle } = await import("drizzle-orm/better-sqlite3");
    const sqliteSchema = await import("@/db/schema");
    await migratePostgres(templateUrl);
    const pg = postgresDialect(templateUrl);
    const file = new Database(sqliteSeed, { readonly: true });
    try {
      const copied = await copySqliteToPostgres(drizzle(file, { schema: sqliteSchema }), pg);
      await indexStoriesWith(pg, storyDocs(readArticles()));
      console.log(`[pg] template ${TEMPLATE}: ${copied.rows.tradeFigures} figure rows copied in ${copied.ms.toFixed(0)} ms; ready after ${(performance.now() - started).toFixed(0)} ms`);
    } finally {
      file.close();
      await pg.close();
    }
    project.provide("pg", { adminUrl: cluster.url, templateUrl, template: TEMPLATE, sqliteSeed });
  } catch (error) {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
