import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase, backupStamp, defaultBackupPath, inspectFile, processesHolding, restoreDatabase } from "@/db/backup";

let dir: string;
let live: string;

/** A small portal-shaped database in WAL mode, as the site keeps it. */
function makeDb(path: string, rows: number): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec(
    "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE IF NOT EXISTS trade_figures (id INTEGER PRIMARY KEY, value INTEGER)",
  );
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS search_plain USING fts5(body)");
  const insert = db.prepare("INSERT INTO trade_figures (value) VALUES (?)");
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(i);
  })();
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ctm-backup-"));
  live = join(dir, "portal.db");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("backup names", () => {
  it("stamps UTC time without colons, beside the database", () => {
    const at = new Date("2026-11-21T08:10:12.345Z");
    expect(backupStamp(at)).toBe("2026-11-21T08-10-12Z");
    expect(defaultBackupPath("data/portal.db", at)).toBe(join("data", "backups", "portal-2026-11-21T08-10-12Z.db"));
  });
});

describe("backupDatabase", () => {
  it("copies a live WAL database, commits still in the WAL included, into one checked file", async () => {
    const db = makeDb(live, 500);
    // Not yet checkpointed: these rows live only in portal.db-wal.
    db.prepare("INSERT INTO users (email) VALUES (?)").run("a@example.org");
    const out = join(dir, "backups", "copy.db");
    const result = await backupDatabase(live, out);
    expect(result.ok).toBe(true);
    expect(result.messages).toEqual(["ok"]);
    expect(result.counts).toMatchObject({ users: 1, trade_figures: 500, search_plain: 0 });
    expect(Object.keys(result.counts).some((t) => t.startsWith("search_plain_"))).toBe(false);
    // One self-contained file: no WAL beside it, nothing left half-written.
    expect(readdirSync(join(dir, "backups"))).toEqual(["copy.db"]);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    copy.close();
    db.close();
  });

  it("is one snapshot while another connection keeps writing", async () => {
    const db = makeDb(live, 2000);
    let writes = 0;
    const timer = setInterval(() => {
      db.prepare("INSERT INTO users (email) VALUES (?)").run(`w${writes++}@example.org`);
    }, 1);
    const result = await backupDatabase(live, join(dir, "b.db"));
    clearInterval(timer);
    expect(result.ok).toBe(true);
    expect(result.counts.users).toBeLessThanOrEqual(writes);
    db.close();
  });

  it("never overwrites an existing file", async () => {
    makeDb(live, 1).close();
    writeFileSync(join(dir, "taken.db"), "x");
    await expect(backupDatabase(live, join(dir, "taken.db"))).rejects.toThrow(/exists already/);
    await expect(backupDatabase(join(dir, "missing.db"), join(dir, "n.db"))).rejects.toThrow(/No database/);
  });
});

describe("restoreDatabase", () => {
  it("checks the backup, keeps the current database, drops its WAL and swaps the file", async () => {
    makeDb(live, 10).close();
    const backup = join(dir, "backup.db");
    expect((await backupDatabase(live, backup)).ok).toBe(true);
    // The live database moves on after the backup, with commits left in its WAL.
    const db = new Database(live);
    db.pragma("wal_autocheckpoint = 0");
    db.prepare("INSERT INTO users (email) VALUES ('after@example.org')").run();
    const walBefore = existsSync(`${live}-wal`);
    db.close();
    expect(walBefore).toBe(true);

    const { saved, report } = await restoreDatabase(backup, live);
    expect(report.ok).toBe(true);
    expect(report.counts).toMatchObject({ users: 0, trade_figures: 10 });
    expect(saved && inspectFile(saved).counts.users).toBe(1);
    const restored = new Database(live, { readonly: true });
    expect(restored.pragma("journal_mode", { simple: true })).toBe("wal");
    expect((restored.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n).toBe(0);
    restored.close();
  });

  it("refuses a damaged or foreign file and leaves the database alone", async () => {
    makeDb(live, 3).close();
    writeFileSync(join(dir, "junk.db"), "not a database at all, just text that is long enough ".repeat(100));
    await expect(restoreDatabase(join(dir, "junk.db"), live)).rejects.toThrow();
    const other = new Database(join(dir, "other.db"));
    other.exec("CREATE TABLE notes (t TEXT)");
    other.close();
    await expect(restoreDatabase(join(dir, "other.db"), live)).rejects.toThrow(/not a portal database/);
    expect(inspectFile(live).counts.trade_figures).toBe(3);
  });
});

describe("processesHolding", () => {
  it("finds another process that has the database open", async () => {
    makeDb(live, 1).close();
    expect(processesHolding(live)).toEqual([]);
    const child = spawn(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3");const d=new D(${JSON.stringify(live)});d.prepare("SELECT 1").get();console.log("open");setTimeout(()=>{},10000)`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    try {
      expect(processesHolding(live)).toEqual([child.pid]);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
