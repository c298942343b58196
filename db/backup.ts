/**
 * Online backup and restore of the SQLite file, used by `npm run db:backup` and `npm run db:restore`
 * (scripts/db-backup.ts, scripts/db-restore.ts) and by the fault tests. No Next.js, no server-only:
 * these run as plain Node scripts beside a live site.
 */
import Database from "better-sqlite3";
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export type IntegrityReport = { ok: boolean; messages: string[]; counts: Record<string, number> };

/** 2026-11-21T08:10:12.345Z → 2026-11-21T08-10-12Z (safe in file names everywhere). */
export function backupStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-");
}

export function defaultBackupPath(dbPath: string, now = new Date()): string {
  return join(dirname(dbPath), "backups", `portal-${backupStamp(now)}.db`);
}

/**
 * Copies a live database with SQLite's online backup API. The copy is one consistent snapshot:
 * every page is transferred in a single step, inside one read transaction, so a commit made by the
 * site meanwhile is either wholly in the copy or wholly absent. In WAL mode the read transaction does
 * not block the site's writes. The copy is written beside `out` and renamed into place only after
 * it passed `PRAGMA integrity_check`; it is left in rollback-journal mode so it is one self-contained file.
 */
export async function backupDatabase(dbPath: string, out: string): Promise<IntegrityReport & { bytes: number; ms: number }> {
  if (!existsSync(dbPath)) throw new Error(`No database at ${dbPath}.`);
  if (existsSync(out)) throw new Error(`${out} exists already; choose another --out.`);
  const started = performance.now();
  const partial = `${out}.partial`;
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  rmSync(partial, { force: true });
  // A copy holds password hashes and sessions: it is created readable by its owner only, before a
  // single page is written into it (SQLite's backup writes into the existing empty file).
  closeSync(openSync(partial, "wx", 0o600));
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // Returning a huge page count makes the next step copy everything at once (see runBackup in
    // better-sqlite3/lib/methods/backup.js: the first step only sizes the job).
    await source.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  let report: IntegrityReport;
  try {
    copy.pragma("journal_mode = DELETE");
    report = inspect(copy);
  } finally {
    copy.close();
  }
  if (!report.ok) {
    rmSync(partial, { force: true });
    return { ...report, bytes: 0, ms: performance.now() - started };
  }
  fsyncFile(partial);
  renameSync(partial, out);
  fsyncFile(dirname(out));
  return { ...report, bytes: statSync(out).size, ms: performance.now() - started };
}

/** `PRAGMA integrity_check` and the row count of every ordinary table (search shadow tables left out). */
export function inspect(db: Database.Database): IntegrityReport {
  const messages = db
    .prepare("PRAGMA integrity_check")
    .raw()
    .all()
    .map((r) => String((r as unknown[])[0]));
  const ok = messages.length === 1 && messages[0] === "ok";
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? "")).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const t of tables) {
    if (virtual.some((v) => t.name.startsWith(`${v}_`))) continue;
    const row = db
      .prepare(`SELECT count(*) FROM "${t.name.replace(/"/g, '""')}"`)
      .raw()
      .get() as [number];
    counts[t.name] = row[0];
  }
  return { ok, messages, counts };
}

export function inspectFile(path: string): IntegrityReport {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return inspect(db);
  } finally {
    db.close();
  }
}

/**
 * Processes (on Linux, from /proc) that have the database or its WAL open: a running site does.
 * Returns null where /proc is not available, so the caller can only warn.
 */
export function processesHolding(dbPath: string): number[] | null {
  if (!existsSync("/proc/self/fd")) return null;
  const targets = new Set([dbPath, `${dbPath}-wal`, `${dbPath}-shm`].map((p) => resolve(p)));
  const holders: number[] = [];
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (targets.has(target)) {
        holders.push(Number(pid));
        break;
      }
    }
  }
  return holders;
}

/**
 * Puts a backup in place of the live database, which must not be open anywhere (stop the site
 * first). The backup is checked before anything is touched; the current database is first saved
 * with `backupDatabase` so a restore can itself be undone. The old -wal and -shm files are removed
 * before the new file takes the name: a WAL left behind would otherwise be replayed onto the wrong
 * database.
 */
export async function restoreDatabase(backupPath: string, dbPath: string): Promise<{ saved: string | null; report: IntegrityReport }> {
  const check = inspectFile(backupPath);
  if (!check.ok) throw new Error(`${backupPath} fails integrity_check: ${check.messages.slice(0, 5).join("; ")}`);
  if (!("users" in check.counts) || !("trade_figures" in check.counts))
    throw new Error(`${backupPath} is not a portal database (no users or trade_figures table).`);

  let saved: string | null = null;
  if (existsSync(dbPath)) {
    saved = join(dirname(dbPath), "backups", `pre-restore-${backupStamp(new Date())}.db`);
    const result = await backupDatabase(dbPath, saved).catch(() => null);
    if (!result?.ok) {
      // A damaged database cannot be copied page by page: keep its raw files instead.
      saved = `${saved.slice(0, -3)}-damaged`;
      mkdirSync(saved, { recursive: true, mode: 0o700 });
      for (const suffix of ["", "-wal"]) {
        if (!existsSync(dbPath + suffix)) continue;
        copyFileSync(dbPath + suffix, join(saved, basename(dbPath) + suffix));
        chmodSync(join(saved, basename(dbPath) + suffix), 0o600);
      }
    }
  }

  const incoming = join(dirname(dbPath), `.${basename(dbPath)}.restoring`);
  copyFileSync(backupPath, incoming);
  // copyFile keeps the backup's mode; the live database is the owner's alone whatever that was.
  chmodSync(incoming, 0o600);
  fsyncFile(incoming);
  rmSync(`${dbPath}-wal`, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(incoming, dbPath);
  fsyncFile(dirname(dbPath));

  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma("journal_mode = WAL");
    return { saved, report: inspect(db) };
  } finally {
    db.close();
  }
}

/** Flushes a file (or a folder's entries) to disk: a rename is durable only after its folder is synced. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
