import { expect, test, type Page } from "@playwright/test";
import matter from "gray-matter";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { testDb } from "./db";

/**
 * Search as a reader uses it. Words to look for are taken from the story files and the test
 * database, never typed here, so the tests follow the content when it changes.
 */

type Story = { slug: string; title: string; words: string[] };

/** Published stories and the words of their prose (frontmatter, JSX widgets and Markdown marks removed). */
function storiesFromFiles(): Story[] {
  const dir = join(process.cwd(), "content", "articles");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => {
      const { data, content } = matter(readFileSync(join(dir, f), "utf8"));
      const prose = content.replace(/<[A-Z][\s\S]*?\/>/g, " ");
      const words = (prose.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => /^[a-z]+$/.test(w));
      return { slug: f.replace(/\.mdx$/, ""), title: String(data.title), draft: data.draft === true, words };
    })
    .filter((s) => !s.draft);
}

/** For each story, its longest word found in no other story (ties: alphabetical), so a search for it must find that story. */
function distinctiveWords(stories: Story[]): Map<string, string> {
  const df = new Map<string, number>();
  for (const s of stories) for (const w of new Set(s.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const s of stories) {
    const own = [...new Set(s.words)]
      .filter((w) => df.get(w) === 1 && w.length >= 6)
      .sort((a, b) => b.length - a.length || a.localeCompare(b));
    if (own[0]) out.set(s.slug, own[0]);
  }
  return out;
}

async function searchFor(page: Page, q: string) {
  const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
  expect(response?.status(), q.slice(0, 40)).toBe(200);
  return response;
}

const results = (page: Page) => page.locator("[data-search-results] [data-search-hit]");

test.describe("search", () => {
  const stories = storiesFromFiles();
  const words = distinctiveWords(stories);

  test("a distinctive word from each story finds that story", async ({ page }) => {
    expect(stories.length).toBeGreaterThan(0);
    expect([...words.keys()].sort()).toEqual(stories.map((s) => s.slug).sort());
    for (const s of stories) {
      const word = words.get(s.slug)!;
      await searchFor(page, word);
      await expect(results(page).locator(`a[href="/articles/${s.slug}"]`), `${s.slug}: ${word}`).toHaveCount(1);
      // The word is highlighted, as text, in the result.
      const hit = results(page).filter({ has: page.locator(`a[href="/articles/${s.slug}"]`) });
      await expect(hit.locator("mark").first()).toBeVisible();
    }
  });

  test("the start of a word, a fragment inside one and a misspelling still find the story", async ({ page }) => {
    const [slug, word] = [...words.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const link = () => results(page).locator(`a[href="/articles/${slug}"]`);

    await searchFor(page, word.slice(0, 5));
    await expect(link()).toHaveCount(1);

    await searchFor(page, word.slice(2, 7));
    await expect(link()).toHaveCount(1);

    // Swap two neighbouring letters in the middle: one edit away.
    const i = Math.floor(word.length / 2);
    const typo = word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
    expect(typo).not.toBe(word);
    await searchFor(page, typo);
    await expect(link()).toHaveCount(1);
  });

  test("the result count is what the index holds, and results are labelled by kind", async ({ page }) => {
    const db = testDb();
    const term = ((await db.value(`SELECT context FROM search_docs WHERE kind = 'round' LIMIT 1`)) as string).toLowerCase();
    // Each engine's own index, asked directly: FTS5 on SQLite, the tsvector column on PostgreSQL.
    const expected =
      db.engine === "sqlite"
        ? await db.all<{ kind: string; n: number }>(
            `SELECT d.kind, count(*) AS n FROM search_words JOIN search_docs d ON d.id = search_words.rowid WHERE search_words MATCH ? GROUP BY d.kind`,
            `"${term}"*`,
          )
        : await db.all<{ kind: string; n: number }>(
            `SELECT d.kind, count(*) AS n FROM search_docs d
             WHERE d.words @@ (SELECT string_agg(quote_literal(w.lexeme) || ':*', ' & ')::tsquery FROM unnest(to_tsvector('ctm_english'::regconfig, ?)) AS w) GROUP BY d.kind`,
            term,
          );
    await db.close();
    const total = expected.reduce((s, r) => s + r.n, 0);
    await searchFor(page, term);
    await expect(page.locator("[data-result-count]")).toHaveAttribute("data-result-count", String(total));
    const shown = Math.min(total, 10);
    await expect(results(page)).toHaveCount(shown);
    for (const kind of await results(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-search-hit")))) {
      expect(["story", "round", "update"]).toContain(kind);
    }
    expect(new Set(await results(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-search-hit")))).size).toBeGreaterThan(1);
  });

  test("pages through results with each result on exactly one page", async ({ page }) => {
    // The seed indexes every story, round and update: an index with fewer than two pages of
    // documents means indexing broke, which is what this test must catch, not skip.
    const db = testDb();
    const total = await db.value(`SELECT count(*) FROM search_docs`);
    await db.close();
    expect(total, "documents in the search index").toEqual(expect.any(Number));
    expect(total).toBeGreaterThan(10);
    // The word the most documents share gives several pages.
    await searchFor(page, "the");
    const count = Number(await page.locator("[data-result-count]").getAttribute("data-result-count"));
    expect(count, "results for 'the'").toBeGreaterThan(10);
    const seen: string[] = [];
    for (;;) {
      seen.push(
        ...(await results(page)
          .locator("h2 a")
          .evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))),
      );
      const next = page.getByRole("link", { name: "Next page" });
      if ((await next.count()) === 0) break;
      // Wait for the page the link names, not any page: the URL of the page just read has a page number too.
      const nextPage = new URL((await next.getAttribute("href")) ?? "", page.url()).searchParams.get("page");
      expect(nextPage, "the next page's number").toMatch(/^\d+$/);
      await next.click();
      await expect(page).toHaveURL(new RegExp(`[?&]page=${nextPage}(&|$)`));
    }
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
  });

  test("round and update results land on their anchors on the tracker", async ({ page }) => {
    const db = testDb();
    const round = (await db.get(`SELECT title, url FROM search_docs WHERE kind = 'round' ORDER BY id LIMIT 1`)) as {
      title: string;
      url: string;
    };
    const update = (await db.get(
      `SELECT d.title, d.url FROM search_docs d JOIN updates u ON CAST(u.id AS TEXT) = d.ref WHERE d.kind = 'update' AND u.status = 'published' ORDER BY d.id LIMIT 1`,
    )) as { title: string; url: string };
    const draft = await db.value(
      `SELECT count(*) FROM search_docs d JOIN updates u ON CAST(u.id AS TEXT) = d.ref WHERE d.kind = 'update' AND u.status <> 'published'`,
    );
    await db.close();
    expect(draft).toBe(0);
    for (const doc of [round, update]) {
      await searchFor(page, doc.title);
      await results(page).locator(`a[href="${doc.url}"]`).click();
      await expect(page).toHaveURL(new RegExp(`${doc.url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
      await expect(page.locator(`[id="${doc.url.split("#")[1]}"]`)).toBeVisible();
    }
  });

  test("hostile input comes back as inert text with a 200", async ({ page }) => {
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    const inputs = [
      `"`,
      `"rules of origin`,
      `korea AND NOT japan OR NEAR(trade, 2) title:ckfta -rcep ^asean trade* (round`,
      `<script>alert("search")</script>`,
      `<img src=x onerror=alert(1)>`,
      `'); DROP TABLE search_docs; --`,
      "🇰🇭🚢📦",
      "trade 🚢 korea",
      `${"negotiation ".repeat(100)}`,
    ];
    for (const q of inputs) {
      await searchFor(page, q);
      // The box shows what was searched (after the length cap) as a value, not markup.
      const shown = Array.from(q.trim()).slice(0, 200).join("");
      await expect(page.getByRole("searchbox", { name: "Search stories, rounds and updates" })).toHaveValue(shown);
      await expect(page.locator("script:not([src])", { hasText: "alert(" })).toHaveCount(0);
      await expect(page.locator("img[src='x']")).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
    }
    expect(dialogs).toBe(0);

    await searchFor(page, `<script>alert("search")</script>`);
    await expect(page.getByText(`<script>alert("search")</script>`, { exact: false }).first()).toBeVisible();

    await searchFor(page, "negotiation ".repeat(100));
    await expect(page.locator("[data-search-notes]")).toContainText("longer than 200 characters");

    await searchFor(page, "🇰🇭🚢📦");
    await expect(page.locator("[data-no-results]")).toContainText("no letters or numbers");

    // The search table is intact after all that.
    const db = testDb();
    expect(await db.value(`SELECT count(*) FROM search_docs`)).toBeGreaterThan(0);
    await db.close();
  });

  test("an empty search, a bad page number and a search for nothing indexed get a clear answer", async ({ page }) => {
    await searchFor(page, "");
    await expect(page.getByRole("searchbox", { name: "Search stories, rounds and updates" })).toHaveValue("");
    await expect(page.locator("[data-search-results]")).toHaveCount(0);

    const response = await page.goto("/search?q=korea&page=abc");
    expect(response?.status()).toBe(200);
    await expect(page.locator("[data-search-notes]")).toContainText("page must be a number");
    await expect(results(page).first()).toBeVisible();

    await searchFor(page, "zqxjvkwpfh");
    await expect(page.locator("[data-no-results]")).toContainText("Nothing found");
    await expect(page.locator("[data-no-results] a").first()).toBeVisible();
  });

  test("result pages tell search engines not to index them", async ({ page }) => {
    await searchFor(page, "korea");
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/search$/);
  });

  test("the header search box submits to /search", async ({ page }) => {
    await page.goto("/articles");
    const box = page.getByRole("searchbox", { name: "Search the site" });
    const term = words.values().next().value!;
    await box.fill(term);
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/search\\?q=${term}$`));
    await expect(page.getByRole("searchbox", { name: "Search stories, rounds and updates" })).toHaveValue(term);
    await expect(results(page).first()).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" })).toHaveAttribute("href", "/data");
  });

  test.describe("at phone width", () => {
    test.use({ viewport: { width: 360, height: 800 } });
    for (const path of ["/search", "/search?q=rules%20of%20origin", `/search?q=${"x".repeat(1000)}`]) {
      test(`${path.slice(0, 40)} fits without sideways scrolling`, async ({ page }) => {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await expect(page.getByRole("searchbox", { name: "Search the site" })).toBeVisible();
      });
    }
  });
});
