/**
 * The SQLite side of the seam: db/client.ts's connections (WAL, synchronous=FULL, foreign keys,
 * the read-only reader) behind the asynchronous Dialect interface.
 *
 * better-sqlite3 runs each statement synchronously, and Drizzle's SQLite builders are awaitable,
 * so awaiting them costs a microtask. A transaction, though, now spans awaits, and the process has
 * one writer connection: two actions interleaving their statements would share one transaction.
 * So `write` lets one transaction at a time through (a promise queue), then takes SQLite's write
 * lock with BEGIN IMMEDIATE, retrying without blocking the event loop while another process holds
 * it, as db/client.ts's writeTransactionWhenFree does.
 */
import type { SQL } from "drizzle-orm";
import { WRITE_LOCK_WAIT_MS, isBusy, rawWriter, readDb, migrationDb, type ReadDb } from "../client";
import * as sqliteSchema from "../schema";
import type { Dialect, QueryDb, Tables, WriteTx } from "./types";

type SqliteDb = ReturnType<typeof migrationDb>;

/**
 * The one place SQLite's objects are given the shared types. Sound because the row types are
 * identical (test/pg/schema-types.test.ts) and the shared types only expose builder methods both
 * engines have; the data-layer tests run on both engines to catch what types cannot.
 */
const asShared = {
  tables: (t: typeof sqliteSchema) => t as unknown as Tables,
  db: (d: SqliteDb | ReadDb) => d as unknown as QueryDb & WriteTx,
  back: (d: QueryDb | WriteTx) => d as unknown as SqliteDb,
};

export function sqliteDialect(): Dialect {
  let queue: Promise<unknown> = Promise.resolve();

  async function begin(waitMs: number): Promise<void> {
    const writer = rawWriter();
    const deadline = performance.now() + waitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      writer.pragma("busy_timeout = 0");
      try {
        writer.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if (!isBusy(error) || performance.now() >= deadline) throw error;
      } finally {
        writer.pragma("busy_timeout = 5000");
      }
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(pause, deadline - performance.now()))));
    }
  }

  async function transaction<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
    const writer = rawWriter();
    await begin(WRITE_LOCK_WAIT_MS);
    try {
      const result = await fn(asShared.db(migrationDb()));
      writer.exec("COMMIT");
      return result;
    } catch (error) {
      if (writer.inTransaction) writer.exec("ROLLBACK");
      throw error;
    }
  }

  return {
    engine: "sqlite",
    t: asShared.tables(sqliteSchema),
    get read() {
      return asShared.db(readDb());
    },
    write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
      const run = queue.then(() => transaction(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    async rows(on: QueryDb | WriteTx, query: SQL) {
      return asShared.back(on).all<Record<string, unknown>>(query);
    },
    async exec(on: WriteTx, query: SQL) {
      asShared.back(on).run(query);
    },
    async lockKeys() {
      // BEGIN IMMEDIATE already holds the database's one write lock.
    },
    isBusy,
    async close() {
      await queue;
    },
  };
}
