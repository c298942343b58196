import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";

type ClientModule = typeof import("@/db/client");
type IndexModule = typeof import("@/db/search-index");
type SearchModule = typeof import("@/db/queries/search");
type QueryModule = typeof import("@/lib/search/query");

let dir: string;
let client: ClientModule;
let indexer: IndexModule;
let searchModule: SearchModule;
let q: QueryModule;
let db: Database.Database;

const NOW = "2026-11-20T00:00:00Z";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ctm-search-"));
  // lib/env.ts reads DATABASE_URL when first imported: set it before importing anything from db/.
  process.env.DATABASE_URL = `file:${join(dir, "t.db")}`;
  const migrate = await import("@/db/migrate");
  const seed = await import("@/db/seed");
  client = await import("@/db/client");
  indexer = await import("@/db/search-index");
  searchModule = await import("@/db/queries/search");
  q = await import("@/lib/search/query");
  migrate.runMigrations();
  seed.seed();
  indexer.indexStories();
  db = client.rawWriter();
}, 30_000);

afterAll(() => {
  client?.closeDb();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ckftaId = () => db.prepare(`SELECT id FROM agreements WHERE slug = 'ckfta'`).pluck().get() as number;
const docs = (kind: string) => db.prepare(`SELECT ref, url, context, title, body FROM search_docs WHERE kind = ? ORDER BY id`).all(kind) as { ref: string; url: string; context: string; title: string; body: string }[];
const doc = (kind: string, ref: number | string) => docs(kind).find((d) => d.ref === String(ref));
/** Document urls the search finds for `text`, through the read-only connection the site uses. */
const found = async (text: string) => (await searchModule.search(q.parseQuery(text))).hits.map((h) => h.url);
const foundAll = async (text: string) => {
  const first = await searchModule.search(q.parseQuery(text));
  const urls: string[] = [];
  for (let p = 1; p <= Math.max(1, first.pageCount); p++) urls.push(...(await searchModule.search(q.parseQuery(text), p)).hits.map((h) => h.url));
  return urls;
};

/** FTS5's own consistency check of each index against search_docs; throws if they disagree. */
function checkIndexes() {
  for (const t of ["search_words", "search_trigrams", "search_plain"]) {
    db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('integrity-check', 1)`).run();
  }
}

describe("building the index", () => {
  it("holds every round and every published update, and no draft", async () => {
    const rounds = db.prepare(`SELECT count(*) FROM rounds`).pluck().get();
    const published = db.prepare(`SELECT id FROM updates WHERE status = 'published' ORDER BY id`).pluck().all().map(String);
    expect(docs("round")).toHaveLength(rounds as number);
    expect(docs("update").map((d) => d.ref)).toEqual(published);
    checkIndexes();
  });

  it("holds every published story, and indexing again replaces rather than adds", async () => {
    const { readArticles } = await import("@/lib/content/read");
    const slugs = readArticles().map((a) => a.slug).sort();
    expect(docs("story").map((d) => d.ref).sort()).toEqual(slugs);
    expect(indexer.indexStories()).toBe(slugs.length);
    expect(indexer.indexStories()).toBe(slugs.length);
    expect(docs("story")).toHaveLength(slugs.length);
    checkIndexes();
  });

  it("indexes a story's words, not its MDX: no widget tags, no Markdown marks", async () => {
    for (const d of docs("story")) {
      expect(d.url).toBe(`/articles/${d.ref}`);
      expect(d.body).not.toMatch(/<[A-Z]\w*|\/>|\*\*|^#/m);
    }
  });

  it("links rounds to the tracker's row anchors and updates to their entries", async () => {
    const r = db.prepare(`SELECT id, number FROM rounds WHERE agreement_id = ? ORDER BY number LIMIT 1`).get(ckftaId()) as { id: number; number: number };
    expect(doc("round", r.id)?.url).toBe(`/agreements/ckfta#round-${r.number}`);
    const u = db.prepare(`SELECT id FROM updates WHERE status = 'published' ORDER BY id LIMIT 1`).pluck().get() as number;
    expect(doc("update", u)?.url).toBe(`/agreements/ckfta#update-${u}`);
  });

  it("replaces the story rows with exactly the documents given", async () => {
    indexer.indexStories([{ slug: "only-story", title: "Only story", context: "Tests", body: "zanzibarite quokka", date: "2020-01-01" }]);
    expect(docs("story").map((d) => d.ref)).toEqual(["only-story"]);
    expect(await found("quokka")).toEqual(["/articles/only-story"]);
    indexer.indexStories();
    expect(await found("quokka")).toEqual([]);
    checkIndexes();
  });
});

