/**
 * PostgreSQL's write path (db/dialect/postgres/client.ts), what SQLite's test/write-lock.test.ts is
 * for SQLite: a write that waits too long for a row lock is reported busy having written nothing;
 * a SERIALIZABLE transaction PostgreSQL cannot fit into a serial order is run again, so neither of
 * two overlapping increments is lost; a server that is not there, or ends the connection mid-transaction,
 * is reported unavailable.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDialect } from "@/db/dialect/postgres/client";
import type { Dialect } from "@/db/dialect/types";
import { testDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let d: Dialect & { pool: pg.Pool };
let retries = 0;

beforeAll(async () => {
  db = await testDatabase("pg_dialect", { engine: "postgres" });
  d = postgresDialect(db.url, { lockTimeoutMs: 300, onRetry: () => retries++ });
});

afterAll(async () => {
  await d?.close();
  await db?.dispose();
});

const valueOf = (id: number) => db.sql.value<number>("SELECT value FROM trade_figures WHERE id = ?", id);
/** The id of the `n`th figure (ids need not be contiguous). */
const figureId = (n: number) => db.sql.value<number>("SELECT id FROM trade_figures ORDER BY id LIMIT 1 OFFSET ?", n);

describe("a write on PostgreSQL", () => {
  it("gives up as busy after lock_timeout while another connection holds the row, and writes nothing", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      const id = await figureId(0);
      await holder.query("BEGIN");
      expect((await holder.query("SELECT id FROM trade_figures WHERE id = $1 FOR UPDATE", [id])).rowCount).toBe(1);
      const before = await valueOf(id);
      const t0 = performance.now();
      const error = await d
        .write((tx) => d.exec(tx, sql`UPDATE trade_figures SET value = value + 1 WHERE id = ${id}`))
        .catch((e: unknown) => e);
      expect(d.isBusy(error)).toBe(true);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
      await holder.query("ROLLBACK");
      expect(await valueOf(id)).toBe(before);
    } finally {
      await holder.end();
    }
  });

  it("runs a transaction again when PostgreSQL cannot serialize it, so overlapping increments both count", async () => {
    const id = await figureId(1);
    const before = await valueOf(id);
    retries = 0;
    // Both read the row, then wait for each other, then write: the second writer cannot be ordered
    // after the first (it read the old value) and fails with 40001; run again, it reads the new one.
    let reads = 0;
    const bothRead = new Promise<void>((resolve) => {
      const tick = setInterval(() => reads >= 2 && (clearInterval(tick), resolve()), 2);
    });
    const increment = () =>
      d.write(async (tx) => {
        const [row] = await d.rows(tx, sql`SELECT value FROM trade_figures WHERE id = ${id}`);
        if (++reads <= 2) await Promise.race([bothRead, new Promise((r) => setTimeout(r, 500))]);
        await d.exec(tx, sql`UPDATE trade_figures SET value = ${Number(row!.value) + 1} WHERE id = ${id}`);
      });
    await Promise.all([increment(), increment()]);
    expect(await valueOf(id)).toBe(before + 2);
    expect(retries).toBeGreaterThanOrEqual(1);
  });

  it("says a server that does not answer is unavailable, not busy", async () => {
    const nowhere = postgresDialect("postgres://postgres@127.0.0.1:1/nothing");
    try {
      const error = await nowhere.write(async () => 1).catch((e: unknown) => e);
      expect(nowhere.isUnavailable(error)).toBe(true);
      expect(nowhere.isBusy(error)).toBe(false);
    } finally {
      await nowhere.close();
    }
  });

  it("says a connection the server ends inside a transaction is unavailable, and nothing is thrown outside the call", async () => {
    // What a crash of the server does to a save in flight (test/faults/run.ts, section 9): the
    // statement fails, ROLLBACK cannot be sent, and the checked-out connection emits 'error' (an
    // uncaughtException until the pool gave every connection a listener).
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const id = await figureId(2);
      const before = await valueOf(id);
      const error = await d
        .write(async (tx) => {
          await d.exec(tx, sql`UPDATE trade_figures SET value = value + 1 WHERE id = ${id}`);
          await d.exec(tx, sql`SELECT pg_terminate_backend(pg_backend_pid())`);
        })
        .catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 100));
      expect(d.isUnavailable(error)).toBe(true);
      expect(d.isBusy(error)).toBe(false);
      expect(uncaught).toEqual([]);
      expect(await valueOf(id)).toBe(before);
      // The pool dropped the broken connection: the next write works.
      await d.write(async (tx) => d.exec(tx, sql`SELECT 1`));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
