/**
 * The SQLite side of the seam: the embedded default. Two connections to one file (WAL,
 * synchronous=FULL, foreign keys, busy timeout): a read-only one for queries and the writer, behind
 * the asynchronous Dialect interface.
 *
 * better-sqlite3 runs each statement synchronously, and Drizzle's SQLite builders are awaitable,
 * so awaiting them costs a microtask. A transaction, though, now spans awaits, and the process has
 * one writer connection: two actions interleaving their statements would share one transaction.
 * So `write` lets one transaction at a time through (a promise queue), then takes SQLite's write
 * lock with BEGIN IMMEDIATE. When another process holds that lock, SQLite's busy handler would
 * sleep inside the synchronous call for up to busy_timeout, and in a Node server that stops every
 * other request, readers included; so the lock is tried without the busy wait and retried after
 * short asynchronous pauses until WRITE_LOCK_WAIT_MS has passed, then SQLITE_BUSY is reported as
 * busy. Once BEGIN IMMEDIATE holds the lock, nothing inside the transaction waits for another
 * process (WAL: readers never block the writer).
 */
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import * as sqliteSchema from "../../schema";
import { tablesOf } from "../tables";
import type { Dialect, QueryDb, WriteTx } from "../types";
import { sqliteSearchBackend } from "./search";

export type SqliteDb = BetterSQLite3Database<typeof sqliteSchema>;

/** How long a save waits for another process's write lock before it gives up as busy. */
export const WRITE_LOCK_WAIT_MS = 5000;

export function isSqliteBusy(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && "code" in e && typeof e.code === "string" && e.code.startsWith("SQLITE_BUSY")) return true;
  }
  return false;
}

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
const globalForDb = globalThis as unknown as { __ctmSqlite?: Connections };

/** The pair of connections to `path`, opened on first use and kept for the process. */
function connections(path: string): Connections {
  const existing = globalForDb.__ctmSqlite;
  if (existing && existing.path === path) return existing;
  const writer = open(path, false);
  // Reads go through a read-only connection: a query module cannot write, whatever it tries.
  const reader = open(path, true);
  const created = { writer, reader, path };
  globalForDb.__ctmSqlite = created;
  return created;
}

/** The writer's better-sqlite3 handle, for migrations, backups, tests and tools that need SQLite itself. */
export function rawWriter(path: string): Database.Database {
  return connections(path).writer;
}

/** The writer as a whole Drizzle database, for drizzle's migrator (db/dialect/sqlite/migrate.ts) only. */
export function migrationDb(path: string): SqliteDb {
  return drizzle(connections(path).writer, { schema: sqliteSchema });
}

export function closeSqlite(): void {
  const c = globalForDb.__ctmSqlite;
  if (!c) return;
  c.reader.close();
  c.writer.close();
  globalForDb.__ctmSqlite = undefined;
}

/** The one place SQLite's Drizzle objects are given the shared types (see db/dialect/tables.ts). */
const asShared = (d: SqliteDb) => d as unknown as QueryDb & WriteTx;
const back = (d: QueryDb | WriteTx) => d as unknown as SqliteDb;

export function sqliteDialect(path: string, options: { waitMs?: number } = {}): Dialect {
  const waitMs = options.waitMs ?? WRITE_LOCK_WAIT_MS;
  let queue: Promise<unknown> = Promise.resolve();
  let reader: (QueryDb & WriteTx) | null = null;
  let writer: (QueryDb & WriteTx) | null = null;

  async function begin(db: Database.Database, deadline: number): Promise<void> {
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      db.pragma("busy_timeout = 0");
      try {
        db.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if (!isSqliteBusy(error) || performance.now() >= deadline) throw error;
      } finally {
        db.pragma("busy_timeout = 5000");
      }
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(pause, deadline - performance.now()))));
    }
  }

  async function transaction<T>(fn: (tx: WriteTx) => Promise<T>, deadline: number): Promise<T> {
    const db = connections(path).writer;
    writer ??= asShared(drizzle(db, { schema: sqliteSchema }));
    await begin(db, deadline);
    try {
      const result = await fn(writer);
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  }

  const d: Dialect = {
    engine: "sqlite",
    t: tablesOf("sqlite"),
    get read() {
      reader ??= asShared(drizzle(connections(path).reader, { schema: sqliteSchema }));
      return reader;
    },
    // WriteOptions.locks needs nothing here: BEGIN IMMEDIATE already holds the database's one write lock.
    write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T> {
      // The wait counts from the call, queue included: a save behind another that waits for a lock
      // held by another process gives up when its own time is up, not 5 s after its turn came.
      const deadline = performance.now() + waitMs;
      const run = queue.then(() => transaction(fn, deadline));
      queue = run.catch(() => undefined);
      return run;
    },
    async rows(on: QueryDb | WriteTx, query: SQL) {
      return back(on).all<Record<string, unknown>>(query);
    },
    async exec(on: WriteTx, query: SQL) {
      back(on).run(query);
    },
    isBusy: isSqliteBusy,
    // The file is on this machine: there is no server to go away.
    isUnavailable: () => false,
    search: (on) => sqliteSearchBackend(d, on ?? d.read),
    async hasTable(name: string) {
      const [row] = back(d.read).all<{ n: number }>(sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`);
      return row?.n === 1;
    },
    async close() {
      await queue;
      closeSqlite();
      reader = null;
      writer = null;
    },
  };
  return d;
}
