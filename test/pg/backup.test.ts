/**
 * `npm run db:backup` and `npm run db:restore` with a postgres:// DATABASE_URL, run as the command
 * line runs them: pg_dump in custom format while writes go on (the dump is one snapshot and says how
 * many rows it holds), checked with pg_restore --list, restored into an empty database with every
 * row, and refused into a database that is not empty.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDump, PORTAL_TABLES } from "@/db/dialect/postgres/backup";
import { cloneDatabase, type TestDatabase } from "./helpers";

const run = promisify(execFile);
let source: TestDatabase;
let target: TestDatabase;
let dir: string;

beforeAll(async () => {
  source = await cloneDatabase("backup_src");
  target = await cloneDatabase("backup_dst", { empty: true });
  dir = mkdtempSync(join(tmpdir(), "ctm-pg-backup-"));
});

afterAll(async () => {
  await source?.drop();
  await target?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cli = (script: "db-backup" | "db-restore", url: string, args: string[]) =>
  run(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });

/** "  table  123" lines of the scripts' output. */
const countsIn = (out: string) => Object.fromEntries([...out.matchAll(/^ {2}(\w+) +(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));

async function tableCounts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of PORTAL_TABLES) counts[t] = Number((await client.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe("db:backup and db:restore on PostgreSQL", () => {
  const dump = () => join(dir, "portal.dump");

  it("dumps one consistent snapshot while writes go on, and checks it", async () => {
    const writer = new pg.Client({ connectionString: source.url });
    await writer.connect();
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        await writer.query(`INSERT INTO audit_log (at, action, entity, entity_id) VALUES ($1, 'test', 'backup', $2)`, [
          new Date().toISOString(),
          String(written),
        ]);
        written++;
      }
    })();
    try {
      const { stdout } = await cli("db-backup", source.url, ["--out", dump()]);
      expect(stdout).toMatch(/pg_dump custom format.*pg_restore --list: ok/);
      const counts = countsIn(stdout);
      expect(Object.keys(counts).sort()).toEqual([...PORTAL_TABLES].sort());
      expect(counts.trade_figures).toBeGreaterThan(15_000);
      expect(statSync(dump()).size).toBeGreaterThan(100_000);
      const listed = listDump(dump());
      for (const t of PORTAL_TABLES) expect(listed.tablesWithData).toContain(t);

      // The restored database holds exactly what the backup said, though writes went on meanwhile.
      const restored = await cli("db-restore", target.url, [dump()]);
      expect(countsIn(restored.stdout)).toEqual(counts);
      expect(await tableCounts(target.url)).toEqual(counts);
    } finally {
      writing = false;
      await writes;
      await writer.end();
    }
    expect(written).toBeGreaterThan(0);
  }, 120_000);

  it("restores search: the triggers, the text-search configuration and the index answer on the copy", async () => {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM search_docs WHERE words @@ to_tsquery('ctm_english', 'negotiations')`,
      );
      expect(rows[0].n).toBeGreaterThan(0);
      const before = (await client.query(`SELECT count(*)::int AS n FROM search_docs WHERE kind = 'update'`)).rows[0].n;
      await client.query(`INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at)
        SELECT id, '2021-01-01T00:00:00Z', 'Restored', 'Body', 'published', '2021-01-01T00:00:00Z' FROM agreements WHERE slug = 'ckfta'`);
      expect((await client.query(`SELECT count(*)::int AS n FROM search_docs WHERE kind = 'update'`)).rows[0].n).toBe(before + 1);
    } finally {
      await client.end();
    }
  });

  it("refuses to restore into a database that is not empty, and changes nothing there", async () => {
    const before = await tableCounts(source.url);
    const error = await cli("db-restore", source.url, [dump()]).catch((e: { stderr: string; code: number }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/not empty/);
    expect(await tableCounts(source.url)).toEqual(before);
  });
});