describe("triggers keep rounds in step", () => {
  it("adds a new round, follows edits to it and drops it when deleted", async () => {
    const id = db
      .prepare(`INSERT INTO rounds (agreement_id, number, start_date, end_date, format, topics, summary, updated_at) VALUES (?, 97, '2021-03-01', '2021-03-02', 'hybrid', ?, ?, ?)`)
      .run(ckftaId(), JSON.stringify(["Sanitary measures"]), "Talks on **phytosanitary** rules in Siem Reap.", NOW).lastInsertRowid;
    expect(await found("phytosanitary")).toEqual(["/agreements/ckfta#round-97"]);
    expect(await found("sanitary measures")).toContain("/agreements/ckfta#round-97");
    expect(doc("round", Number(id))?.body).not.toContain("**");

    db.prepare(`UPDATE rounds SET summary = 'Talks on fisheries subsidies.', number = 98 WHERE id = ?`).run(id);
    expect(await found("phytosanitary")).toEqual([]);
    expect(await found("fisheries")).toEqual(["/agreements/ckfta#round-98"]);

    db.prepare(`DELETE FROM rounds WHERE id = ?`).run(id);
    expect(await found("fisheries")).toEqual([]);
    expect(doc("round", Number(id))).toBeUndefined();
    checkIndexes();
  });

  it("renumbers the round's updates when the round is renumbered, and unlinks them when it is deleted", async () => {
    const round = db
      .prepare(`INSERT INTO rounds (agreement_id, number, start_date, end_date, format, updated_at) VALUES (?, 96, '2021-04-01', '2021-04-01', 'virtual', ?)`)
      .run(ckftaId(), NOW).lastInsertRowid;
    const upd = db
      .prepare(`INSERT INTO updates (agreement_id, round_id, posted_at, title, body, status, updated_at) VALUES (?, ?, '2021-04-01T08:00:00Z', 'Wombat day', 'Body', 'published', ?)`)
      .run(ckftaId(), round, NOW).lastInsertRowid;
    expect(doc("update", Number(upd))?.context).toBe("CKFTA round 96");
    db.prepare(`UPDATE rounds SET number = 95 WHERE id = ?`).run(round);
    expect(doc("update", Number(upd))?.context).toBe("CKFTA round 95");
    db.prepare(`DELETE FROM rounds WHERE id = ?`).run(round);
    expect(doc("update", Number(upd))?.context).toBe("CKFTA");
    db.prepare(`DELETE FROM updates WHERE id = ?`).run(upd);
    checkIndexes();
  });
});

