import { expect, test, type Page } from "@playwright/test";
import { z } from "zod";
import { testDb } from "./db";

/** Public pages of each type, as a crawler would meet them. */
const PAGES = [
  "/",
  "/articles",
  "/articles/ckfta-explainer",
  "/topics/korea",
  "/agreements",
  "/agreements/ckfta",
  "/partners",
  "/partners/KOR",
  "/sources",
  "/sources/imf-dots",
];

const JsonLdNode = z.looseObject({ "@type": z.string() });
const Crumb = z.object({ "@type": z.literal("ListItem"), position: z.number(), name: z.string().min(1), item: z.url() });

/** Every JSON-LD node on a page; throws if any script is not valid JSON. */
async function jsonLd(page: Page) {
  const texts = await page.locator('script[type="application/ld+json"]').allTextContents();
  return texts.flatMap((t) => {
    const parsed: unknown = JSON.parse(t);
    return z.array(JsonLdNode).parse(Array.isArray(parsed) ? parsed : [parsed]);
  });
}

const meta = (page: Page, attr: "name" | "property", key: string) =>
  page.locator(`head meta[${attr}="${key}"]`).first().getAttribute("content");

/** Stories linked from the list: what a reader can reach. */
async function storySlugs(request: import("@playwright/test").APIRequestContext) {
  const html = await (await request.get("/articles")).text();
  return [...new Set([...html.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]!))];
}

/** Parses XML in the browser; fails on any parse error, as a feed reader would. */
async function parseXml(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.querySelector("parsererror")) return { ok: false as const, error: doc.querySelector("parsererror")?.textContent ?? "" };
    const channel = doc.querySelector("rss > channel");
    return {
      ok: true as const,
      root: doc.documentElement.nodeName,
      version: doc.documentElement.getAttribute("version"),
      title: channel?.querySelector(":scope > title")?.textContent ?? "",
      items: [...doc.querySelectorAll("rss > channel > item")].map((i) => ({
        title: i.querySelector("title")?.textContent ?? "",
        link: i.querySelector("link")?.textContent ?? "",
        pubDate: i.querySelector("pubDate")?.textContent ?? "",
      })),
    };
  }, xml);
}

