/**
 * The search index (search_docs, kept by triggers and db/search-index.ts) and search itself
 * (db/queries/search.ts through the engine's SearchBackend) on a seeded database of the project's
 * engine: FTS5 on SQLite, tsvector and pg_trgm on PostgreSQL. The same documents, the same order of
 * trying (words, fragments, corrected spellings, any word) and the same hostile inputs on both.
 * What only PostgreSQL has (its query plans, fragment marking) is in test/pg/search.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RawSql } from "./support/raw-sql";
import { testDatabase, type TestDatabase } from "./support/test-database";

type IndexModule = typeof import("@/db/search-index");
type SearchModule = typeof import("@/db/queries/search");
type QueryModule = typeof import("@/lib/search/query");

let test: TestDatabase;
let indexer: IndexModule;
let searchModule: SearchModule;
let q: QueryModule;
let db: RawSql;

const NOW = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  test = await testDatabase("search");
  db = test.sql;
  indexer = await import("@/db/search-index");
  searchModule = await import("@/db/queries/search");
  q = await import("@/lib/search/query");
}, 30_000);

afterAll(async () => {
  await test?.dispose();
});

const ckftaId = () => db.value<number>(`SELECT id FROM agreements WHERE slug = 'ckfta'`);
type Doc = { ref: string; url: string; context: string; title: string; body: string };
const docs = (kind: string) => db.all<Doc>(`SELECT ref, url, context, title, body FROM search_docs WHERE kind = ? ORDER BY id`, kind);
const doc = async (kind: string, ref: number | string) => (await docs(kind)).find((d) => d.ref === String(ref));
/** Inserts a row and returns its id (RETURNING: both engines). */
const insertId = (statement: string, ...params: unknown[]) => db.value<number>(`${statement} RETURNING id`, ...params);
/** Document urls the search finds for `text`, through the connection the site reads with. */
const found = async (text: string) => (await searchModule.search(q.parseQuery(text))).hits.map((h) => h.url);
const foundAll = async (text: string) => {
  const first = await searchModule.search(q.parseQuery(text));
  const urls: string[] = [];
  for (let p = 1; p <= Math.max(1, first.pageCount); p++)
    urls.push(...(await searchModule.search(q.parseQuery(text), p)).hits.map((h) => h.url));
  return urls;
};

/**
 * The engine's own index agrees with search_docs. SQLite: FTS5's integrity check of each index.
 * PostgreSQL: search_vocab holds exactly the words of search_docs with their document counts (the
 * trigger's bookkeeping); tsvector and trigram indexes are computed from the row itself.
 */
async function checkIndexes() {
  if (test.engine === "sqlite") {
    for (const t of ["search_words", "search_trigrams", "search_plain"])
      await db.run(`INSERT INTO ${t} (${t}, rank) VALUES ('integrity-check', 1)`);
    return;
  }
  const expected = await db.all(
    `SELECT w AS term, count(*)::int AS docs FROM search_docs, unnest(ctm_doc_words(title, context, body)) AS w GROUP BY w ORDER BY w COLLATE "C"`,
  );
  const actual = await db.all(`SELECT term, docs FROM search_vocab ORDER BY term`);
  expect(actual).toEqual(expected);
  expect(actual.length).toBeGreaterThan(100);
}

