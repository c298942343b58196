/**
 * Backup and restore on PostgreSQL, for `npm run db:backup` and `npm run db:restore` when
 * DATABASE_URL is postgres:// (scripts/db-backup.ts, scripts/db-restore.ts). SQLite's are in db/backup.ts.
 *
 * Backup: pg_dump in its custom format (compressed, restorable table by table with pg_restore), while
 * the site keeps running. The dump reads one snapshot, exported from a REPEATABLE READ transaction
 * that also counts the rows of every table, so the counts printed are those of the dump itself. The
 * file is written beside its name, checked with `pg_restore --list` (it must list the data of every
 * table), and only then renamed into place.
 *
 * Restore: into an EMPTY database (create it first: see the README), with pg_restore in one
 * transaction, so a failed restore leaves the database as empty as it was.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import { backupStamp, fsyncFile as fsync } from "@/db/backup";
import { PG_BIN } from "@/scripts/pg-cluster";
import { createPool } from "./client";

/** The portal's tables, whose data a dump must hold. */
export const PORTAL_TABLES = [
  "partners",
  "sources",
  "agreements",
  "agreement_parties",
  "agreement_events",
  "agreement_event_sources",
  "wto_rta_records",
  "tariff_eliminations",
  "record_keepers",
  "rounds",
  "round_sources",
  "users",
  "sessions",
  "updates",
  "trade_figures",
  "audit_log",
  "login_attempts",
  "search_docs",
  "search_vocab",
] as const;

export function defaultDumpPath(now = new Date()): string {
  return join("data", "backups", `portal-${backupStamp(now)}.dump`);
}

/** pg_dump and pg_restore of the server's major version where Debian keeps them, else from PATH. */
function tool(name: "pg_dump" | "pg_restore"): string {
  const path = join(PG_BIN, name);
  return existsSync(path) ? path : name;
}

function run(cmd: "pg_dump" | "pg_restore", args: string[]): string {
  const r = spawnSync(tool(cmd), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (${r.error.message}); install postgresql-client 15`);
  if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout).trim().split("\n").slice(-5).join(" ")}`);
  return r.stdout;
}

export type DumpReport = { ok: boolean; messages: string[]; counts: Record<string, number>; bytes: number; ms: number };

/** What `pg_restore --list` says a dump holds: the tables whose data it carries. */
export function listDump(file: string): { tablesWithData: string[]; entries: number } {
  const list = run("pg_restore", ["--list", file]);
  const lines = list.split("\n").filter((l) => /^\d+;/.test(l));
  const tablesWithData = lines.map((l) => /TABLE DATA \S+ (\S+) /.exec(l)?.[1]).filter((t): t is string => Boolean(t));
  return { tablesWithData, entries: lines.length };
}

export async function backupPostgres(url: string, out: string): Promise<DumpReport> {
  if (existsSync(out)) throw new Error(`${out} exists already; choose another --out.`);
  const started = performance.now();
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  const pool = createPool(url, 1);
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    for (const t of PORTAL_TABLES) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    // pg_dump reads the very snapshot counted above, while the site goes on writing.
    run("pg_dump", [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      `--snapshot=${rows[0]!.snapshot}`,
      `--file=${partial}`,
      `--dbname=${url}`,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  } finally {
    client.release();
    await pool.end();
  }
  const { tablesWithData } = listDump(partial);
  const missing = PORTAL_TABLES.filter((t) => !tablesWithData.includes(t));
  if (missing.length) {
    rmSync(partial, { force: true });
    return {
      ok: false,
      messages: [`pg_restore --list shows no data for ${missing.join(", ")}`],
      counts,
      bytes: 0,
      ms: performance.now() - started,
    };
  }
  fsync(partial);
  renameSync(partial, out);
  fsync(dirname(out));
  return { ok: true, messages: [], counts, bytes: statSync(out).size, ms: performance.now() - started };
}

/** Restores a dump into an empty database; refuses one that holds any table. */
export async function restorePostgres(file: string, url: string): Promise<{ counts: Record<string, number>; ms: number }> {
  const started = performance.now();
  const { tablesWithData } = listDump(file);
  if (!tablesWithData.includes("users") || !tablesWithData.includes("trade_figures")) {
    throw new Error(`${file} is not a dump of a portal database (no users or trade_figures data).`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    if (rows[0].n > 0) {
      throw new Error(
        `the database at DATABASE_URL is not empty (${rows[0].n} tables). Restore into a new, empty database (README: "Backups on PostgreSQL").`,
      );
    }
    run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, file]);
    const counts: Record<string, number> = {};
    for (const t of PORTAL_TABLES) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return { counts, ms: performance.now() - started };
  } finally {
    await client.end();
  }
}