test.describe("for search engines and feed readers", () => {
  test("robots.txt keeps crawlers out of admin and auth and names the sitemap", async ({ request }) => {
    const body = await (await request.get("/robots.txt")).text();
    expect(body).toMatch(/Disallow: \/admin/);
    expect(body).toMatch(/Disallow: \/api\/auth/);
    expect(body).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });

  test("sitemap.xml lists every story, agreement and partner page with its last change, and no draft", async ({ request }) => {
    const xml = await (await request.get("/sitemap.xml")).text();
    const urls = [...xml.matchAll(/<url>\s*<loc>([^<]+)<\/loc>(?:\s*<lastmod>([^<]+)<\/lastmod>)?/g)].map((m) => ({
      path: new URL(m[1]!).pathname,
      lastmod: m[2],
    }));
    const lastmod = new Map(urls.map((u) => [u.path, u.lastmod]));
    const stories = await storySlugs(request);
    expect(stories.length).toBeGreaterThanOrEqual(6);
    for (const s of stories) expect(lastmod.get(`/articles/${s}`), s).toMatch(/^\d{4}-\d{2}-\d{2}/);

    const db = testDb();
    try {
      const agreements = z.array(z.object({ slug: z.string() })).parse(await db.all("SELECT slug FROM agreements"));
      for (const a of agreements) expect(lastmod.has(`/agreements/${a.slug}`), a.slug).toBe(true);
      const partners = z
        .array(z.object({ code: z.string() }))
        .parse(await db.all("SELECT DISTINCT counterpart AS code FROM trade_figures WHERE counterpart <> 'WLD'"));
      for (const p of partners) expect(lastmod.has(`/partners/${p.code}`), p.code).toBe(true);

      // The tracker's lastmod is its newest round or published update (or a newer story about it).
      const tracker = z.object({ at: z.string() }).parse(
        await db.get(`SELECT max(at) AS at FROM (SELECT r.updated_at AS at FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta'
               UNION ALL SELECT u.updated_at FROM updates u JOIN agreements a ON a.id = u.agreement_id WHERE a.slug = 'ckfta' AND u.status = 'published') AS changes`),
      );
      expect(Date.parse(lastmod.get("/agreements/ckfta") ?? "")).toBeGreaterThanOrEqual(Date.parse(tracker.at));
      const kor = z
        .object({ at: z.string() })
        .parse(await db.get("SELECT max(updated_at) AS at FROM trade_figures WHERE counterpart = 'KOR'"));
      expect(Date.parse(lastmod.get("/partners/KOR") ?? "")).toBeGreaterThanOrEqual(Date.parse(kor.at));
    } finally {
      await db.close();
    }
    // Under 50,000 URLs the sitemap is one urlset and no part is served beside it.
    expect(xml).toContain("<urlset");
    expect((await request.get("/sitemaps/0.xml")).status()).toBe(404);
    // Search results and single-figure pages are noindex, so not listed.
    expect(urls.some((u) => u.path.startsWith("/search") || u.path.startsWith("/figures/"))).toBe(false);
    // Every listed story is one the public list shows: a draft (not on /articles) cannot slip in.
    for (const u of urls.filter((x) => x.path.startsWith("/articles/"))) expect(stories).toContain(u.path.slice("/articles/".length));
  });

  test("feed.xml is RSS 2.0, newest story first, and every page advertises it", async ({ request, page }) => {
    const res = await request.get("/feed.xml");
    expect(res.headers()["content-type"]).toContain("application/rss+xml");
    await page.goto("/articles/ckfta-explainer");
    const feed = await parseXml(page, await res.text());
    expect(feed.ok && feed.version).toBe("2.0");
    if (!feed.ok) return;
    const dates = feed.items.map((i) => Date.parse(i.pubDate));
    expect(dates.length).toBe((await storySlugs(request)).length);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute(
      "href",
      /^https?:\/\/[^/]+\/feed\.xml$/,
    );
  });

  test("a reader can follow just the CKFTA: its feed has its stories, rounds and published updates", async ({ request, page }) => {
    await page.goto("/agreements/ckfta");
    const link = page.locator('head link[rel="alternate"][type="application/rss+xml"][href$="/agreements/ckfta/feed.xml"]');
    await expect(link).toHaveCount(1);
    const href = await link.getAttribute("href");
    const res = await request.get(new URL(href!).pathname);
    expect(res.headers()["content-type"]).toContain("application/rss+xml");
    const feed = await parseXml(page, await res.text());
    expect(feed.ok && feed.version).toBe("2.0");
    if (!feed.ok) return;
    const links = feed.items.map((i) => new URL(i.link));

    const storiesOnPage = await page.locator("[data-story]").evaluateAll((els) => els.map((e) => e.getAttribute("data-story")));
    const db = testDb();
    try {
      const rounds = z
        .array(z.object({ number: z.number() }))
        .parse(await db.all("SELECT r.number FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta'"));
      const updates = z
        .array(z.object({ id: z.number(), status: z.string() }))
        .parse(await db.all("SELECT u.id, u.status FROM updates u JOIN agreements a ON a.id = u.agreement_id WHERE a.slug = 'ckfta'"));
      const hashes = links.map((l) => l.hash);
      for (const r of rounds) expect(hashes).toContain(`#round-${r.number}`);
      for (const u of updates) expect(hashes.includes(`#update-${u.id}`), `update ${u.id} (${u.status})`).toBe(u.status === "published");
      expect(updates.some((u) => u.status === "published")).toBe(true);
    } finally {
      await db.close();
    }
    const storyPaths = links.filter((l) => l.pathname.startsWith("/articles/")).map((l) => l.pathname.slice("/articles/".length));
    expect(storyPaths.sort()).toEqual([...new Set(storiesOnPage)].sort());
    // Each round and update link lands on its own entry of the tracker.
    for (const l of links.filter((x) => x.hash)) await expect(page.locator(l.hash)).toHaveCount(1);
  });

  test("each topic has a feed of its stories, advertised on the topic page", async ({ request, page }) => {
    await page.goto("/topics/korea");
    const link = page.locator('head link[rel="alternate"][type="application/rss+xml"][href$="/topics/korea/feed.xml"]');
    await expect(link).toHaveCount(1);
    const shown = await page.locator("[data-story]").evaluateAll((els) => els.map((e) => e.getAttribute("data-story")));
    const feed = await parseXml(page, await (await request.get("/topics/korea/feed.xml")).text());
    expect(feed.ok && feed.version).toBe("2.0");
    if (!feed.ok) return;
    expect(feed.items.map((i) => new URL(i.link).pathname.slice("/articles/".length)).sort()).toEqual([...shown].sort());
    expect(shown.length).toBeGreaterThan(0);
  });

  test("every story's JSON-LD names its headline, dates, author and card, as the page shows them", async ({ request, page }) => {
    for (const slug of await storySlugs(request)) {
      await page.goto(`/articles/${slug}`);
      const article = (await jsonLd(page)).find((n) => n["@type"] === "NewsArticle");
      expect(article, slug).toBeDefined();
      const a = z
        .object({
          headline: z.string(),
          datePublished: z.iso.date(),
          dateModified: z.iso.date(),
          // Bylines are the newsroom's desks (lib/content/staff.ts), so the author is the organisation, not a person.
          author: z.array(z.object({ "@type": z.literal("Organization"), name: z.string() })).min(1),
          image: z.array(z.url()).min(1),
          mainEntityOfPage: z.object({ "@id": z.url() }),
          publisher: z.object({ name: z.string() }),
        })
        .parse(article);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(a.headline);
      const times = page.locator("article header time");
      await expect(times.first()).toHaveAttribute("datetime", a.datePublished);
      await expect(times.last()).toHaveAttribute("datetime", a.dateModified);
      await expect(page.locator("article header")).toContainText(`By ${a.author[0]!.name}`);
      expect(a.mainEntityOfPage["@id"]).toBe(await page.locator('head link[rel="canonical"]').getAttribute("href"));
      // The card in JSON-LD is the Open Graph image, and it is a PNG.
      expect(a.image[0]).toBe(await meta(page, "property", "og:image"));
      const img = await request.get(new URL(a.image[0]!).pathname);
      expect(img.status()).toBe(200);
      expect(img.headers()["content-type"]).toBe("image/png");
    }
  });

  test("every public page has a description, an absolute canonical URL, Open Graph and Twitter cards", async ({ request, page }) => {
    for (const path of PAGES) {
      await page.goto(path);
      const canonical = await page.locator('head link[rel="canonical"]').getAttribute("href");
      expect(canonical, path).toMatch(/^https?:\/\//);
      // Next writes the root as "http://host" without the slash: the same URL once parsed.
      expect(new URL(canonical!).toString(), path).toBe(new URL(path, page.url()).toString());
      expect((await meta(page, "name", "description"))?.length ?? 0, path).toBeGreaterThan(50);
      expect(new URL((await meta(page, "property", "og:url")) ?? "").toString(), path).toBe(new URL(canonical!).toString());
      expect(await meta(page, "property", "og:title"), path).toBeTruthy();
      expect(await meta(page, "property", "og:description"), path).toBeTruthy();
      expect(await meta(page, "property", "og:site_name"), path).toBe("Cambodia Trade Monitor");
      expect(await meta(page, "name", "twitter:card"), path).toBe("summary_large_image");
      const image = await meta(page, "property", "og:image");
      expect(image, path).toMatch(/^https?:\/\//);
      expect(await meta(page, "name", "twitter:image"), path).toBe(image);
      const res = await request.get(new URL(image!).pathname + new URL(image!).search);
      expect(res.headers()["content-type"], path).toBe("image/png");
    }
  });

  test("BreadcrumbList on every page below the front page, ending at the page itself", async ({ page }) => {
    for (const path of PAGES.filter((p) => p !== "/")) {
      await page.goto(path);
      const list = (await jsonLd(page)).find((n) => n["@type"] === "BreadcrumbList");
      expect(list, path).toBeDefined();
      const items = z.array(Crumb).min(2).parse(list?.itemListElement);
      expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i + 1));
      expect(new URL(items[0]!.item).pathname).toBe("/");
      expect(items.at(-1)!.item, path).toBe(await page.locator('head link[rel="canonical"]').getAttribute("href"));
    }
    // The front page describes the site and its search instead.
    await page.goto("/");
    expect((await jsonLd(page)).map((n) => n["@type"])).toEqual(expect.arrayContaining(["WebSite", "NewsMediaOrganization"]));
  });

  test("data pages describe a Dataset with a CSV download; the tracker lists its rounds as events", async ({ page }) => {
    await page.goto("/partners/KOR");
    const dataset = z
      .object({ name: z.string(), distribution: z.array(z.object({ encodingFormat: z.string(), contentUrl: z.url() })) })
      .parse((await jsonLd(page)).find((n) => n["@type"] === "Dataset"));
    const csv = dataset.distribution.find((d) => d.encodingFormat === "text/csv");
    expect(csv && new URL(csv.contentUrl).pathname).toBe("/api/v1/figures");
    expect(csv && Object.fromEntries(new URL(csv.contentUrl).searchParams)).toEqual({ partner: "KOR", format: "csv" });

    await page.goto("/agreements/ckfta");
    const list = z
      .object({
        itemListElement: z.array(
          z.object({
            item: z.looseObject({
              "@type": z.literal("Event"),
              name: z.string(),
              startDate: z.iso.date(),
              endDate: z.iso.date(),
              eventAttendanceMode: z.url(),
            }),
          }),
        ),
      })
      .parse((await jsonLd(page)).find((n) => n["@type"] === "ItemList"));
    const db = testDb();
    try {
      const rounds = z
        .array(z.object({ number: z.number(), start_date: z.string(), end_date: z.string(), format: z.string() }))
        .parse(
          await db.all(
            "SELECT r.number, r.start_date, r.end_date, r.format FROM rounds r JOIN agreements a ON a.id = r.agreement_id WHERE a.slug = 'ckfta' ORDER BY r.number",
          ),
        );
      expect(list.itemListElement.map((e) => [e.item.startDate, e.item.endDate])).toEqual(rounds.map((r) => [r.start_date, r.end_date]));
      const mode: Record<string, string> = {
        virtual: "OnlineEventAttendanceMode",
        in_person: "OfflineEventAttendanceMode",
        hybrid: "MixedEventAttendanceMode",
      };
      expect(list.itemListElement.map((e) => e.item.eventAttendanceMode.split("/").at(-1))).toEqual(rounds.map((r) => mode[r.format]));
    } finally {
      await db.close();
    }
  });
});