describe("building the index", () => {
  it("holds every round and every published update, and no draft", async () => {
    const rounds = await db.value<number>(`SELECT count(*) FROM rounds`);
    const published = (await db.column(`SELECT id FROM updates WHERE status = 'published' ORDER BY id`)).map(String);
    expect(await docs("round")).toHaveLength(rounds);
    expect((await docs("update")).map((d) => d.ref)).toEqual(published);
    await checkIndexes();
  });

  it("holds every published story, and indexing again replaces rather than adds", async () => {
    const { readArticles } = await import("@/lib/content/read");
    const slugs = readArticles()
      .map((a) => a.slug)
      .sort();
    expect((await docs("story")).map((d) => d.ref).sort()).toEqual(slugs);
    expect(await indexer.indexStories()).toBe(slugs.length);
    expect(await indexer.indexStories()).toBe(slugs.length);
    expect(await docs("story")).toHaveLength(slugs.length);
    await checkIndexes();
  });

  it("indexes a story's words, not its MDX: no widget tags, no Markdown marks", async () => {
    for (const d of await docs("story")) {
      expect(d.url).toBe(`/articles/${d.ref}`);
      expect(d.body).not.toMatch(/<[A-Z]\w*|\/>|\*\*|^#/m);
    }
  });

  it("links rounds to the tracker's row anchors and updates to their entries", async () => {
    const r = (await db.get<{ id: number; number: number }>(
      `SELECT id, number FROM rounds WHERE agreement_id = ? ORDER BY number LIMIT 1`,
      await ckftaId(),
    ))!;
    expect((await doc("round", r.id))?.url).toBe(`/agreements/ckfta#round-${r.number}`);
    const u = await db.value<number>(`SELECT id FROM updates WHERE status = 'published' ORDER BY id LIMIT 1`);
    expect((await doc("update", u))?.url).toBe(`/agreements/ckfta#update-${u}`);
  });

  it("replaces the story rows with exactly the documents given", async () => {
    await indexer.indexStories([
      { slug: "only-story", title: "Only story", context: "Tests", body: "zanzibarite quokka", date: "2020-01-01" },
    ]);
    expect((await docs("story")).map((d) => d.ref)).toEqual(["only-story"]);
    expect(await found("quokka")).toEqual(["/articles/only-story"]);
    await indexer.indexStories();
    expect(await found("quokka")).toEqual([]);
    await checkIndexes();
  });
});

describe("triggers keep rounds in step", () => {
  it("adds a new round, follows edits to it and drops it when deleted", async () => {
    const id = await insertId(
      `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, topics, summary, updated_at) VALUES (?, 97, '2021-03-01', '2021-03-02', 'hybrid', ?, ?, ?)`,
      await ckftaId(),
      JSON.stringify(["Sanitary measures"]),
      "Talks on **phytosanitary** rules in Siem Reap.",
      NOW,
    );
    expect(await found("phytosanitary")).toEqual(["/agreements/ckfta#round-97"]);
    expect(await found("sanitary measures")).toContain("/agreements/ckfta#round-97");
    expect((await doc("round", id))?.body).not.toContain("**");

    await db.run(`UPDATE rounds SET summary = 'Talks on fisheries subsidies.', number = 98 WHERE id = ?`, id);
    expect(await found("phytosanitary")).toEqual([]);
    expect(await found("fisheries")).toEqual(["/agreements/ckfta#round-98"]);

    await db.run(`DELETE FROM rounds WHERE id = ?`, id);
    expect(await found("fisheries")).toEqual([]);
    expect(await doc("round", id)).toBeUndefined();
    await checkIndexes();
  });

  it("renumbers the round's updates when the round is renumbered, and unlinks them when it is deleted", async () => {
    const round = await insertId(
      `INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES (?, 96, '2021-04-01', '2021-04-01', 'virtual', ?)`,
      await ckftaId(),
      NOW,
    );
    const upd = await insertId(
      `INSERT INTO updates (agreement_id, round_id, posted_at, title, body, status, updated_at) VALUES (?, ?, '2021-04-01T08:00:00Z', 'Wombat day', 'Body', 'published', ?)`,
      await ckftaId(),
      round,
      NOW,
    );
    expect((await doc("update", upd))?.context).toBe("CKFTA round 96");
    await db.run(`UPDATE rounds SET number = 95 WHERE id = ?`, round);
    expect((await doc("update", upd))?.context).toBe("CKFTA round 95");
    await db.run(`DELETE FROM rounds WHERE id = ?`, round);
    expect((await doc("update", upd))?.context).toBe("CKFTA");
    await db.run(`DELETE FROM updates WHERE id = ?`, upd);
    await checkIndexes();
  });
});

describe("triggers keep updates in step, and drafts out", () => {
  const insert = async (status: string, title: string, body: string) =>
    insertId(
      `INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at) VALUES (?, '2021-05-01T09:30:00Z', ?, ?, ?, ?)`,
      await ckftaId(),
      title,
      body,
      status,
      NOW,
    );

  it("never indexes a draft, indexes it once published, and drops it when it goes back to draft", async () => {
    const id = await insert("draft", "Embargoed briefing", "Negotiators discussed xylophone tariffs.");
    expect(await doc("update", id)).toBeUndefined();
    expect(await found("xylophone")).toEqual([]);

    await db.run(`UPDATE updates SET body = 'Negotiators discussed marimba tariffs.' WHERE id = ?`, id);
    expect(await found("marimba")).toEqual([]);

    await db.run(`UPDATE updates SET status = 'published' WHERE id = ?`, id);
    expect(await found("marimba")).toEqual([`/agreements/ckfta#update-${id}`]);
    expect(await found("embargoed")).toEqual([`/agreements/ckfta#update-${id}`]);

    await db.run(`UPDATE updates SET status = 'draft' WHERE id = ?`, id);
    expect(await found("marimba")).toEqual([]);
    expect(await doc("update", id)).toBeUndefined();
    await db.run(`DELETE FROM updates WHERE id = ?`, id);
    await checkIndexes();
  });

  it("follows an edit to a published update and drops it when deleted", async () => {
    const id = await insert("published", "Ocelot note", "About **ocelots**.");
    expect(await found("ocelot")).toEqual([`/agreements/ckfta#update-${id}`]);
    await db.run(`UPDATE updates SET title = 'Pangolin note', body = 'About pangolins.' WHERE id = ?`, id);
    expect(await found("ocelot")).toEqual([]);
    expect(await found("pangolin")).toEqual([`/agreements/ckfta#update-${id}`]);
    await db.run(`DELETE FROM updates WHERE id = ?`, id);
    expect(await found("pangolin")).toEqual([]);
    await checkIndexes();
  });

  it("relinks rounds and updates when their agreement is renamed, and back", async () => {
    const before = (await docs("round")).filter((d) => d.url.startsWith("/agreements/ckfta#")).length;
    const id = await ckftaId();
    const short = await db.value<string>(`SELECT short_name FROM agreements WHERE id = ?`, id);
    await db.run(`UPDATE agreements SET slug = 'ckfta-renamed', short_name = 'KCFTA' WHERE id = ?`, id);
    try {
      const moved = (await docs("round")).filter((d) => d.url.startsWith("/agreements/ckfta-renamed#round-"));
      expect(moved).toHaveLength(before);
      expect(moved.every((d) => d.context === "KCFTA" && d.title.startsWith("KCFTA round"))).toBe(true);
      expect((await docs("update")).every((d) => d.url.startsWith("/agreements/ckfta-renamed#update-"))).toBe(true);
    } finally {
      await db.run(`UPDATE agreements SET slug = 'ckfta', short_name = ? WHERE id = ?`, short, id);
    }
    expect((await docs("round")).filter((d) => d.url.startsWith("/agreements/ckfta#")).length).toBe(before);
    await checkIndexes();
  });
});

describe("searching", () => {
  it("finds whole words, ranked with the title first, with highlighted snippets", async () => {
    const out = await searchModule.search(q.parseQuery("fourth round"));
    expect(out.mode).toBe("words");
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits[0]?.title.some((s) => s.hit)).toBe(true);
    expect(out.hits.every((h) => [...h.title, ...h.snippet].some((s) => s.hit))).toBe(true);
    // Title matches outrank body-only matches.
    const titleHits = out.hits.map((h) => h.title.some((s) => s.hit));
    expect(titleHits.indexOf(false) === -1 || titleHits.lastIndexOf(true) < titleHits.indexOf(false)).toBe(true);
  });

  it("finds partial words: the start of a word, then a fragment inside one", async () => {
    const start = await searchModule.search(q.parseQuery("negot"));
    expect(start.mode).toBe("words");
    expect(start.total).toBeGreaterThan(0);
    const inside = await searchModule.search(q.parseQuery("ambodi"));
    expect(inside.mode).toBe("fragments");
    expect(inside.total).toBeGreaterThan(0);
    expect(inside.hits[0]?.snippet.find((s) => s.hit)?.text.toLowerCase()).toBe("ambodi");
  });

  it("finds misspelt words through the nearest indexed spelling", async () => {
    for (const [typo, word] of [
      ["koera", "korea"],
      ["cambodai", "cambodia"],
      ["garmnets", "garments"],
    ] as const) {
      const out = await searchModule.search(q.parseQuery(typo));
      expect(out.mode, typo).toBe("corrected");
      expect(out.corrections, typo).toEqual([{ from: typo, to: word }]);
      expect(out.total, typo).toBeGreaterThan(0);
      const marked = out.hits
        .flatMap((h) => [...h.title, ...h.snippet])
        .filter((s) => s.hit)
        .map((s) => s.text.toLowerCase());
      expect(marked, typo).toContain(word);
    }
  });

  it("lets stemming absorb a dropped letter near the end of a word", async () => {
    // Porter reduces "negotations" to a stem that prefixes "negotiations", so no correction is needed.
    const out = await searchModule.search(q.parseQuery("negotations"));
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits.flatMap((h) => [...h.title, ...h.snippet]).some((s) => s.hit && /^negoti/i.test(s.text))).toBe(true);
  });

  it("falls back to any of several words when no document has all of them", async () => {
    const out = await searchModule.search(q.parseQuery("japan qwertyuiopzz"));
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
      // PostgreSQL's tsquery and LIKE syntax
      `korea & japan | !trade`,
      `korea <-> japan`,
      `korea:* trade:A`,
      `100% of_it \\ back\\slash`,
      `'quoted' ''doubled''`,
      `e'\\x00'`,
    ];
    for (const input of inputs) {
      await expect(searchModule.search(q.parseQuery(input)), input.slice(0, 40)).resolves.toBeDefined();
    }
    expect(await db.value(`SELECT count(*) FROM search_docs`)).toBeGreaterThan(0);
  });

  it("treats query operators as plain words", async () => {
    // "korea & !japan" must not mean "korea but not japan" (tsquery), nor NOT (FTS5): it is the words korea and japan.
    const plain = await searchModule.search(q.parseQuery("korea japan"));
    for (const text of ["korea & !japan", "korea -japan", "(korea) | japan*"]) {
      const withOperators = await searchModule.search(q.parseQuery(text));
      expect(withOperators.total, text).toBe(plain.total);
      expect(
        withOperators.hits.map((h) => h.url),
        text,
      ).toEqual(plain.hits.map((h) => h.url));
    }
  });

  it("gives markup in stored text back as text, and stray markers cannot make markup", async () => {
    const id = await insertId(
      `INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at) VALUES (?, '2021-06-01T09:30:00Z', ?, ?, 'published', ?)`,
      await ckftaId(),
      "<b>Capybara</b> \uE000 note",
      "<script>alert('capybara')</script> <img src=x onerror=alert(1)> capybara",
      NOW,
    );
    try {
      const out = await searchModule.search(q.parseQuery("capybara"));
      const hit = out.hits.find((h) => h.url.endsWith(`#update-${id}`));
      expect(hit).toBeDefined();
      const text = [...hit!.title, ...hit!.snippet].map((s) => s.text).join("");
      expect(text).toContain("<b>Capybara</b>");
      expect(text).toContain("<script>alert('capybara')</script>");
      expect(hit!.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toContain("capybara");
    } finally {
      await db.run(`DELETE FROM updates WHERE id = ?`, id);
    }
  });

  it("pages through every result exactly once", async () => {
    const out = await searchModule.search(q.parseQuery("the"));
    expect(out.total).toBeGreaterThan(10);
    const urls = await foundAll("the");
    expect(urls).toHaveLength(out.total);
    expect(new Set(urls).size).toBe(out.total);
    // A page past the end shows the last page.
    const last = await searchModule.search(q.parseQuery("the"), 50);
    expect(last.page).toBe(out.pageCount);
  });

  it("finds nothing for an empty query and says what to try", async () => {
    const page = await searchModule.loadSearchPage({ q: "   " });
    expect(page.outcome).toBeNull();
    expect(page.suggestions?.agreements).toContain("CKFTA");
    expect(page.suggestions?.latestStories.length).toBeGreaterThan(0);
  });
});
