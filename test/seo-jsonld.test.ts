import { describe, expect, it } from "vitest";
import { breadcrumbJsonLd, newsArticleJsonLd, roundsJsonLd, serializeJsonLd } from "@/lib/seo/jsonld";
import { clip } from "@/lib/seo/metadata";

describe("serializeJsonLd", () => {
  it("cannot close its script tag, and parses back to the same value", () => {
    const node = { "@type": "NewsArticle", headline: "</script><script>alert(1)</script> & <!-- \u2028" };
    const out = serializeJsonLd(node);
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual(node);
  });
});

describe("builders", () => {
  it("numbers breadcrumbs from Home with absolute URLs", () => {
    const b = breadcrumbJsonLd([
      { name: "Agreements", path: "/agreements" },
      { name: "CKFTA", path: "/agreements/ckfta" },
    ]);
    const items = b.itemListElement as { position: number; name: string; item: string }[];
    expect(items.map((i) => i.position)).toEqual([1, 2, 3]);
    expect(items[0]?.name).toBe("Home");
    for (const i of items) expect(i.item).toMatch(/^https?:\/\//);
  });

  it("names a story's headline, dates, author, image and page", () => {
    const a = newsArticleJsonLd(
      {
        slug: "x",
        title: "A headline",
        dek: "A standfirst long enough",
        date: "2020-07-02",
        updated: "2020-07-03",
        author: "A. Writer",
        topics: ["korea"],
        sources: [],
      },
      { korea: "Korea" },
    );
    expect(a).toMatchObject({
      "@type": "NewsArticle",
      headline: "A headline",
      datePublished: "2020-07-02",
      dateModified: "2020-07-03",
      author: [{ name: "A. Writer" }],
      articleSection: ["Korea"],
    });
    expect(a.image).toEqual([expect.stringMatching(/\/articles\/x\/opengraph-image$/)]);
    expect(a.mainEntityOfPage).toMatchObject({ "@id": expect.stringMatching(/\/articles\/x$/) });
  });

  it("maps each round's format to an attendance mode and never invents a venue", () => {
    const list = roundsJsonLd({ slug: "ckfta", name: "Cambodia–Korea FTA", shortName: "CKFTA" }, [
      { number: 1, startDate: "2020-07-30", endDate: "2020-07-31", format: "virtual", host: null, topics: [] },
      { number: 2, startDate: "2020-09-01", endDate: "2020-09-02", format: "in_person", host: "Seoul", topics: ["Rules of origin"] },
      { number: 3, startDate: "2020-10-06", endDate: "2020-10-08", format: "in_person", host: null, topics: [] },
    ]);
    const events = (list.itemListElement as { item: Record<string, unknown> }[]).map((e) => e.item);
    expect(events.map((e) => e.eventAttendanceMode)).toEqual([
      "https://schema.org/OnlineEventAttendanceMode",
      "https://schema.org/OfflineEventAttendanceMode",
      "https://schema.org/OfflineEventAttendanceMode",
    ]);
    expect(events[0]?.location).toMatchObject({ "@type": "VirtualLocation" });
    expect(events[1]?.location).toMatchObject({ "@type": "Place", name: "Seoul" });
    expect(events[2]).not.toHaveProperty("location");
    expect(events[1]).toMatchObject({ startDate: "2020-09-01", endDate: "2020-09-02" });
  });
});

describe("clip", () => {
  it("keeps short text and cuts long text at a word with an ellipsis", () => {
    expect(clip("short  text", 20)).toBe("short text");
    const c = clip("one two three four five six seven", 20);
    expect(c.length).toBeLessThanOrEqual(20);
    expect(c).toBe("one two three four…");
  });
});
