/**
 * `npm run db:restore -- <backup.db>`
 * Puts a backup made by `npm run db:backup` in place of the database named by DATABASE_URL.
 * Stop the site first: the command refuses while any process has the database open (checked in
 * /proc on Linux; elsewhere it can only warn). The backup must pass integrity_check before anything
 * is touched, and the current database is first saved under backups/pre-restore-<time>.db.
 * With a postgres:// DATABASE_URL it restores a pg_dump file into that (empty) database instead.
 */
import { parseArgs } from "node:util";
import { existsSync, rmSync } from "node:fs";
import { processesHolding, restoreDatabase } from "@/db/backup";
import { databaseEngine, databasePath, env } from "@/lib/env";

/** Where `next start` keeps the pages it renders at run time (the build's own pages stay). */
const PAGE_CACHE = ".next/server/route-cache";

async function main() {
  const { positionals } = parseArgs({ allowPositionals: true, strict: true, options: {} });
  const file = positionals[0];
  if (positionals.length !== 1 || !file) throw new Error("Usage: npm run db:restore -- path/to/backup.db");
  if (!existsSync(file)) throw new Error(`No file at ${file}.`);
  if (databaseEngine === "postgres") {
    // PostgreSQL: pg_restore of a `db:backup` dump into the EMPTY database DATABASE_URL names (see the README).
    const { restorePostgres } = await import("@/db/dialect/postgres/backup");
    const { counts, ms } = await restorePostgres(file, env.DATABASE_URL);
    console.log(`Restored ${file} into the PostgreSQL database at DATABASE_URL in ${ms.toFixed(0)} ms:`);
    const width = Math.max(...Object.keys(counts).map((k) => k.length));
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(width)}  ${n}`);
    removeRenderedPages();
    return;
  }
  const holders = processesHolding(databasePath);
  if (holders === null) {
    console.warn("db:restore: cannot tell on this system whether the site is running; make sure it is stopped.");
  } else if (holders.length > 0) {
    throw new Error(`${databasePath} is open in process ${holders.join(", ")} (the site?). Stop it, then run db:restore again.`);
  }
  const { saved, report } = await restoreDatabase(file, databasePath);
  if (saved) console.log(`The database it replaced is kept at ${saved}.`);
  console.log(`Restored ${file} → ${databasePath}; integrity_check: ${report.ok ? "ok" : report.messages.join("; ")}`);
  const width = Math.max(...Object.keys(report.counts).map((k) => k.length));
  for (const [table, n] of Object.entries(report.counts)) console.log(`  ${table.padEnd(width)}  ${n}`);
  removeRenderedPages();
  if (!report.ok) process.exitCode = 1;
}

function removeRenderedPages() {
  // Pages the site rendered from the replaced data would otherwise be served until they expire.
  if (existsSync(PAGE_CACHE)) {
    rmSync(PAGE_CACHE, { recursive: true, force: true });
    console.log(`Removed the pages the site had rendered from the old data (${PAGE_CACHE}).`);
  }
  console.log(
    "Start the site again (npm start). Pages cached before the restart are never served again (lib/next-cache-handler.mjs): each is rendered from the restored data on its first request.",
  );
}

main().catch((error: unknown) => {
  console.error(`db:restore: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
