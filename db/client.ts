import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { databasePath } from "@/lib/env";
import * as schema from "./schema";

export type Schema = typeof schema;
type Db = BetterSQLite3Database<Schema>;

/**
 * What a query may use: SELECT builders, count, and raw SQL reads (search's FTS5 queries). No
 * insert, update, delete, run, batch or transaction: a module typed against ReadDb cannot express
 * a write (and the connection under it refuses one at run time too). Queries `await` their
 * builders, so a second dialect (PostgreSQL, issue 13) can implement the same names.
 */
export type ReadDb = Pick<Db, "select" | "selectDistinct" | "$count" | "all" | "get">;

/**
 * One immediate write transaction: the only way to write. Every mutation in db/mutations takes one
 * as its first argument; `writeTransaction` and `writeTransactionWhenFree` hand it out. A WriteTx
 * is also a ReadDb, so a read a write depends on runs inside the same transaction.
 *
 * better-sqlite3 runs a transaction synchronously: the function given to writeTransaction must
 * not await (better-sqlite3 refuses a function that returns a promise). Callers reach mutations
 * through the async writeTransactionWhenFree (the action wrapper does), so the call sites are
 * already async; node-postgres needs the mutations themselves to await.
 */
export type WriteTx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The database holds password hashes and sessions: only its owner may read it. SQLite creates the
 * -wal and -shm files with the database file's own permissions, so making that file 0600 before
 * SQLite opens it covers all three; a file left readable by an older version is tightened here.
 */
export function makePrivateFile(path: string): void {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, "a", 0o600));
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    try {
      chmodSync(path, 0o600);
    } catch {
      // Not ours to change (another user's file opened read-write); SQLite will say if it cannot write.
    }
  }
}

function open(path: string, readonly: boolean): Database.Database {
  if (!readonly) makePrivateFile(path);
  const sqlite = new Database(path, { readonly, fileMustExist: readonly });
  // WAL lets readers run beside the one writer; FULL fsyncs every commit, so an acknowledged
  // edit survives a crash or power cut.
  if (!readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

type Connections = { writer: Database.Database; reader: Database.Database; path: string };
const globalForDb = globalThis as unknown as { __ctmDb?: Connections };

function connections(): Connections {
  const existing = globalForDb.__ctmDb;
  if (existing && existing.path === databasePath) return existing;
  const writer = open(databasePath, false);
  // Reads go through a read-only connection: a query module cannot write, whatever it tries.
  const reader = open(databasePath, true);
  const created = { writer, reader, path: databasePath };
  globalForDb.__ctmDb = created;
  return created;
}

/** For db/queries. SQLite refuses any write on this connection, and its type has no way to ask for one. */
export function readDb(): ReadDb {
  return drizzle(connections().reader, { schema });
}

function writer(): Db {
  return drizzle(connections().writer, { schema });
}

/** The writer as a whole database, for drizzle's migrator (db/migrate.ts) only; everything else writes through writeTransaction. */
export function migrationDb(): Db {
  return writer();
}

/** Runs `fn` in one BEGIN IMMEDIATE transaction: it takes the write lock up front or waits for it. */
export function writeTransaction<T>(fn: (tx: WriteTx) => T): T {
  return writer().transaction(fn, { behavior: "immediate" });
}

/** How long a save waits for another process's write lock before it gives up with SQLITE_BUSY. */
export const WRITE_LOCK_WAIT_MS = 5000;

export function isBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("SQLITE_BUSY");
}

/**
 * `writeTransaction` for request handlers. When another process holds the write lock, SQLite's
 * busy handler would sleep inside the synchronous call for up to busy_timeout, and in a Node server
 * that stops every other request, readers included. Here the lock is tried without the busy wait
 * and retried after short asynchronous pauses until `waitMs` has passed; then SQLITE_BUSY is thrown
 * as before. A busy error rolls the attempt back whole, so `fn` may run again (it must only touch
 * the database).
 */
export async function writeTransactionWhenFree<T>(fn: (tx: WriteTx) => T, waitMs = WRITE_LOCK_WAIT_MS): Promise<T> {
  const writer = connections().writer;
  const deadline = performance.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    writer.pragma("busy_timeout = 0");
    try {
      return writeTransaction(fn);
    } catch (error) {
      if (!isBusy(error) || performance.now() >= deadline) throw error;
    } finally {
      writer.pragma("busy_timeout = 5000");
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(pause, deadline - performance.now()))));
  }
}

/** The writer's better-sqlite3 handle, for tests and tools that need SQLite itself (pragmas, raw SQL). */
export function rawWriter(): Database.Database {
  return connections().writer;
}

export function closeDb(): void {
  const c = globalForDb.__ctmDb;
  if (!c) return;
  c.reader.close();
  c.writer.close();
  globalForDb.__ctmDb = undefined;
}
