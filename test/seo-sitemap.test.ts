import { describe, expect, it } from "vitest";
import { latest, planSitemap, renderSitemapIndex, renderUrlset, sitemapEntries, sitemapPart, type SitemapInput } from "@/lib/seo/sitemap";

const story = (slug: string, updated: string, extra: Partial<SitemapInput["articles"][number]> = {}) => ({
  slug,
  updated,
  topics: ["negotiations"],
  agreement: "ckfta",
  partners: ["KOR"],
  ...extra,
});

const input = (over: Partial<SitemapInput> = {}): SitemapInput => ({
  articles: [story("older", "2020-07-02"), story("newer", "2020-11-17")],
  topics: ["negotiations", "japan"],
  agreements: [{ slug: "ckfta" }, { slug: "rcep" }],
  partners: [{ code: "KOR" }, { code: "JPN" }],
  sources: [{ id: "imf-dots", publishedOn: "2022-01-31" }],
  agreementChanges: new Map([["ckfta", "2021-01-05T10:00:00Z"]]),
  partnerChanges: new Map([["KOR", "2020-12-01T00:00:00Z"]]),
  sourceChanges: new Map([["imf-dots", "2023-05-01T00:00:00Z"]]),
  figuresChanged: "2023-05-01T00:00:00Z",
  ...over,
});

const byPath = (entries: ReturnType<typeof sitemapEntries>) => new Map(entries.map((e) => [e.path, e.lastModified]));

describe("sitemap entries", () => {
  it("lists every public page type once, with the last change of what each shows", () => {
    const entries = sitemapEntries(input());
    const m = byPath(entries);
    expect(entries.length).toBe(m.size);
    expect(m.get("/articles/newer")).toBe("2020-11-17");
    expect(m.get("/articles")).toBe("2020-11-17");
    // The tracker changed after its newest story: the round or update edit wins.
    expect(m.get("/agreements/ckfta")).toBe("2021-01-05T10:00:00Z");
    // Nothing dated on RCEP: no lastmod rather than a made-up one.
    expect(m.has("/agreements/rcep")).toBe(true);
    expect(m.get("/agreements/rcep")).toBeUndefined();
    expect(m.get("/partners/KOR")).toBe("2020-12-01T00:00:00Z");
    expect(m.get("/topics/negotiations")).toBe("2020-11-17");
    expect(m.get("/sources/imf-dots")).toBe("2023-05-01T00:00:00Z");
    expect(m.get("/")).toBe("2023-05-01T00:00:00Z");
    expect(m.has("/data")).toBe(true);
    expect(m.has("/data/api")).toBe(true);
    expect([...m.keys()].some((p) => p.startsWith("/figures/") || p.startsWith("/search"))).toBe(false);
  });

  it("never lists a draft story, and a draft does not move any lastmod", () => {
    const m = byPath(
      sitemapEntries(input({ articles: [story("published", "2020-07-02"), story("secret", "2030-01-01", { draft: true })] })),
    );
    expect(m.has("/articles/secret")).toBe(false);
    expect(m.get("/articles")).toBe("2020-07-02");
    expect(m.get("/topics/negotiations")).toBe("2020-07-02");
    expect(m.get("/agreements/ckfta")).toBe("2021-01-05T10:00:00Z");
    expect(m.get("/partners/KOR")).toBe("2020-12-01T00:00:00Z");
  });
});

describe("latest", () => {
  it("compares dates and date-times as instants and skips blanks and garbage", () => {
    expect(latest("2020-07-02", "2020-07-01T23:59:59Z")).toBe("2020-07-02");
    expect(latest("2020-07-02", "2020-07-02T00:00:01Z")).toBe("2020-07-02T00:00:01Z");
    expect(latest(null, undefined, "not a date", "2019-01-01")).toBe("2019-01-01");
    expect(latest()).toBeUndefined();
  });
});

describe("splitting into a sitemap index", () => {
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ path: `/p/${i}`, lastModified: `2020-01-${String((i % 28) + 1).padStart(2, "0")}` }));

  it("stays one urlset up to the limit", () => {
    const plan = planSitemap(entries(5), 5);
    expect(plan.kind).toBe("urlset");
  });

  it("turns into an index one URL past the limit, each part within it, covering every URL once", () => {
    const all = entries(11);
    const plan = planSitemap(all, 5);
    expect(plan.kind).toBe("index");
    if (plan.kind !== "index") return;
    expect(plan.parts.map((p) => p.id)).toEqual([0, 1, 2]);
    const parts = plan.parts.map((p) => sitemapPart(all, p.id, 5));
    expect(parts.map((p) => p.length)).toEqual([5, 5, 1]);
    expect(parts.flat().map((e) => e.path)).toEqual(all.map((e) => e.path));
    // Each part's lastmod is the newest entry in it.
    expect(plan.parts[0]?.lastModified).toBe("2020-01-05");
    expect(sitemapPart(all, 3, 5)).toEqual([]);
  });

  it("uses the sitemaps.org limit of 50,000 by default", () => {
    expect(planSitemap(entries(50_000)).kind).toBe("urlset");
    const plan = planSitemap(entries(50_001));
    expect(plan.kind === "index" && plan.parts.length).toBe(2);
  });
});

describe("rendering", () => {
  it("writes absolute, escaped locations and optional lastmod", () => {
    const xml = renderUrlset([{ path: "/a?x=1&y=<2>" }, { path: "/b", lastModified: "2020-01-01" }], "https://example.org");
    expect(xml).toContain("<loc>https://example.org/a?x=1&amp;y=%3C2%3E</loc>");
    expect(xml).toContain("<loc>https://example.org/b</loc>\n<lastmod>2020-01-01</lastmod>");
    expect(xml.match(/<lastmod>/g)).toHaveLength(1);
  });

  it("writes an index pointing at /sitemaps/N.xml", () => {
    const xml = renderSitemapIndex([{ id: 0, lastModified: "2020-01-01" }, { id: 1 }], "https://example.org");
    expect(xml).toContain("<sitemapindex");
    expect(xml).toContain("<loc>https://example.org/sitemaps/0.xml</loc>\n<lastmod>2020-01-01</lastmod>");
    expect(xml).toContain("<loc>https://example.org/sitemaps/1.xml</loc>");
  });
});
