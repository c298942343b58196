/**
 * Files that hold password hashes, sessions or the session key are readable by their owner only,
 * whatever the umask; a session key too short to be safe stops start-up instead of being used.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAuthSecret } from "@/lib/auth/secret-file.mjs";

let dir: string;
let previousUmask: number;
const mode = (path: string) => statSync(path).mode & 0o777;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ctm-private-"));
  // The usual umask: without care, new files would be world-readable (0644).
  previousUmask = process.umask(0o022);
});

afterAll(() => {
  process.umask(previousUmask);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the database, its WAL and SHM, and backups", () => {
  it("are created 0600", async () => {
    const db = join(dir, "data", "portal.db");
    process.env.DATABASE_URL = `file:${db}`;
    const client = await import("@/db/client");
    const { sql } = await import("drizzle-orm");
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations();
    await client.writeTransaction((tx) =>
      client.exec(tx, sql`INSERT INTO partners (code, name, region) VALUES ('KHM', 'Cambodia', 'Asia')`),
    );
    expect(mode(db)).toBe(0o600);
    expect(mode(`${db}-wal`)).toBe(0o600);
    expect(mode(`${db}-shm`)).toBe(0o600);
    expect(mode(join(dir, "data"))).toBe(0o700);

    const { backupDatabase } = await import("@/db/backup");
    const out = join(dir, "data", "backups", "copy.db");
    const result = await backupDatabase(db, out);
    expect(result.ok).toBe(true);
    expect(mode(out)).toBe(0o600);
    expect(mode(join(dir, "data", "backups"))).toBe(0o700);
    await client.closeDb();
  });

  it("an existing database left readable by others is tightened when opened", async () => {
    const db = join(dir, "old.db");
    writeFileSync(db, "");
    chmodSync(db, 0o644);
    const { makePrivateFile } = await import("@/db/dialect/sqlite/client");
    makePrivateFile(db);
    expect(mode(db)).toBe(0o600);
  });
});

describe("the session key", () => {
  it("is generated 0600 beside the database when missing, and kept", () => {
    const db = join(dir, "keys", "portal.db");
    const first = loadAuthSecret(db, undefined, "file:x");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(mode(join(dir, "keys", ".auth-secret"))).toBe(0o600);
    expect(loadAuthSecret(db, undefined, "file:x")).toBe(first);
  });

  it("is refused when .auth-secret is shorter than 32 characters, and the file is left alone", () => {
    const db = join(dir, "short", "portal.db");
    loadAuthSecret(db, undefined, "file:x");
    writeFileSync(join(dir, "short", ".auth-secret"), "too-short-a-secret\n");
    expect(() => loadAuthSecret(db, undefined, "file:x")).toThrow(/\.auth-secret is shorter than 32 characters/);
    expect(() => loadAuthSecret(db, undefined, "file:x")).toThrow(/delete the file/);
  });

  it("is required on PostgreSQL, where app servers on several machines could not share a generated file", () => {
    const path = join(dir, "pg", "portal.db");
    expect(() => loadAuthSecret(path, undefined, "postgres://ctm@db.internal:5432/ctm")).toThrow(
      /AUTH_SECRET is required with a PostgreSQL DATABASE_URL/,
    );
    expect(() => loadAuthSecret(path, "", "postgresql://ctm@db.internal/ctm")).toThrow(/same 32\+ random characters everywhere/);
    expect(loadAuthSecret(path, "z".repeat(32), "postgres://ctm@db.internal:5432/ctm")).toBe("z".repeat(32));
  });

  it("is refused when AUTH_SECRET is shorter than 32 characters; 32 or more is used as given", () => {
    expect(() => loadAuthSecret(join(dir, "env", "portal.db"), "x".repeat(31))).toThrow(/AUTH_SECRET is shorter than 32/);
    expect(loadAuthSecret(join(dir, "env", "portal.db"), "y".repeat(32))).toBe("y".repeat(32));
  });
});
