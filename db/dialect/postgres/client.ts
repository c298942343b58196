/**
 * The PostgreSQL side of the seam: a node-postgres pool behind the Dialect interface.
 *
 * - Every write is one transaction, SERIALIZABLE by default: PostgreSQL then guarantees the outcome
 *   of running the transactions one after another, which is what SQLite's single writer gives the
 *   shared mutation code (read the version, check it, write; keep one preferred value per cell;
 *   recompute the totals of a record group). A transaction it cannot fit into such an order fails
 *   with 40001 (or 40P01 on a deadlock) having written nothing, and is run again after a short
 *   random pause, up to MAX_ATTEMPTS times. Why not READ COMMITTED with row locks: every mutation
 *   would have to name, and lock in a safe order, each row it reads to decide (the cell's other
 *   values, the group's pair, the acting user, the session), and a forgotten lock is a silent lost
 *   update; SERIALIZABLE makes the same code that is correct on SQLite correct here, and editors'
 *   saves rarely collide, so retries are rare (the measured cost: test/pg/measure.ts).
 * - The sign-in throttle is the exception (WriteOptions.locks): it counts rows over a 15-minute
 *   window and inserts one, so parallel attempts always overlap and SERIALIZABLE would make most of
 *   a burst fail and retry. It runs READ COMMITTED behind advisory locks on its counts' names.
 * - lock_timeout mirrors SQLite's busy wait (WRITE_LOCK_WAIT_MS): a write that waits longer for a
 *   row lock gives up with 55P03, reported as busy.
 * - bigint (int8) and numeric come back as JS numbers, not strings: money is bounded by CHECK to
 *   ±10^14, and `count(*)` is int8 in PostgreSQL; without this, `sql<number>\`count(*)\`` would be a
 *   string on one engine and a number on the other.
 */
import { sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as pgSchema from "../../schema.pg";
import { tablesOf } from "../tables";
import type { Dialect, QueryDb, WriteOptions, WriteTx } from "../types";
import { postgresSearchBackend } from "./search";

/** How long a write waits for a row lock before giving up (as SQLite's busy timeout: db/client.ts). */
export const LOCK_TIMEOUT_MS = 5000;
/** Tries of one SERIALIZABLE transaction before its serialization failure is reported as busy. */
export const MAX_ATTEMPTS = 10;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * bigint (int8) and numeric as JS numbers, for every query in this process. Set on node-postgres's
 * global parsers because Drizzle passes its own per-query `types` that fall back to them (a pool's
 * `types` option would be ignored for Drizzle's queries). Money is bounded by CHECK to ±10^14, and
 * ids and counts are far below 2^53, so the numbers are exact.
 */
pg.types.setTypeParser(INT8_OID, (value: string) => Number(value));
pg.types.setTypeParser(NUMERIC_OID, (value: string) => Number(value));

/** The SQLSTATE of a PostgreSQL error, also when Drizzle has wrapped it (DrizzleQueryError.cause). */
export function pgCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && "code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** The transaction could not be fitted into a serial order, or deadlocked: nothing was written, try again. */
export const isRetryable = (error: unknown) => ["40001", "40P01"].includes(pgCode(error) ?? "");

/** Node's codes for a connection that could not be made or was cut. */
const NETWORK_CODES = ["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"];

/**
 * The server could not be reached, or went away: a connection exception (08…), an operator or
 * crash shutdown (57P01–57P03), a socket error, or node-postgres's own "Connection terminated".
 */
export function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (!(e instanceof Error)) break;
    const code = "code" in e && typeof e.code === "string" ? e.code : "";
    if (code.startsWith("08") || ["57P01", "57P02", "57P03"].includes(code) || NETWORK_CODES.includes(code)) return true;
    if (/^Connection terminated|^timeout exceeded when trying to connect|^Client has encountered a connection error/.test(e.message))
      return true;
  }
  return false;
}

export class BusyError extends Error {
  constructor(
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`the database stayed busy through ${attempts} attempts`, options);
  }
}

export type PostgresOptions = {
  /** Connections in this process's pool (default 10). */
  max?: number;
  /** How long a write waits for a row lock before it is reported busy (default LOCK_TIMEOUT_MS). */
  lockTimeoutMs?: number;
  /** Called with each retry, for tests and logs. */
  onRetry?: (attempt: number, error: unknown) => void;
};

export function createPool(url: string, max = 10, lockTimeoutMs = LOCK_TIMEOUT_MS): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: `-c lock_timeout=${lockTimeoutMs} -c idle_in_transaction_session_timeout=60000`,
    application_name: "ctm",
    // A server that does not answer is reported at once rather than queued behind (a restart).
    connectionTimeoutMillis: 5000,
    // Idle connections close, so short-lived tools (db:setup, the build's workers) can exit.
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  // An idle pooled connection can be closed by the server (a restart, a crash, an administrator).
  // node-postgres reports that as an 'error' event on the pool, which would end the process when
  // nobody listens; the pool drops the connection and opens a new one for the next query.
  pool.on("error", (error) => {
    if (pgCode(error) !== "57P01") console.warn(`postgres: an idle connection failed and was dropped: ${error.message}`);
  });
  // A connection checked out of the pool (inside a transaction, between two statements) has no such
  // listener: when the server dies then, its 'error' event was an uncaughtException (seen in the
  // fault tests' kill -9 of the PostgreSQL server). The statement in flight, or the next one, still
  // fails and the transaction with it; the pool discards the broken connection when it is released.
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
  return pool;
}

export function postgresDialect(url: string, options: PostgresOptions = {}): Dialect & { pool: pg.Pool } {
  const pool = createPool(url, options.max, options.lockTimeoutMs);
  const db = drizzle(pool, { schema: pgSchema });
  const shared = db as QueryDb & WriteTx;

  async function write<T>(fn: (tx: WriteTx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const locks = opts.locks;
    const isolationLevel = locks ? "read committed" : "serializable";
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(
          async (tx) => {
            if (locks?.length) await lockKeys(tx, locks);
            return fn(tx);
          },
          { isolationLevel },
        );
      } catch (error) {
        if (!isRetryable(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new BusyError(attempt, { cause: error });
        options.onRetry?.(attempt, error);
        // Random pauses that grow: transactions that collided do not collide again in step.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
      }
    }
  }

  async function lockKeys(tx: WriteTx, keys: string[]) {
    // One 64-bit lock per distinct key, taken in ascending order: two transactions that share keys
    // queue behind each other and never wait on each other crosswise. Released at commit or rollback.
    await (tx as typeof db).execute(sql`SELECT pg_advisory_xact_lock(k)
      FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(${sql.param(keys)}::text[]) AS key ORDER BY 1) AS locks`);
  }

  const d: Dialect & { pool: pg.Pool } = {
    engine: "postgres",
    t: tablesOf("postgres"),
    read: shared,
    write,
    async rows(on: QueryDb | WriteTx, query: SQL) {
      const result = await (on as typeof db).execute<Record<string, unknown>>(query);
      return result.rows;
    },
    async exec(on: WriteTx, query: SQL) {
      await (on as typeof db).execute(query);
    },
    isBusy: (error: unknown) => error instanceof BusyError || pgCode(error) === "55P03",
    isUnavailable,
    search: (on) => postgresSearchBackend(d, on ?? d.read),
    async hasTable(name: string) {
      const { rows } = await pool.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [`public.${name}`]);
      return rows[0]?.found === true;
    },
    async close() {
      await pool.end();
    },
    pool,
  };
  return d;
}
