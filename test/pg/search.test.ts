/**
 * Search on PostgreSQL (db/dialect/postgres/search.ts over db/migrations/postgres/0002_search.sql):
 * the cases of test/search-index.test.ts, with the same hostile inputs, against a clone of the seeded
 * template. The triggers keep rounds and updates in step; stories come from the indexer.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresDialect } from "@/db/dialect/postgres/client";
import { markFragments, searchPostgres, searchSuggestionsPostgres, snippetAround } from "@/db/dialect/postgres/search";
import { indexStoriesWith } from "@/db/dialect/search-index";
import type { Dialect } from "@/db/dialect/types";
import { MARK_CLOSE, MARK_OPEN, parseQuery, toSegments } from "@/lib/search/query";
import { cloneDatabase, sqliteSeedCopy, type TestDatabase } from "./helpers";

let db: TestDatabase;
let d: Dialect & { pool: pg.Pool };
const NOW = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  db = await cloneDatabase("search");
  d = postgresDialect(db.url);
});

afterAll(async () => {
  await d?.close();
  await db?.drop();
});

const q = async (text: string, params: unknown[] = []) => (await d.pool.query(text, params)).rows;
const ckftaId = async () => (await q(`SELECT id FROM agreements WHERE slug = 'ckfta'`))[0].id as number;
type Doc = { ref: string; url: string; context: string; title: string; body: string };
const docs = async (kind: string) => (await q(`SELECT ref, url, context, title, body FROM search_docs WHERE kind = $1 ORDER BY id`, [kind])) as Doc[];
const doc = async (kind: string, ref: number | string) => (await docs(kind)).find((x) => x.ref === String(ref));
const search = (text: string, page = 1) => searchPostgres(d, parseQuery(text), page);
const found = async (text: string) => (await search(text)).hits.map((h) => h.url);

/** search_vocab holds exactly the words of search_docs, with their document counts (the trigger's bookkeeping). */
async function checkVocabulary() {
  const expected = await q(`SELECT w AS term, count(*)::int AS docs FROM search_docs, unnest(ctm_doc_words(title, context, body)) AS w GROUP BY w ORDER BY w COLLATE "C"`);
  const actual = await q(`SELECT term, docs FROM search_vocab ORDER BY term`);
  expect(actual).toEqual(expected);
  expect(actual.length).toBeGreaterThan(100);
}

describe("building the index", () => {
  it("holds every round and every published update, and no draft", async () => {
    const rounds = Number((await q(`SELECT count(*) AS n FROM rounds`))[0].n);
    const published = (await q(`SELECT id::text AS id FROM updates WHERE status = 'published' ORDER BY id`)).map((r) => r.id);
    expect(await docs("round")).toHaveLength(rounds);
    expect((await docs("update")).map((x) => x.ref)).toEqual(published);
    await checkVocabulary();
  });

  it("holds every published story, and indexing again replaces rather than adds", async () => {
    const { readArticles } = await import("@/lib/content/read");
    const { storyDocs } = await import("@/db/search-index");
    const stories = storyDocs(readArticles());
    expect((await docs("story")).map((x) => x.ref).sort()).toEqual(stories.map((s) => s.slug).sort());
    expect(await indexStoriesWith(d, stories)).toBe(stories.length);
    expect(await indexStoriesWith(d, stories)).toBe(stories.length);
    expect(await docs("story")).toHaveLength(stories.length);
    await checkVocabulary();
  });

  it("holds the same documents as SQLite's index of the same seed, word for word", async () => {
    const seed = sqliteSeedCopy("pg-search");
    const lite = new Database(seed.path, { readonly: true });
    try {
      const cols = `kind, ref, url, context, title, body, date`;
      const fromSqlite = lite.prepare(`SELECT ${cols} FROM search_docs ORDER BY kind, ref`).all();
      expect(await q(`SELECT ${cols} FROM search_docs ORDER BY kind, ref`)).toEqual(fromSqlite);
      expect(fromSqlite.length).toBeGreaterThan(10);
    } finally {
      lite.close();
      seed.cleanup();
    }
  });

  it("replaces the story rows with exactly the documents given", async () => {
    const { readArticles } = await import("@/lib/content/read");
    const { storyDocs } = await import("@/db/search-index");
    await indexStoriesWith(d, [{ slug: "only-story", title: "Only story", context: "Tests", body: "zanzibarite quokka", date: "2020-01-01" }]);
    expect((await docs("story")).map((x) => x.ref)).toEqual(["only-story"]);
    expect(await found("quokka")).toEqual(["/articles/only-story"]);
    await indexStoriesWith(d, storyDocs(readArticles()));
    expect(await found("quokka")).toEqual([]);
    await checkVocabulary();
  });
});

