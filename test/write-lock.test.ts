/**
 * SQLite's write path (db/dialect/sqlite/client.ts): another process holding the write lock makes a
 * save wait without blocking the event loop, then give up as busy having written nothing; the lock
 * is taken as soon as it is free; and one process's transactions, which now span awaits, run one at
 * a time on its one writer connection. PostgreSQL's counterpart: test/pg/dialect.test.ts.
 */
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Dialect, WriteTx } from "@/db/dialect/types";

type SqliteModule = typeof import("@/db/dialect/sqlite/client");

let dir: string;
let path: string;
let sqlite: SqliteModule;
let other: Database.Database;
/** A dialect that gives up after 400 ms, and the default one (5 s). */
let short: Dialect;
let normal: Dialect;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-lock-"));
  path = join(dir, "t.db");
  sqlite = await import("@/db/dialect/sqlite/client");
  sqlite.rawWriter(path).exec("CREATE TABLE t (v TEXT)");
  short = sqlite.sqliteDialect(path, { waitMs: 400 });
  normal = sqlite.sqliteDialect(path);
  // Another process's connection, as a CLI script or a second server would have.
  other = new Database(path);
});

afterAll(async () => {
  other?.close();
  sqlite?.closeSqlite();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  sqlite.rawWriter(path).exec("DELETE FROM t");
});

const rows = () => (sqlite.rawWriter(path).prepare("SELECT v FROM t ORDER BY rowid").all() as { v: string }[]).map((r) => r.v);
const insert = (d: Dialect, v: string) => async (tx: WriteTx) => {
  await d.exec(tx, sql`INSERT INTO t (v) VALUES (${v})`);
  return v;
};

/** Counts timer ticks while `p` is pending: a blocked event loop gives (almost) none. */
async function ticksDuring<T>(p: Promise<T>): Promise<{ ticks: number; result: PromiseSettledResult<T> }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const [result] = await Promise.allSettled([p]);
  clearInterval(timer);
  return { ticks, result: result! };
}

describe("a write on SQLite", () => {
  it("writes at once when nobody holds the lock", async () => {
    await expect(normal.write(insert(normal, "a"))).resolves.toBe("a");
    expect(rows()).toEqual(["a"]);
  });

  it("gives up as busy after the wait, writes nothing, and never blocks the event loop", async () => {
    other.exec("BEGIN IMMEDIATE");
    const t0 = performance.now();
    const { ticks, result } = await ticksDuring(short.write(insert(short, "b")));
    const waited = performance.now() - t0;
    other.exec("ROLLBACK");
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && short.isBusy(result.reason)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(400);
    // 400 ms of 10 ms ticks: a synchronous busy wait would allow none until the end.
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(rows()).toEqual([]);
    // The writer's own busy_timeout is back for everything else.
    expect(sqlite.rawWriter(path).pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("counts a save's wait from its call: one queued behind another gives up on its own time", async () => {
    // The fault tests' lock section: saves sent at +0 and +500 ms while another process holds the
    // lock (here for 1.75 s) with 1 s to wait must both be refused, the second near +1.5 s. Had its
    // wait started when its turn came (+1 s), it would still be waiting at +1.75 s and be saved.
    const second1s = sqlite.sqliteDialect(path, { waitMs: 1000 });
    other.exec("BEGIN IMMEDIATE");
    const release = setTimeout(() => other.exec("ROLLBACK"), 1750);
    const outcome = (p: Promise<string>) =>
      p.then(
        () => "saved",
        (e: unknown) => (second1s.isBusy(e) ? "busy" : String(e)),
      );
    try {
      const first = outcome(second1s.write(insert(second1s, "e")));
      await new Promise((r) => setTimeout(r, 500));
      const second = outcome(second1s.write(insert(second1s, "f")));
      expect(await Promise.all([first, second])).toEqual(["busy", "busy"]);
      expect(rows()).toEqual([]);
    } finally {
      await new Promise((r) => setTimeout(r, 300));
      clearTimeout(release);
      if (other.inTransaction) other.exec("ROLLBACK");
    }
  });

  it("takes the lock as soon as the other process lets it go", async () => {
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("ROLLBACK"), 150);
    const t0 = performance.now();
    await expect(normal.write(insert(normal, "c"))).resolves.toBe("c");
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(2000);
    expect(rows()).toEqual(["c"]);
  });

  it("lets other errors through untouched and rolls back", async () => {
    await expect(
      normal.write(async (tx) => {
        await insert(normal, "d")(tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(rows()).toEqual([]);
  });

  it("runs one process's transactions one at a time, though each awaits in between", async () => {
    // Each transaction reads, yields to the event loop, then writes what it read plus one: if two
    // shared the one writer connection at once, both would read the same and one increment would be lost.
    await normal.write(insert(normal, "0"));
    const step = () =>
      normal.write(async (tx) => {
        const [row] = await normal.rows(tx, sql`SELECT max(CAST(v AS INTEGER)) AS n FROM t`);
        await new Promise((r) => setTimeout(r, 2));
        await normal.exec(tx, sql`INSERT INTO t (v) VALUES (${String(Number(row!.n) + 1)})`);
      });
    await Promise.all(Array.from({ length: 20 }, step));
    expect(rows()).toEqual(Array.from({ length: 21 }, (_, i) => String(i)));
  });
});
