/**
 * Plain SQL against a test database on either engine, for tests that check what is stored behind
 * the app's back (unit tests, Playwright specs, the fault tests). One API for both:
 *   - `?` placeholders (turned into $1, $2… for PostgreSQL), so one statement serves both engines;
 *   - rows as SQLite returns them: booleans as 1/0, bigint and counts as numbers.
 * The SQL itself must be understood by both: compare booleans with `= true`/`= false` (SQLite knows
 * TRUE and FALSE), avoid SQLite-only functions (json_each, typeof) and PostgreSQL-only casts.
 */
import Database from "better-sqlite3";
import pg from "pg";

export type Row = Record<string, unknown>;

export interface RawSql {
  readonly engine: "sqlite" | "postgres";
  all<T = Row>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of the first row (undefined when there is none). */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
  /** The first column of every row. */
  column<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** A statement without rows; returns how many rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const BOOL_OID = 16;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    if (oid === BOOL_OID) return (v: string) => (v === "t" ? 1 : 0);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid);
  }) as typeof pg.types.getTypeParser,
};

/** `?` → `$1`, `$2`… outside quoted strings and identifiers. */
export function numberedParameters(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/** better-sqlite3 binds booleans as nothing it knows: give it 1/0, as the app's driver does. */
const liteParam = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : v);

function sqliteRaw(path: string, readonly: boolean): RawSql {
  const db = new Database(path, { readonly, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const statement = (sql: string) => db.prepare(sql);
  return {
    engine: "sqlite",
    all: async <T>(sql: string, ...params: unknown[]) => statement(sql).all(...params.map(liteParam)) as T[],
    get: async <T>(sql: string, ...params: unknown[]) => statement(sql).get(...params.map(liteParam)) as T | undefined,
    value: async <T>(sql: string, ...params: unknown[]) =>
      statement(sql)
        .pluck()
        .get(...params.map(liteParam)) as T,
    column: async <T>(sql: string, ...params: unknown[]) =>
      statement(sql)
        .pluck()
        .all(...params.map(liteParam)) as T[],
    run: async (sql: string, ...params: unknown[]) => statement(sql).run(...params.map(liteParam)).changes,
    close: async () => {
      db.close();
    },
  };
}

function postgresRaw(url: string): RawSql {
  const pool = new pg.Pool({ connectionString: url, max: 2, types, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  pool.on("error", () => {});
  const query = (sql: string, params: unknown[]) => pool.query(numberedParameters(sql), params);
  return {
    engine: "postgres",
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    value: async <T>(sql: string, ...params: unknown[]) => {
      const { rows, fields } = await query(sql, params);
      return (rows[0] && fields[0] ? rows[0][fields[0].name] : undefined) as T;
    },
    column: async <T>(sql: string, ...params: unknown[]) => {
      const { rows, fields } = await query(sql, params);
      return fields[0] ? rows.map((r) => r[fields[0]!.name] as T) : [];
    },
    run: async (sql: string, ...params: unknown[]) => (await query(sql, params)).rowCount ?? 0,
    close: () => pool.end(),
  };
}

/** Opens `url` (DATABASE_URL's form: file:… or postgres://…). SQLite is read-only unless asked. */
export function openRawSql(url: string, opts: { write?: boolean } = {}): RawSql {
  return url.startsWith("file:") ? sqliteRaw(url.slice("file:".length), !opts.write) : postgresRaw(url);
}