describe("triggers keep rounds in step", () => {
  it("adds a new round, follows edits to it and drops it when deleted", async () => {
    const [{ id }] = await q(
      `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, topics, summary, updated_at) VALUES ($1, 97, '2021-03-01', '2021-03-02', 'hybrid', $2, $3, $4) RETURNING id`,
      [await ckftaId(), JSON.stringify(["Sanitary measures"]), "Talks on **phytosanitary** rules in Siem Reap.", NOW],
    );
    expect(await found("phytosanitary")).toEqual(["/agreements/ckfta#round-97"]);
    expect(await found("sanitary measures")).toContain("/agreements/ckfta#round-97");
    expect((await doc("round", id))?.body).not.toContain("**");

    await q(`UPDATE rounds SET summary = 'Talks on fisheries subsidies.', number = 98 WHERE id = $1`, [id]);
    expect(await found("phytosanitary")).toEqual([]);
    expect(await found("fisheries")).toEqual(["/agreements/ckfta#round-98"]);

    await q(`DELETE FROM rounds WHERE id = $1`, [id]);
    expect(await found("fisheries")).toEqual([]);
    expect(await doc("round", id)).toBeUndefined();
    await checkVocabulary();
  });

  it("renumbers the round's updates when the round is renumbered, and unlinks them when it is deleted", async () => {
    const [{ id: round }] = await q(
      `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES ($1, 96, '2021-04-01', '2021-04-01', 'virtual', $2) RETURNING id`,
      [await ckftaId(), NOW],
    );
    const [{ id: upd }] = await q(
      `INSERT INTO updates (agreement_id, round_id, posted_at, title, body, status, updated_at) VALUES ($1, $2, '2021-04-01T08:00:00Z', 'Wombat day', 'Body', 'published', $3) RETURNING id`,
      [await ckftaId(), round, NOW],
    );
    expect((await doc("update", upd))?.context).toBe("CKFTA round 96");
    await q(`UPDATE rounds SET number = 95 WHERE id = $1`, [round]);
    expect((await doc("update", upd))?.context).toBe("CKFTA round 95");
    await q(`DELETE FROM rounds WHERE id = $1`, [round]);
    expect((await doc("update", upd))?.context).toBe("CKFTA");
    await q(`DELETE FROM updates WHERE id = $1`, [upd]);
    await checkVocabulary();
  });
});

