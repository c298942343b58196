/**
 * The seam between the data layer and the two engines (issue 13). Queries and mutations are
 * written ONCE, against these types; at run time the active engine supplies its own table objects
 * and connection (db/dialect/sqlite.ts or db/dialect/postgres/client.ts).
 *
 * Why these types are PostgreSQL's: `$inferSelect`/`$inferInsert` of db/schema.pg.ts equal those of
 * db/schema.ts (test/pg/schema-types.test.ts), so rows look the same whichever engine read them,
 * and PostgreSQL's query builder is asynchronous only. Written against it, a query can only be
 * awaited; it cannot call better-sqlite3's synchronous `.all()`, `.get()` or `.run()`, which do not
 * exist on PostgreSQL. Drizzle's SQLite builders are awaitable too, so the same code runs there.
 * What the compiler cannot see (PostgreSQL-only builder methods such as `.for("update")`, and SQL
 * inside `sql` fragments) is kept to the engine's own files here, and the data-layer tests run on
 * both engines.
 */
import type { SQL } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type * as pgSchema from "../schema.pg";

/** Every table, as the active engine defines it; typed once (the PostgreSQL definitions). */
export type Tables = typeof pgSchema;

type AsyncDb = NodePgDatabase<Tables>;

/** What a read may use: selects only. A query function given a QueryDb cannot write. */
export type QueryDb = Pick<AsyncDb, "select" | "selectDistinct" | "$count" | "$with" | "with">;

/** What a write may use inside its one transaction: reads, inserts, updates, deletes. No nested transactions. */
export type WriteTx = Pick<AsyncDb, "select" | "selectDistinct" | "$count" | "$with" | "with" | "insert" | "update" | "delete">;

export type EngineName = "sqlite" | "postgres";

export type WriteOptions = {
  /**
   * PostgreSQL only. "serializable" (the default) makes every write transaction behave as if it ran
   * alone, as SQLite's single writer (BEGIN IMMEDIATE) does: read-check-write code such as the
   * optimistic version check needs no locks of its own. A transaction PostgreSQL cannot serialize
   * fails with 40001 and is run again. "read committed" is for code that takes its own locks
   * (`lockKeys`), where retries would only add work.
   */
  isolation?: "serializable" | "read committed";
};

export interface Dialect {
  readonly engine: EngineName;
  /** The active engine's table objects. */
  readonly t: Tables;
  /** Reads outside any transaction (SQLite: the read-only connection; PostgreSQL: the pool). */
  readonly read: QueryDb;
  /**
   * Runs `fn` in one transaction and commits when it resolves; any throw rolls everything back.
   * SQLite: BEGIN IMMEDIATE on the writer, one transaction at a time per process. PostgreSQL: a
   * pooled connection, SERIALIZABLE, run again on a serialization failure or deadlock. `fn` may run
   * more than once: it must only touch the database.
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Raw SQL (for what the query builder cannot say), rows as plain objects. Column types are the driver's. */
  rows(on: QueryDb | WriteTx, query: SQL): Promise<Record<string, unknown>[]>;
  /** Raw SQL that returns no rows (a DELETE without RETURNING, a setval). */
  exec(on: WriteTx, query: SQL): Promise<void>;
  /**
   * Serializes transactions that name the same key until they end (the sign-in throttle's account
   * and address). SQLite: nothing to do, its writer already runs one transaction at a time.
   * PostgreSQL: transaction-scoped advisory locks, taken in a fixed order so two keys cannot deadlock.
   */
  lockKeys(tx: WriteTx, keys: string[]): Promise<void>;
  /** True when a write gave up waiting for another one (SQLite busy, PostgreSQL lock timeout or retries spent). */
  isBusy(error: unknown): boolean;
  close(): Promise<void>;
}
