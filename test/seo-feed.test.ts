import { describe, expect, it } from "vitest";
import { agreementItems, FEED_LIMIT, markdownToText, renderRss, storyItems } from "@/lib/seo/feed";

const story = (slug: string, date: string, draft = false) => ({ slug, title: `Story ${slug}`, dek: "A standfirst", date, topics: ["korea"], draft });

describe("feeds", () => {
  it("leave drafts out: stories marked draft and updates not published", () => {
    const items = storyItems([story("a", "2020-07-02"), story("b", "2020-07-03", true)], { korea: "Korea" });
    expect(items.map((i) => i.path)).toEqual(["/articles/a"]);
    const agreement = {
      slug: "ckfta",
      name: "Cambodia–Korea FTA",
      shortName: "CKFTA",
      rounds: [{ number: 1, startDate: "2020-07-30", endDate: "2020-07-31", format: "virtual", host: null, topics: ["Goods"] }],
      updates: [
        { id: 1, postedAt: "2020-07-02T06:00:00Z", title: "Out", body: "**Talks** open", roundNumber: null, status: "published" },
        { id: 2, postedAt: "2020-07-03T06:00:00Z", title: "Not yet", body: "Draft", roundNumber: null, status: "draft" },
      ],
    };
    const paths = agreementItems(agreement).map((i) => i.path);
    expect(paths).toEqual(["/agreements/ckfta#round-1", "/agreements/ckfta#update-1"]);
  });

  it("render RSS 2.0, newest first, at most FEED_LIMIT items, with absolute links", () => {
    const stories = Array.from({ length: FEED_LIMIT + 5 }, (_, i) => story(`s${i}`, `2020-01-${String((i % 28) + 1).padStart(2, "0")}`));
    const xml = renderRss({ title: "T", description: "D", path: "/", feedPath: "/feed.xml", items: storyItems(stories, {}) });
    expect(xml).toMatch(/<rss version="2.0"/);
    const dates = [...xml.matchAll(/<pubDate>([^<]+)<\/pubDate>/g)].map((m) => Date.parse(m[1] ?? ""));
    expect(dates).toHaveLength(FEED_LIMIT);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    for (const m of xml.matchAll(/<link>([^<]+)<\/link>/g)) expect(m[1]).toMatch(/^https?:\/\//);
  });

  it("turn editor Markdown into plain text", () => {
    expect(markdownToText("**Talks** [open](https://x.example) in _Seoul_\n\n- one\n- two")).toBe("Talks open in Seoul one two");
  });
});