describe("triggers keep updates in step, and drafts out", () => {
  const insert = async (status: string, title: string, body: string) =>
    (
      await q(
        `INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at) VALUES ($1, '2021-05-01T09:30:00Z', $2, $3, $4, $5) RETURNING id`,
        [await ckftaId(), title, body, status, NOW],
      )
    )[0].id as number;

  it("never indexes a draft, indexes it once published, and drops it when it goes back to draft", async () => {
    const id = await insert("draft", "Embargoed briefing", "Negotiators discussed xylophone tariffs.");
    expect(await doc("update", id)).toBeUndefined();
    expect(await found("xylophone")).toEqual([]);

    await q(`UPDATE updates SET body = 'Negotiators discussed marimba tariffs.' WHERE id = $1`, [id]);
    expect(await found("marimba")).toEqual([]);

    await q(`UPDATE updates SET status = 'published' WHERE id = $1`, [id]);
    expect(await found("marimba")).toEqual([`/agreements/ckfta#update-${id}`]);
    expect(await found("embargoed")).toEqual([`/agreements/ckfta#update-${id}`]);

    await q(`UPDATE updates SET status = 'draft' WHERE id = $1`, [id]);
    expect(await found("marimba")).toEqual([]);
    expect(await doc("update", id)).toBeUndefined();
    await q(`DELETE FROM updates WHERE id = $1`, [id]);
    await checkVocabulary();
  });

  it("follows an edit to a published update and drops it when deleted", async () => {
    const id = await insert("published", "Ocelot note", "About **ocelots**.");
    expect(await found("ocelot")).toEqual([`/agreements/ckfta#update-${id}`]);
    await q(`UPDATE updates SET title = 'Pangolin note', body = 'About pangolins.' WHERE id = $1`, [id]);
    expect(await found("ocelot")).toEqual([]);
    expect(await found("pangolin")).toEqual([`/agreements/ckfta#update-${id}`]);
    await q(`DELETE FROM updates WHERE id = $1`, [id]);
    expect(await found("pangolin")).toEqual([]);
    await checkVocabulary();
  });

  it("relinks rounds and updates when their agreement is renamed", async () => {
    const before = (await docs("round")).filter((x) => x.url.startsWith("/agreements/ckfta#")).length;
    const client = await d.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE agreements SET slug = 'ckfta-renamed', short_name = 'KCFTA' WHERE id = $1`, [await ckftaId()]);
      const rounds = (await client.query(`SELECT url, context, title FROM search_docs WHERE kind = 'round' AND url LIKE '/agreements/ckfta-renamed#round-%'`)).rows;
      expect(rounds).toHaveLength(before);
      expect(rounds.every((x) => x.context === "KCFTA" && x.title.startsWith("KCFTA round"))).toBe(true);
      const updates = (await client.query(`SELECT url FROM search_docs WHERE kind = 'update'`)).rows;
      expect(updates.every((x) => x.url.startsWith("/agreements/ckfta-renamed#update-"))).toBe(true);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
    expect((await docs("round")).filter((x) => x.url.startsWith("/agreements/ckfta#")).length).toBe(before);
  });
});

describe("searching", () => {
  it("finds whole words, ranked with the title first, with highlighted snippets", async () => {
    const out = await search("fourth round");
    expect(out.mode).toBe("words");
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits[0]?.title.some((s) => s.hit)).toBe(true);
    expect(out.hits.every((h) => [...h.title, ...h.snippet].some((s) => s.hit))).toBe(true);
    // Title matches outrank body-only matches.
    const titleHits = out.hits.map((h) => h.title.some((s) => s.hit));
    expect(titleHits.indexOf(false) === -1 || titleHits.lastIndexOf(true) < titleHits.indexOf(false)).toBe(true);
  });

  it("finds partial words: the start of a word, then a fragment inside one", async () => {
    const start = await search("negot");
    expect(start.mode).toBe("words");
    expect(start.total).toBeGreaterThan(0);
    const inside = await search("ambodi");
    expect(inside.mode).toBe("fragments");
    expect(inside.total).toBeGreaterThan(0);
    expect(inside.hits[0]?.snippet.find((s) => s.hit)?.text.toLowerCase()).toBe("ambodi");
  });

  it("finds misspelt words through the nearest indexed spelling", async () => {
    for (const [typo, word] of [["koera", "korea"], ["cambodai", "cambodia"], ["garmnets", "garments"]] as const) {
      const out = await search(typo);
      expect(out.mode, typo).toBe("corrected");
      expect(out.corrections, typo).toEqual([{ from: typo, to: word }]);
      expect(out.total, typo).toBeGreaterThan(0);
      const marked = out.hits.flatMap((h) => [...h.title, ...h.snippet]).filter((s) => s.hit).map((s) => s.text.toLowerCase());
      expect(marked, typo).toContain(word);
    }
  });

  it("lets stemming absorb a dropped letter near the end of a word", async () => {
    const out = await search("negotations");
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits.flatMap((h) => [...h.title, ...h.snippet]).some((s) => s.hit && /^negoti/i.test(s.text))).toBe(true);
  });

  it("falls back to any of several words when no document has all of them", async () => {
    const out = await search("japan qwertyuiopzz");
    expect(out.mode).toBe("any");
    expect(out.total).toBeGreaterThan(0);
  });

  it("answers hostile input without throwing", async () => {
    const inputs = [
      `"`,
      `"unbalanced`,
      `AND`,
      `OR NOT NEAR`,
      `NEAR(korea japan, 2)`,
      `title:korea`,
      `korea*`,
      `^korea`,
      `-korea`,
      `(korea`,
      `korea)`,
      `'); DROP TABLE search_docs; --`,
      `<script>alert(1)</script>`,
      `${"x".repeat(1200)}`,
      `${"korea ".repeat(300)}`,
      `🇰🇭🚢📦`,
      `korea 🚢 trade`,
      "\u0000\uE000\uE001",
      "កម្ពុជា",
      // tsquery and LIKE syntax of PostgreSQL's own
      `korea & japan | !trade`,
      `korea <-> japan`,
      `korea:* trade:A`,
      `100% of_it \\ back\\slash`,
      `'quoted' ''doubled''`,
      `e'\\x00'`,
    ];
    for (const input of inputs) {
      await expect(search(input), input.slice(0, 40)).resolves.toBeDefined();
    }
    expect(Number((await q(`SELECT count(*) AS n FROM search_docs`))[0].n)).toBeGreaterThan(0);
  });

  it("treats tsquery operators in a query as plain words", async () => {
    // "korea & !japan" must not mean "korea but not japan": it is the words korea and japan.
    const plain = await search("korea japan");
    const withOperators = await search("korea & !japan");
    expect(withOperators.total).toBe(plain.total);
    expect(withOperators.hits.map((h) => h.url)).toEqual(plain.hits.map((h) => h.url));
  });

  it("pages through every result exactly once", async () => {
    const out = await search("the");
    expect(out.total).toBeGreaterThan(10);
    const urls: string[] = [];
    for (let p = 1; p <= out.pageCount; p++) urls.push(...(await search("the", p)).hits.map((h) => h.url));
    expect(urls).toHaveLength(out.total);
    expect(new Set(urls).size).toBe(out.total);
    const last = await search("the", 50);
    expect(last.page).toBe(out.pageCount);
  });

  it("finds nothing for an empty query and suggests what to try", async () => {
    expect((await search("   ")).mode).toBe("none");
    const suggestions = await searchSuggestionsPostgres(d);
    expect(suggestions.agreements).toContain("CKFTA");
    expect(suggestions.latestStories.length).toBeGreaterThan(0);
  });

  it("gives markup in stored text back as text, and stray markers cannot make markup", async () => {
    const id = (
      await q(
        `INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at) VALUES ($1, '2021-06-01T09:30:00Z', $2, $3, 'published', $4) RETURNING id`,
        [await ckftaId(), "<b>Capybara</b> \uE000 note", "<script>alert('capybara')</script> <img src=x onerror=alert(1)> capybara", NOW],
      )
    )[0].id;
    try {
      const out = await search("capybara");
      const hit = out.hits.find((h) => h.url.endsWith(`#update-${id}`));
      expect(hit).toBeDefined();
      const text = [...hit!.title, ...hit!.snippet].map((s) => s.text).join("");
      expect(text).toContain("<b>Capybara</b>");
      expect(text).toContain("<script>alert('capybara')</script>");
      expect(hit!.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toContain("capybara");
    } finally {
      await q(`DELETE FROM updates WHERE id = $1`, [id]);
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
    const client = await d.pool.connect();
    try {
      // With a few hundred rows the planner prefers a scan; forbid it to see that the index can answer.
      await client.query("SET enable_seqscan = off");
      const words = (await client.query(`EXPLAIN SELECT id FROM search_docs AS d WHERE d.words @@ 'korea:*'::tsquery`)).rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(words).toMatch(/search_docs_words/);
      const fragments = (await client.query(`EXPLAIN SELECT id FROM search_docs AS d WHERE ctm_fold(d.title || ' ' || d.context || ' ' || d.body) LIKE '%ambod%'`)).rows
        .map((r) => r["QUERY PLAN"])
        .join("\n");
      expect(fragments).toMatch(/search_docs_trigrams/);
    } finally {
      client.release();
    }
  });
});


