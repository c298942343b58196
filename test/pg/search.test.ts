/**
 * What only PostgreSQL's search has (db/dialect/postgres/search.ts over db/migrations/postgres/0002_search.sql):
 * the same documents as SQLite's index of the same seed, fragments marked in JavaScript (ts_headline only
 * knows whole lexemes), and query plans that use the GIN and trigram indexes. Search itself, on both
 * engines with the same expectations, is test/search-index.test.ts.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { markFragments, snippetAround } from "@/db/dialect/postgres/search";
import { MARK_CLOSE, MARK_OPEN, toSegments } from "@/lib/search/query";
import { testDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await testDatabase("pg_search", { engine: "postgres" });
});

afterAll(async () => {
  await db?.dispose();
});

describe("the index", () => {
  it("holds the same documents as SQLite's index of the same seed, word for word", async () => {
    const lite = new Database(inject("pg").sqliteSeed, { readonly: true });
    try {
      const cols = `kind, ref, url, context, title, body, date`;
      const fromSqlite = lite.prepare(`SELECT ${cols} FROM search_docs ORDER BY kind, ref`).all();
      expect(await db.sql.all(`SELECT ${cols} FROM search_docs ORDER BY kind, ref`)).toEqual(fromSqlite);
      expect(fromSqlite.length).toBeGreaterThan(10);
    } finally {
      lite.close();
    }
  });
});

describe("marking fragments", () => {
  it("marks every occurrence, ignoring case and accents, on the original characters", () => {
    expect(toSegments(markFragments("Cambodia and CAMBODIAN exports; Cambodía", ["ambodi"]))).toEqual([
      { text: "C", hit: false },
      { text: "ambodi", hit: true },
      { text: "a and C", hit: false },
      { text: "AMBODI", hit: true },
      { text: "AN exports; C", hit: false },
      { text: "ambodí", hit: true },
      { text: "a", hit: false },
    ]);
  });

  it("cuts long text to a window around the first mark, saying where it cut", () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    words[60] = `${MARK_OPEN}hit${MARK_CLOSE}`;
    const snippet = snippetAround(words.join(" "));
    expect(snippet.startsWith("…") && snippet.endsWith("…")).toBe(true);
    expect(snippet).toContain(`${MARK_OPEN}hit${MARK_CLOSE}`);
    expect(snippet.split(" ").length).toBeLessThanOrEqual(28);
  });
});

describe("the query plans use the indexes", () => {
  it("answers words from the GIN index and fragments from the trigram index", async () => {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // With a few hundred rows the planner prefers a scan; forbid it to see that the index can answer.
      await client.query("SET enable_seqscan = off");
      const plan = async (text: string) =>
        (await client.query(`EXPLAIN ${text}`)).rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
      expect(await plan(`SELECT id FROM search_docs AS d WHERE d.words @@ 'korea:*'::tsquery`)).toMatch(/search_docs_words/);
      expect(
        await plan(`SELECT id FROM search_docs AS d WHERE ctm_fold(d.title || ' ' || d.context || ' ' || d.body) LIKE '%ambod%'`),
      ).toMatch(/search_docs_trigrams/);
    } finally {
      await client.end();
    }
  });
});
