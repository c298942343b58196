import matter from "gray-matter";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrontmatterSchema } from "@/lib/content/schema";
import { fillFigures, generateStories, prng, storyContext } from "@/bench/lib/scale";

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-bench-scale-"));
  dbPath = join(dir, "t.db");
  // lib/env.ts reads DATABASE_URL when first imported: set it before importing db/.
  process.env.DATABASE_URL = `file:${dbPath}`;
  const { runMigrations } = await import("@/db/migrate");
  const { seed } = await import("@/db/seed");
  const { closeDb } = await import("@/db/client");
  await runMigrations();
  await seed();
  await closeDb();
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("prng", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = prng(1);
    const b = prng(1);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(prng(2)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("generated stories", () => {
  it("pass the same frontmatter validation as real stories and use live widgets", () => {
    const ctx = storyContext(dbPath);
    expect(ctx.partners.map((p) => p.code)).toContain("KOR");
    const contentDir = join(dir, "content");
    expect(generateStories(contentDir, 40, ctx)).toBe(40);
    const files = readdirSync(join(contentDir, "articles"));
    expect(files).toHaveLength(40);
    for (const f of files) {
      const { data, content } = matter(readFileSync(join(contentDir, "articles", f), "utf8"));
      const parsed = FrontmatterSchema.safeParse(data);
      expect(parsed.success, `${f}: ${parsed.error?.message}`).toBe(true);
      expect(content).toMatch(/<Figure partner="[A-Z]{3}" flow="total" period="\d{4}" \/>/);
    }
  });
});

/** The earliest generated period. */
function check0(path: string): { first: string } {
  const db = new Database(path, { readonly: true });
  const row = db
    .prepare("SELECT min(period_start) AS first FROM trade_figures WHERE period_start = period_end AND source_id = 'imf-dots'")
    .get() as { first: string };
  db.close();
  return row;
}

describe("generated figures", () => {
  it("fill the table to the target with one preferred value per cell", () => {
    const db = new Database(dbPath, { readonly: true });
    const before = (db.prepare("SELECT count(*) AS n FROM trade_figures").get() as { n: number }).n;
    db.close();
    const fill = fillFigures(dbPath, before + 5000, 100);
    expect(fill).toMatchObject({ inserted: 5000, total: before + 5000, monthly: 4500, reported: 500, addedPartners: 0 });
    expect(check0(dbPath).first).toBe("1960-01");
    const check = new Database(dbPath, { readonly: true });
    const worst = check
      .prepare(
        "SELECT max(n) AS n FROM (SELECT count(*) AS n FROM trade_figures WHERE preferred = 1 GROUP BY counterpart, khm_flow, period_start, period_end)",
      )
      .get() as { n: number };
    expect(worst.n).toBe(1);
    const cellsWithoutPreferred = check
      .prepare(
        "SELECT count(*) AS n FROM (SELECT 1 FROM trade_figures GROUP BY counterpart, khm_flow, period_start, period_end HAVING sum(period_start = period_end AND period_start < '2021') > 0 AND sum(preferred) = 0)",
      )
      .get() as { n: number };
    expect(cellsWithoutPreferred.n).toBe(0);
    const quoted = check.prepare("SELECT count(*) AS n FROM trade_figures WHERE note = 'Generated: a value quoted in a report.'").get() as {
      n: number;
    };
    expect(quoted.n).toBe(500);
    expect((check.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
    check.close();
  });
});
