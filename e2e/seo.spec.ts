import { expect, test } from "@playwright/test";

test.describe("for search engines and feed readers", () => {
  test("robots.txt keeps crawlers out of admin and auth and names the sitemap", async ({ request }) => {
    const body = await (await request.get("/robots.txt")).text();
    expect(body).toMatch(/Disallow: \/admin/);
    expect(body).toMatch(/Disallow: \/api\/auth/);
    expect(body).toMatch(/Sitemap: .*\/sitemap\.xml/);
  });

  test("sitemap.xml lists every story, agreement and partner page", async ({ request }) => {
    const xml = await (await request.get("/sitemap.xml")).text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const articlesHtml = await (await request.get("/articles")).text();
    const stories = [...new Set([...articlesHtml.matchAll(/href="(\/articles\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
    expect(stories.length).toBeGreaterThanOrEqual(6);
    for (const s of stories) expect(locs).toContain(s);
    for (const p of ["/", "/agreements/ckfta", "/agreements/rcep", "/partners/KOR", "/partners/JPN"]) expect(locs).toContain(p);
    expect(xml).toMatch(/<lastmod>/);
  });

  test("feed.xml is RSS 2.0, newest story first, and pages advertise it", async ({ request, page }) => {
    const res = await request.get("/feed.xml");
    expect(res.headers()["content-type"]).toContain("application/rss+xml");
    const xml = await res.text();
    expect(xml).toMatch(/<rss version="2.0"/);
    const dates = [...xml.matchAll(/<item>[\s\S]*?<pubDate>([^<]+)<\/pubDate>/g)].map((m) => Date.parse(m[1]!));
    expect(dates.length).toBeGreaterThanOrEqual(6);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    await page.goto("/articles/ckfta-explainer");
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", "/feed.xml");
    await expect(page.locator('head link[rel="canonical"]')).toHaveAttribute("href", /\/articles\/ckfta-explainer$/);
  });
});
