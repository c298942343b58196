/** For test files that need PostgreSQL: their own database, cloned from the run's template (test/pg/global-setup.ts). */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pg").adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database holding the seed (or, with `empty`, nothing at all: not even the migrations). */
export async function cloneDatabase(label: string, opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const { template, adminUrl } = inject("pg");
  await admin((c) =>
    c.query(`CREATE DATABASE "${name}" TEMPLATE ${opts.empty ? "template0" : template} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`),
  );
  const url = adminUrl.replace(/\/[^/]+$/, `/${name}`);
  return { url, name, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/** A private copy of the seeded SQLite file the template was made from; `DATABASE_URL` points at it. */
export function sqliteSeedCopy(label: string): { path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `ctm-${label}-`));
  const path = join(dir, "portal.db");
  copyFileSync(inject("pg").sqliteSeed, path);
  process.env.DATABASE_URL = `file:${path}`;
  return { path, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
