import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

type ClientModule = typeof import("@/db/client");

let dir: string;
let client: ClientModule;
let other: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-lock-"));
  // lib/env.ts reads DATABASE_URL on first import.
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  client = await import("@/db/client");
  client.rawWriter().exec("CREATE TABLE t (v TEXT)");
  // Another process's connection, as a CLI script or a second server would have.
  other = new Database(join(dir, "t.db"));
});

afterAll(() => {
  other?.close();
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  client.rawWriter().exec("DELETE FROM t");
});

const rows = () => (client.rawWriter().prepare("SELECT v FROM t").all() as { v: string }[]).map((r) => r.v);
const insert = (v: string) => (tx: Parameters<Parameters<ClientModule["writeTransaction"]>[0]>[0]) => {
  tx.run(`INSERT INTO t (v) VALUES ('${v}')`);
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

describe("writeTransactionWhenFree", () => {
  it("writes at once when nobody holds the lock", async () => {
    await expect(client.writeTransactionWhenFree(insert("a"))).resolves.toBe("a");
    expect(rows()).toEqual(["a"]);
  });

  it("gives up with SQLITE_BUSY after the wait, writes nothing, and never blocks the event loop", async () => {
    other.exec("BEGIN IMMEDIATE");
    const t0 = performance.now();
    const { ticks, result } = await ticksDuring(client.writeTransactionWhenFree(insert("b"), 400));
    const waited = performance.now() - t0;
    other.exec("ROLLBACK");
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && client.isBusy(result.reason)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(400);
    // 400 ms of 10 ms ticks: a synchronous busy wait would allow none until the end.
    expect(ticks).toBeGreaterThanOrEqual(15);
    expect(rows()).toEqual([]);
    // The writer's own busy_timeout is back for everything else.
    expect(client.rawWriter().pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("takes the lock as soon as the other process lets it go", async () => {
    other.exec("BEGIN IMMEDIATE");
    setTimeout(() => other.exec("ROLLBACK"), 150);
    const t0 = performance.now();
    await expect(client.writeTransactionWhenFree(insert("c"), 5000)).resolves.toBe("c");
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(140);
    expect(waited).toBeLessThan(2000);
    expect(rows()).toEqual(["c"]);
  });

  it("lets other errors through untouched and rolls back", async () => {
    await expect(
      client.writeTransactionWhenFree((tx) => {
        insert("d")(tx);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(rows()).toEqual([]);
  });
});
