/**
 * The PostgreSQL side of the seam: a node-postgres pool behind the Dialect interface.
 *
 * - Every write is one transaction, SERIALIZABLE by default: PostgreSQL then guarantees the outcome
 *   of running the transactions one after another, which is what SQLite's single writer gives the
 *   shared mutation code (read the version, check it, write). A transaction it cannot fit into such
 *   an order fails with 40001 (or 40P01 on a deadlock) having written nothing, and is run again
 *   after a short random pause, up to MAX_ATTEMPTS times.
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
import type { Dialect, QueryDb, Tables, WriteOptions, WriteTx } from "../types";

/** How long a write waits for a row lock before giving up (as SQLite's busy timeout: db/client.ts). */
export const LOCK_TIMEOUT_MS = 5000;
/** Tries of one SERIALIZABLE transaction before its serialization failure is reported as busy. */
export const MAX_ATTEMPTS = 10;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid);
  }) as typeof pg.types.getTypeParser,
};

/** The SQLSTATE of a PostgreSQL error, also when Drizzle has wrapped it (DrizzleQueryError.cause). */
export function pgCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error && "code" in e && typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** The transaction could not be fitted into a serial order, or deadlocked: nothing was written, try again. */
export const isRetryable = (error: unknown) => ["40001", "40P01"].includes(pgCode(error) ?? "");

export class BusyError extends Error {
  constructor(readonly attempts: number, options: { cause: unknown }) {
    super(`the database stayed busy through ${attempts} attempts`, options);
  }
}

export type PostgresOptions = {
  /** Connections in this process's pool (default 10). */
  max?: number;
  /** Called with each retry, for tests and logs. */
  onRetry?: (attempt: number, error: unknown) => void;
};

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    options: `-c lock_timeout=${LOCK_TIMEOUT_MS} -c idle_in_transaction_session_timeout=60000`,
    application_name: "ctm",
  });
  // An idle pooled connection can be closed by the server (a restart, a crash, an administrator).
  // node-postgres reports that as an 'error' event on the pool, which would end the process when
  // nobody listens; the pool drops the connection and opens a new one for the next query.
  pool.on("error", (error) => {
    if (pgCode(error) !== "57P01") console.warn(`postgres: an idle connection failed and was dropped: ${error.message}`);
  });
  return pool;
}

export function postgresDialect(url: string, options: PostgresOptions = {}): Dialect & { pool: pg.Pool } {
  const pool = createPool(url, options.max);
  const db = drizzle(pool, { schema: pgSchema });
  const shared = db as QueryDb & WriteTx;

  async function write<T>(fn: (tx: WriteTx) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const isolationLevel = opts.isolation ?? "serializable";
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction((tx) => fn(tx), { isolationLevel });
      } catch (error) {
        if (!isRetryable(error)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new BusyError(attempt, { cause: error });
        options.onRetry?.(attempt, error);
        // Random pauses that grow: transactions that collided do not collide again in step.
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** attempt)));
      }
    }
  }

  return {
    engine: "postgres",
    t: pgSchema satisfies Tables,
    read: shared,
    write,
    async rows(on: QueryDb | WriteTx, query: SQL) {
      const result = await (on as typeof db).execute<Record<string, unknown>>(query);
      return result.rows;
    },
    async exec(on: WriteTx, query: SQL) {
      await (on as typeof db).execute(query);
    },
    async lockKeys(tx: WriteTx, keys: string[]) {
      if (keys.length === 0) return;
      // One 64-bit lock per distinct key, taken in ascending order: two transactions that share keys
      // queue behind each other and never wait on each other crosswise. Released at commit or rollback.
      await (tx as typeof db).execute(sql`SELECT pg_advisory_xact_lock(k)
        FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest(${sql.param(keys)}::text[]) AS key ORDER BY 1) AS locks`);
    },
    isBusy: (error: unknown) => error instanceof BusyError || pgCode(error) === "55P03",
    async close() {
      await pool.end();
    },
    pool,
  };
}
