/**
 * `npm run db:backup [-- --out path/to/copy.db]`
 * Copies the database named by DATABASE_URL while the site keeps running (SQLite's online backup,
 * one consistent snapshot), checks the copy with `PRAGMA integrity_check` and prints its row counts.
 * Default destination: backups/portal-<UTC time>.db beside the database (data/backups/ by default).
 * Exits non-zero if the copy is not sound; a failed copy is deleted, never left under the name.
 */
import { parseArgs } from "node:util";
import { backupDatabase, defaultBackupPath } from "@/db/backup";
import { databaseEngine, databasePath, env } from "@/lib/env";

/** PostgreSQL (DATABASE_URL=postgres://…): pg_dump, custom format, checked with pg_restore --list. */
async function backupPostgresDatabase(out: string | undefined) {
  const { backupPostgres, defaultDumpPath } = await import("@/db/dialect/postgres/backup");
  const file = out ?? defaultDumpPath();
  const result = await backupPostgres(env.DATABASE_URL, file);
  if (!result.ok) {
    console.error(`db:backup: the dump failed its check and was deleted: ${result.messages.join("; ")}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Backed up PostgreSQL → ${file} (pg_dump custom format, ${(result.bytes / 1024).toFixed(0)} KiB in ${result.ms.toFixed(0)} ms); pg_restore --list: ok`,
  );
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(width)}  ${n}`);
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string" } }, strict: true });
  if (databaseEngine === "postgres") return backupPostgresDatabase(values.out);
  const out = values.out ?? defaultBackupPath(databasePath);
  const result = await backupDatabase(databasePath, out);
  if (!result.ok) {
    console.error(`db:backup: the copy of ${databasePath} failed integrity_check and was deleted:`);
    for (const m of result.messages.slice(0, 20)) console.error(`  ${m}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Backed up ${databasePath} → ${out} (${(result.bytes / 1024).toFixed(0)} KiB in ${result.ms.toFixed(0)} ms); integrity_check: ok`,
  );
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(width)}  ${n}`);
}

main().catch((error: unknown) => {
  console.error(`db:backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
