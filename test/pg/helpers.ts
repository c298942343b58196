/** For test files in test/pg/ that need a database of their own (test/pg/global-setup.ts made the templates). */
import { inject } from "vitest";
import { clonePostgres, copySqlite } from "../support/test-database";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** A new PostgreSQL database holding the seed (or, with `empty`, nothing at all: not even the migrations). */
export function cloneDatabase(label: string, opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  return clonePostgres(label, opts.empty ? null : inject("pg").template);
}

/** A private copy of the seeded SQLite file; `DATABASE_URL` points at it. */
export function sqliteSeedCopy(label: string): { path: string; cleanup(): void } {
  const copy = copySqlite(label, inject("pg").sqliteSeed);
  process.env.DATABASE_URL = copy.url;
  return { path: copy.path, cleanup: copy.remove };
}
