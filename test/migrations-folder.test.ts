/**
 * SQLite's migrations moved from db/migrations/ to db/migrations/sqlite/ (PostgreSQL's live beside
 * them in db/migrations/postgres/). Drizzle's migrator records what ran in __drizzle_migrations by
 * each migration's hash and creation time, never by folder, so a database migrated from the old
 * place carries on from the new one: nothing runs twice, and what was missing runs once.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const NEW_FOLDER = join(import.meta.dirname, "..", "db", "migrations", "sqlite");
let dir: string;
let sqlite: typeof import("@/db/dialect/sqlite/client");
let migrate: typeof import("@/db/dialect/sqlite/migrate");

/** A copy of the migrations as they were at db/migrations/ (the same files), up to `upTo` entries. */
function oldFolder(name: string, upTo?: number): string {
  const folder = join(dir, name, "db", "migrations");
  mkdirSync(join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(NEW_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const entries = journal.entries.slice(0, upTo);
  for (const e of entries) cpSync(join(NEW_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-migrations-"));
  sqlite = await import("@/db/dialect/sqlite/client");
  migrate = await import("@/db/dialect/sqlite/migrate");
});

afterAll(() => {
  sqlite?.closeSqlite();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const applied = (path: string) =>
  sqlite.rawWriter(path).prepare("SELECT hash, created_at FROM __drizzle_migrations ORDER BY id").all() as {
    hash: string;
    created_at: number;
  }[];

describe("a database migrated from the old folder", () => {
  it("runs nothing again from db/migrations/sqlite/ when it was up to date", () => {
    const path = join(dir, "full.db");
    migrate.migrateSqlite(path, oldFolder("full"));
    const before = applied(path);
    expect(before).toHaveLength(5);
    sqlite.rawWriter(path).exec("INSERT INTO partners (code, name, region) VALUES ('KHM', 'Cambodia', 'Asia')");
    migrate.migrateSqlite(path);
    expect(applied(path)).toEqual(before);
    expect(sqlite.rawWriter(path).prepare("SELECT count(*) FROM partners").pluck().get()).toBe(1);
    sqlite.closeSqlite();
  });

  it("runs exactly the migrations it lacked, once", () => {
    const path = join(dir, "partial.db");
    migrate.migrateSqlite(path, oldFolder("partial", 3));
    expect(applied(path)).toHaveLength(3);
    migrate.migrateSqlite(path);
    const after = applied(path);
    expect(after).toHaveLength(5);
    migrate.migrateSqlite(path);
    expect(applied(path)).toEqual(after);
    // The tables the last two migrations made are there.
    expect(
      sqlite
        .rawWriter(path)
        .prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('wto_rta_records', 'tariff_eliminations')")
        .pluck()
        .get(),
    ).toBe(2);
    sqlite.closeSqlite();
  });
});
