/**
 * A database of its own for one test file, on the engine its Vitest project runs (vitest.config.ts:
 * the "sqlite" project, and the "postgres" project for the data-layer tests, CTM_TEST_ENGINE), made
 * from the templates test/pg/global-setup.ts prepares once per run:
 *   seeded   migrated, seeded and the stories indexed (what `npm run db:setup` makes)
 *   empty    migrated only
 * SQLite: a copy of the template file; PostgreSQL: CREATE DATABASE … TEMPLATE (a file copy).
 * DATABASE_URL is set before the caller imports anything from db/ (lib/env.ts reads it once).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openRawSql, type RawSql } from "./raw-sql";

export type Engine = "sqlite" | "postgres";

/** The engine this run's project tests. */
export const ENGINE: Engine = process.env.CTM_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";

export type TestDatabase = {
  engine: Engine;
  /** DATABASE_URL of the copy. */
  url: string;
  /** Plain SQL on it, read-write (test/support/raw-sql.ts). */
  sql: RawSql;
  /** Closes the app's connections (db/client.ts) and `sql`, and deletes the copy. */
  dispose(): Promise<void>;
};

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pg").adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new PostgreSQL database from a template (or from template0 with `template: null`: not even migrated). */
export async function clonePostgres(label: string, template: string | null): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `t_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const { adminUrl } = inject("pg");
  await admin((c) =>
    c.query(`CREATE DATABASE "${name}" TEMPLATE ${template ?? "template0"} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`),
  );
  const url = adminUrl.replace(/\/[^/]+$/, `/${name}`);
  return { url, name, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/** A private copy of a SQLite template file (or a path for a new, empty file with `template: null`). */
export function copySqlite(label: string, template: string | null): { url: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `ctm-${label}-`));
  const path = join(dir, "portal.db");
  if (template) copyFileSync(template, path);
  return { url: `file:${path}`, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function testDatabase(label: string, opts: { seeded?: boolean; engine?: Engine } = {}): Promise<TestDatabase> {
  const engine = opts.engine ?? ENGINE;
  const seeded = opts.seeded ?? true;
  const templates = inject("pg");
  let url: string;
  let remove: () => Promise<void>;
  if (engine === "postgres") {
    const db = await clonePostgres(label, seeded ? templates.template : templates.emptyTemplate);
    url = db.url;
    remove = db.drop;
  } else {
    const file = copySqlite(label, seeded ? templates.sqliteSeed : templates.sqliteEmpty);
    url = file.url;
    remove = async () => file.remove();
  }
  process.env.DATABASE_URL = url;
  const sql = openRawSql(url, { write: true });
  return {
    engine,
    url,
    sql,
    async dispose() {
      await (await import("@/db/client")).closeDb();
      await sql.close();
      await remove();
    },
  };
}