describe("triggers keep updates in step, and drafts out", () => {
  const insert = (status: string, title: string, body: string) =>
    Number(
      db
        .prepare(`INSERT INTO updates (agreement_id, posted_at, title, body, status, updated_at) VALUES (?, '2021-05-01T09:30:00Z', ?, ?, ?, ?)`)
        .run(ckftaId(), title, body, status, NOW).lastInsertRowid,
    );

  it("never indexes a draft, indexes it once published, and drops it when it goes back to draft", async () => {
    const id = insert("draft", "Embargoed briefing", "Negotiators discussed xylophone tariffs.");
    expect(doc("update", id)).toBeUndefined();
    expect(await found("xylophone")).toEqual([]);

    db.prepare(`UPDATE updates SET body = 'Negotiators discussed marimba tariffs.' WHERE id = ?`).run(id);
    expect(await found("marimba")).toEqual([]);

    db.prepare(`UPDATE updates SET status = 'published' WHERE id = ?`).run(id);
    expect(await found("marimba")).toEqual([`/agreements/ckfta#update-${id}`]);
    expect(await found("embargoed")).toEqual([`/agreements/ckfta#update-${id}`]);

    db.prepare(`UPDATE updates SET status = 'draft' WHERE id = ?`).run(id);
    expect(await found("marimba")).toEqual([]);
    expect(doc("update", id)).toBeUndefined();
    db.prepare(`DELETE FROM updates WHERE id = ?`).run(id);
    checkIndexes();
  });

  it("follows an edit to a published update and drops it when deleted", async () => {
    const id = insert("published", "Ocelot note", "About **ocelots**.");
    expect(await found("ocelot")).toEqual([`/agreements/ckfta#update-${id}`]);
    db.prepare(`UPDATE updates SET title = 'Pangolin note', body = 'About pangolins.' WHERE id = ?`).run(id);
    expect(await found("ocelot")).toEqual([]);
    expect(await found("pangolin")).toEqual([`/agreements/ckfta#update-${id}`]);
    db.prepare(`DELETE FROM updates WHERE id = ?`).run(id);
    expect(await found("pangolin")).toEqual([]);
    checkIndexes();
  });

  it("relinks rounds and updates when their agreement is renamed", async () => {
    const before = docs("round").filter((d) => d.url.startsWith("/agreements/ckfta#")).length;
    db.exec("SAVEPOINT rename");
    try {
      db.prepare(`UPDATE agreements SET slug = 'ckfta-renamed', short_name = 'KCFTA' WHERE id = ?`).run(ckftaId());
      const moved = docs("round").filter((d) => d.url.startsWith("/agreements/ckfta-renamed#round-"));
      expect(moved).toHaveLength(before);
      expect(moved.every((d) => d.context === "KCFTA" && d.title.startsWith("KCFTA round"))).toBe(true);
      expect(docs("update").every((d) => d.url.startsWith("/agreements/ckfta-renamed#update-"))).toBe(true);
    } finally {
      db.exec("ROLLBACK TO rename; RELEASE rename");
    }
    checkIndexes();
  });
});

describe("searching", () => {
  it("finds whole words, ranked with the title first, with highlighted snippets", async () => {
    const out = await searchModule.search(q.parseQuery("fourth round"));
    expect(out.mode).toBe("words");
    expect(out.total).toBeGreaterThan(0);
    expect(out.hits[0]?.title.some((s) => s.hit)).toBe(true);
    expect(out.hits.every((h) => [...h.title, ...h.snippet].some((s) => s.hit))).toBe(true);
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
    for (const [typo, word] of [["koera", "korea"], ["cambodai", "cambodia"], ["garmnets", "garments"]] as const) {
      const out = await searchModule.search(q.parseQuery(typo));
      expect(out.mode, typo).toBe("corrected");
      expect(out.corrections, typo).toEqual([{ from: typo, to: word }]);
      expect(out.total, typo).toBeGreaterThan(0);
      const marked = out.hits.flatMap((h) => [...h.title, ...h.snippet]).filter((s) => s.hit).map((s) => s.text.toLowerCase());
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
    ];
    for (const input of inputs) {
      await expect(searchModule.search(q.parseQuery(input)), input.slice(0, 40)).resolves.toBeDefined();
    }
    expect(db.prepare(`SELECT count(*) FROM search_docs`).pluck().get()).toBeGreaterThan(0);
  });

  it("pages through every result exactly once", async () => {
    const out = await searchModule.search(q.parseQuery("the"));
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
