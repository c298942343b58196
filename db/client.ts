/**
 * The one database of this process, on the engine DATABASE_URL names (lib/env.ts): `file:…` is the
 * embedded SQLite file (db/dialect/sqlite/client.ts), `postgres://…` a PostgreSQL server through a
 * pool (db/dialect/postgres/client.ts). Queries and mutations are written once against the seam's
 * types (db/dialect/types.ts) and the tables of db/tables.ts, and reach the engine only through here.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import { databaseEngine, databasePath, env } from "@/lib/env";
import { postgresDialect } from "./dialect/postgres/client";
import { closeSqlite, sqliteDialect } from "./dialect/sqlite/client";
import type { Dialect, QueryDb, WriteOptions, WriteTx } from "./dialect/types";

/**
 * What a query may use: select builders and count. No insert, update, delete or transaction: a
 * module typed against ReadDb cannot express a write (and on SQLite the connection under it
 * refuses one at run time too). Raw SQL reads go through `rows`.
 */
export type ReadDb = QueryDb;

/**
 * One write transaction: the only way to write. Every mutation in db/mutations takes one as its
 * first argument and awaits every statement; `writeTransaction` hands it out. A WriteTx is also a
 * ReadDb, so a read a write depends on runs inside the same transaction.
 */
export type { WriteOptions, WriteTx };

const globalForDb = globalThis as unknown as { __ctmDialect?: { url: string; dialect: Dialect } };

/** The active engine, opened on first use and kept for the process (one pool, one pair of SQLite connections). */
export function dialect(): Dialect {
  const existing = globalForDb.__ctmDialect;
  if (existing && existing.url === env.DATABASE_URL) return existing.dialect;
  const created = databaseEngine === "postgres" ? postgresDialect(env.DATABASE_URL) : sqliteDialect(databasePath);
  globalForDb.__ctmDialect = { url: env.DATABASE_URL, dialect: created };
  return created;
}

/** For db/queries: reads outside any transaction. */
export function readDb(): ReadDb {
  return dialect().read;
}

const inWrite = new AsyncLocalStorage<true>();

/**
 * Runs `fn` in one write transaction and commits when it resolves; any throw rolls all of it back.
 * SQLite: BEGIN IMMEDIATE, one at a time per process, waiting for another process's lock without
 * blocking the event loop. PostgreSQL: SERIALIZABLE, run again when PostgreSQL could not serialize
 * it (so `fn` must only touch the database), or READ COMMITTED behind advisory locks with `locks`.
 * Gives up with an error `isBusy` recognizes after about WRITE_LOCK_WAIT_MS (5 s) of waiting.
 */
export function writeTransaction<T>(fn: (tx: WriteTx) => Promise<T>, options?: WriteOptions): Promise<T> {
  // A write inside a write would wait for itself on SQLite, and commit on its own on PostgreSQL.
  if (inWrite.getStore())
    return Promise.reject(new Error("writeTransaction called inside another write transaction: pass its tx on instead"));
  return dialect().write((tx) => inWrite.run(true, () => fn(tx)), options);
}

/** The write gave up waiting for another one: nothing was written, try again. */
export function isBusy(error: unknown): boolean {
  return dialect().isBusy(error);
}

/** The database could not be reached or went away during the call: the write was not acknowledged. */
export function isUnavailable(error: unknown): boolean {
  return dialect().isUnavailable(error);
}

/** Raw SQL that both engines understand, for what the query builder cannot say; rows as plain objects. */
export function rows(on: ReadDb | WriteTx, query: SQL): Promise<Record<string, unknown>[]> {
  return dialect().rows(on, query);
}

/** Raw SQL that returns no rows, inside a write. */
export function exec(on: WriteTx, query: SQL): Promise<void> {
  return dialect().exec(on, query);
}

export async function closeDb(): Promise<void> {
  const c = globalForDb.__ctmDialect;
  globalForDb.__ctmDialect = undefined;
  if (c) await c.dialect.close();
  // Tools that opened SQLite's connections without the dialect (db/migrate.ts: the migrator) close
  // them too. The last connection to close checkpoints the WAL into the file and deletes it; left
  // open, a migrated file is only whole together with its -wal (a copy of the file alone had no tables).
  closeSqlite();
}
