/**
 * The seam between the data layer and the two engines (issue 13). Queries and mutations are
 * written ONCE, against these types; at run time the active engine supplies its own table objects
 * and connection (db/dialect/sqlite/client.ts or db/dialect/postgres/client.ts), chosen by DATABASE_URL in db/client.ts.
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
import type { SearchBackend } from "./search";

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
   * Names this transaction must hold alone, whoever else runs (the sign-in throttle's device,
   * account, address and "everyone" counts). SQLite: nothing to add, its one writer already runs
   * one transaction at a time. PostgreSQL: the transaction runs READ COMMITTED and first takes a
   * transaction-scoped advisory lock on each name, in a fixed order (so two sets of names cannot
   * deadlock); transactions sharing a name then queue behind each other, each seeing what the one
   * before it committed, instead of failing and running again as SERIALIZABLE ones would.
   */
  locks?: string[];
};

export interface Dialect {
  readonly engine: EngineName;
  /** The active engine's table objects. */
  readonly t: Tables;
  /** Reads outside any transaction (SQLite: the read-only connection; PostgreSQL: the pool). */
  readonly read: QueryDb;
  /**
   * Runs `fn` in one transaction and commits when it resolves; any throw rolls everything back.
   * SQLite: BEGIN IMMEDIATE on the writer, one transaction at a time per process, waiting for
   * another process's lock without blocking the event loop. PostgreSQL: a pooled connection,
   * SERIALIZABLE, run again on a serialization failure or deadlock (or, with `locks`, READ
   * COMMITTED behind advisory locks). `fn` may run more than once: it must only touch the database.
   */
  write<T>(fn: (tx: WriteTx) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Raw SQL (for what the query builder cannot say), rows as plain objects. Column types are the driver's. */
  rows(on: QueryDb | WriteTx, query: SQL): Promise<Record<string, unknown>[]>;
  /** Raw SQL that returns no rows (a DELETE without RETURNING, a setval). */
  exec(on: WriteTx, query: SQL): Promise<void>;
  /** True when a write gave up waiting for another one (SQLite busy, PostgreSQL lock timeout or retries spent). */
  isBusy(error: unknown): boolean;
  /**
   * True when the database could not be reached or went away during the call (a PostgreSQL server
   * restarting): the write was not acknowledged. (Lost during COMMIT, it may still have been applied.)
   */
  isUnavailable(error: unknown): boolean;
  /** The engine's full-text search over search_docs, reading through `on` (default: `read`). */
  search(on?: QueryDb | WriteTx): SearchBackend;
  /** Whether the database has this table yet (a migration not applied yet). */
  hasTable(name: string): Promise<boolean>;
  /** Ends the connections (after the queued writes finish). */
  close(): Promise<void>;
}
